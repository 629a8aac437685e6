package org.rapport.federation;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import org.greenbytes.http.sfv.ByteSequenceItem;
import org.greenbytes.http.sfv.ListElement;
import org.rapport.federation.HttpSignatures.Request;
import org.rapport.federation.HttpSignatures.SignatureFailure;

/**
 * The digests through which a signature covers the body: {@code Digest: SHA-256=base64} of draft-cavage and
 * {@code Content-Digest: sha-256=:base64:} of RFC 9530. Written with SHA-256; SHA-256 and SHA-512 are read, and
 * every supported digest given must match the body.
 */
final class BodyDigests {

	private BodyDigests() {
	}

	/** The draft-cavage {@code Digest} header of the body. */
	static String digestHeader(byte[] body) {
		return "SHA-256=" + Base64.getEncoder().encodeToString(digest("SHA-256", body));
	}

	/** The RFC 9530 {@code Content-Digest} header of the body. */
	static String contentDigestHeader(byte[] body) {
		return "sha-256=" + ByteSequenceItem.valueOf(digest("SHA-256", body)).serialize();
	}

	/** draft-cavage {@code Digest: SHA-256=base64[, SHA-512=base64]}. */
	static void checkDigest(Request request) throws SignatureFailure {
		String header = request.header("digest");
		if (header == null) {
			throw SignatureFailure.unauthorized("The signature covers digest, which the request does not carry.");
		}
		boolean checked = false;
		for (String part : header.split(",")) {
			int equals = part.indexOf('=');
			if (equals < 0) {
				throw SignatureFailure.badRequest("The Digest header is malformed.");
			}
			String algorithm = algorithm(part.substring(0, equals).strip().toLowerCase(Locale.ROOT));
			if (algorithm != null) {
				byte[] expected = SignatureChecks.decodeBase64(part.substring(equals + 1).strip(), "Digest");
				requireMatch(expected, algorithm, request, "Digest");
				checked = true;
			}
		}
		if (!checked) {
			throw SignatureFailure.badRequest("The Digest header has no SHA-256 or SHA-512 digest.");
		}
	}

	/** RFC 9530 {@code Content-Digest: sha-256=:base64:[, sha-512=:base64:]}. */
	static void checkContentDigest(Request request) throws SignatureFailure {
		String header = request.header("content-digest");
		if (header == null) {
			throw SignatureFailure.unauthorized("The signature covers content-digest, which the request does not carry.");
		}
		boolean checked = false;
		for (Map.Entry<String, ListElement<?>> entry : SignatureFields.dictionary(header, "Content-Digest").entrySet()) {
			String algorithm = algorithm(entry.getKey());
			if (algorithm == null) {
				continue;
			}
			byte[] expected = SignatureFields.bytes(entry.getValue());
			if (expected == null) {
				throw SignatureFailure.badRequest("The Content-Digest " + entry.getKey() + " value is not a byte sequence.");
			}
			requireMatch(expected, algorithm, request, "Content-Digest");
			checked = true;
		}
		if (!checked) {
			throw SignatureFailure.badRequest("The Content-Digest header has no sha-256 or sha-512 digest.");
		}
	}

	static byte[] digest(String algorithm, byte[] body) {
		try {
			return MessageDigest.getInstance(algorithm).digest(body);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(algorithm + " is missing from this Java runtime.", e);
		}
	}

	private static String algorithm(String name) {
		return switch (name) {
			case "sha-256" -> "SHA-256";
			case "sha-512" -> "SHA-512";
			default -> null;
		};
	}

	private static void requireMatch(byte[] expected, String algorithm, Request request, String header)
			throws SignatureFailure {
		byte[] body = request.body() == null ? new byte[0] : request.body();
		if (!MessageDigest.isEqual(expected, digest(algorithm, body))) {
			throw SignatureFailure.badRequest("The body does not match its " + header + " header.");
		}
	}
}
