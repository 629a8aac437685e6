package org.rapport.federation;

import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs outgoing and verifies incoming ActivityPub requests with HTTP signatures, in both dialects the fediverse
 * speaks: draft-cavage-http-signatures-12 (what Mastodon has sent for years, {@link CavageSignatures}) and RFC 9421
 * HTTP Message Signatures (what Mastodon, Fedify and others move to, {@link MessageSignatures}). Pure functions of the
 * request, the key and the clock: no network, no state, so the federation module decides where keys come from and
 * how often it retries.
 *
 * <p>
 * Verification is strict about what must be covered, because a signature that does not cover the method, the
 * target and the body proves little: see {@link #verify}. Failures carry the HTTP status to answer with (401 when
 * the signature does not authenticate the request, 400 when the request itself is malformed).
 */
public final class HttpSignatures {

	/** Longest signature-related header accepted; real ones are well under 2 KB, longer ones are refused unread. */
	static final int MAX_HEADER_LENGTH = 8 * 1024;

	private HttpSignatures() {
	}

	/**
	 * A request as the receiver sees it. Header names are matched without regard to case; a header may have several
	 * values (field lines). {@code target} is the full URI the request was sent to, including the query, as the
	 * receiver reconstructs it (scheme and authority of the public base URL). {@code body} may be {@code null}.
	 */
	public record Request(String method, URI target, Map<String, List<String>> headers, byte[] body) {

		public Request {
			Objects.requireNonNull(method, "method");
			Objects.requireNonNull(target, "target");
			headers = headers == null ? Map.of() : headers;
		}

		/** Convenience for requests whose headers have one value each. */
		public static Request of(String method, URI target, Map<String, String> headers, byte[] body) {
			Map<String, List<String>> multi = new LinkedHashMap<>();
			headers.forEach((name, value) -> multi.put(name, List.of(value)));
			return new Request(method, target, multi, body);
		}

		/** All values of the header, in order; empty when absent. */
		public List<String> values(String name) {
			List<String> values = new ArrayList<>();
			headers.forEach((key, list) -> {
				if (key != null && key.equalsIgnoreCase(name) && list != null) {
					list.stream().filter(Objects::nonNull).forEach(values::add);
				}
			});
			return values;
		}

		/** The header's values, each trimmed, joined with ", " as HTTP combines field lines; null when absent. */
		public String header(String name) {
			List<String> values = values(name);
			if (values.isEmpty()) {
				return null;
			}
			return String.join(", ", values.stream().map(String::strip).toList());
		}

		boolean hasBody() {
			return body != null && body.length > 0;
		}
	}

	/** Finds the public key for a key id (typically by fetching the actor document); may throw on any failure. */
	@FunctionalInterface
	public interface KeyResolver {

		PublicKey resolve(String keyId) throws Exception;
	}

	/** A signature that checked out: whose key made it, in which dialect, and when it was made. */
	public record Verified(String keyId, String scheme, Instant signedAt) {
	}

	/** Why a request's signature was not accepted, with the HTTP status to answer (400 or 401). */
	public static final class SignatureFailure extends Exception {

		private final int status;

		public SignatureFailure(int status, String message) {
			super(message, null, false, false);
			this.status = status;
		}

		public int status() {
			return status;
		}

		static SignatureFailure unauthorized(String message) {
			return new SignatureFailure(401, message);
		}

		static SignatureFailure badRequest(String message) {
			return new SignatureFailure(400, message);
		}
	}

	/**
	 * Verifies the request's signature. RFC 9421 ({@code Signature-Input} + {@code Signature}) is used when present,
	 * otherwise draft-cavage ({@code Signature: keyId=...} or {@code Authorization: Signature keyId=...}).
	 * <ul>
	 * <li>cavage: covered headers must include {@code (request-target)}, {@code host} and {@code date} or
	 * {@code (created)}; with a body also {@code digest}, whose SHA-256 must match the body. Algorithms
	 * {@code rsa-sha256}, {@code hs2019} (key-determined) and {@code ed25519}.</li>
	 * <li>RFC 9421: {@code created} and {@code keyid} are required; covered components must include {@code @method}
	 * and the target ({@code @target-uri}, or {@code @authority} with {@code @path} or {@code @request-target}); with
	 * a body also {@code content-digest} (sha-256 or sha-512, checked against the body). Algorithms
	 * {@code rsa-v1_5-sha256}, {@code rsa-pss-sha512}, {@code ed25519}, {@code ecdsa-p256-sha256}.</li>
	 * </ul>
	 * A signature made more than {@code maxAge} before or after {@code now}, or whose {@code expires} has passed, is
	 * refused. The key is resolved only after all cheap checks have passed.
	 * @throws SignatureFailure with status 401 (unsigned, not covering enough, too old, unknown algorithm, key not
	 * resolvable, signature wrong) or 400 (malformed header, body digest mismatch)
	 */
	public static Verified verify(Request request, KeyResolver keys, Instant now, Duration maxAge) throws SignatureFailure {
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(keys, "keys");
		Objects.requireNonNull(now, "now");
		Objects.requireNonNull(maxAge, "maxAge");
		for (String name : List.of("signature", "signature-input", "authorization", "digest", "content-digest")) {
			String value = request.header(name);
			if (value != null && value.length() > MAX_HEADER_LENGTH) {
				throw SignatureFailure.badRequest("The " + name + " header is too long (" + value.length() + " characters).");
			}
		}
		if (request.header("signature-input") != null) {
			return MessageSignatures.verify(request, keys, now, maxAge);
		}
		String cavage = request.header("signature");
		String authorization = request.header("authorization");
		if (cavage == null && authorization != null && authorization.regionMatches(true, 0, "Signature ", 0, 10)) {
			cavage = authorization.substring(10);
		}
		if (cavage == null) {
			throw SignatureFailure.unauthorized("The request is not signed (no Signature or Signature-Input header).");
		}
		return CavageSignatures.verify(cavage, request, keys, now, maxAge);
	}

	/**
	 * The headers to set on an outgoing request signed the way Mastodon signs: {@code Host}, {@code Date},
	 * {@code Digest} (SHA-256, only with a body) and {@code Signature} covering
	 * {@code (request-target) host date [digest]} with {@code rsa-sha256} ({@code hs2019} for non-RSA keys).
	 */
	public static Map<String, String> signCavage(String method, URI target, byte[] body, String keyId, PrivateKey key,
			Instant now) {
		return CavageSignatures.sign(method, target, body, keyId, key, now);
	}

	/**
	 * The headers to set on an outgoing request signed per RFC 9421: {@code Content-Digest} (sha-256, only with a
	 * body), and {@code Signature-Input} / {@code Signature} under the label {@code sig1}, covering
	 * {@code @method}, {@code @target-uri} and (with a body) {@code content-digest}, with {@code created},
	 * {@code keyid} and {@code alg} ({@code rsa-v1_5-sha256} for RSA keys, {@code ed25519} for Ed25519 keys).
	 */
	public static Map<String, String> signRfc9421(String method, URI target, byte[] body, String keyId, PrivateKey key,
			Instant now) {
		return MessageSignatures.sign(method, target, body, keyId, key, now);
	}

	/**
	 * Signs the given components of a request per RFC 9421 and returns the {@code Signature-Input} and
	 * {@code Signature} headers. Parameters are written in the given order; their values may be strings, integers
	 * or booleans. The algorithm is the {@code alg} parameter when given, otherwise the one the key implies.
	 * @throws IllegalArgumentException when a component cannot be produced (for example a header the request lacks)
	 */
	public static Map<String, String> signRfc9421(Request request, String label, List<String> components,
			Map<String, Object> parameters, PrivateKey key) {
		return MessageSignatures.sign(request, label, components, parameters, key);
	}
}
