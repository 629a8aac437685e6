package org.rapport.federation;

import static org.rapport.federation.SignatureChecks.abbreviate;

import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rapport.federation.HttpSignatures.KeyResolver;
import org.rapport.federation.HttpSignatures.Request;
import org.rapport.federation.HttpSignatures.SignatureFailure;
import org.rapport.federation.HttpSignatures.Verified;

/**
 * draft-cavage-http-signatures-12, the dialect Mastodon has sent for years: a {@code Signature} header of
 * comma-separated {@code name="value"} parameters over a signing string of {@code name: value} lines.
 */
final class CavageSignatures {

	/** HTTP-date with a two-digit day (RFC 9110 IMF-fixdate); the JDK's RFC_1123 formatter writes "1 Nov". */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private CavageSignatures() {
	}

	/** The headers of a request signed the way Mastodon signs; see {@link HttpSignatures#signCavage}. */
	static Map<String, String> sign(String method, URI target, byte[] body, String keyId, PrivateKey key, Instant now) {
		if (keyId == null || !keyId.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
			throw new IllegalArgumentException("The key id must be printable ASCII without quotes or backslashes.");
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", RequestTargets.authority(target));
		headers.put("Date", HTTP_DATE.format(now));
		List<String> covered = new ArrayList<>(List.of("(request-target)", "host", "date"));
		if (body != null) {
			headers.put("Digest", BodyDigests.digestHeader(body));
			covered.add("digest");
		}
		String signingString = signingString(Request.of(method, target, headers, body), covered, Map.of());
		boolean rsa = key instanceof RSAKey;
		byte[] signature = SignatureAlgorithms.sign(rsa ? "rsa-v1_5-sha256" : SignatureAlgorithms.algorithmFor(key), key,
				signingString);
		headers.put("Signature", "keyId=\"" + keyId + "\",algorithm=\"" + (rsa ? "rsa-sha256" : "hs2019") + "\",headers=\""
				+ String.join(" ", covered) + "\",signature=\"" + Base64.getEncoder().encodeToString(signature) + "\"");
		return headers;
	}

	/** Verifies a {@code Signature} header's value; see {@link HttpSignatures#verify} for what it demands. */
	static Verified verify(String header, Request request, KeyResolver keys, Instant now, Duration maxAge)
			throws SignatureFailure {
		Map<String, String> params = parameters(header);
		String keyId = params.get("keyid");
		String signature = params.get("signature");
		if (keyId == null || keyId.isBlank() || signature == null) {
			throw SignatureFailure.badRequest("The Signature header lacks keyId or signature.");
		}
		String algorithm = params.getOrDefault("algorithm", "hs2019").toLowerCase(Locale.ROOT);
		if (!List.of("rsa-sha256", "hs2019", "ed25519").contains(algorithm)) {
			throw SignatureFailure.unauthorized("The signature algorithm '" + abbreviate(algorithm) + "' is not supported.");
		}
		List<String> covered = List.of(params.getOrDefault("headers", "(created)").toLowerCase(Locale.ROOT).strip().split("\\s+"));
		if (new HashSet<>(covered).size() != covered.size()) {
			throw SignatureFailure.badRequest("The signature lists a header twice.");
		}
		requireCovered(covered, "(request-target)");
		requireCovered(covered, "host");
		if (!covered.contains("date") && !covered.contains("(created)")) {
			throw SignatureFailure.unauthorized("The signature covers neither date nor (created).");
		}
		if (request.hasBody()) {
			requireCovered(covered, "digest");
		}

		Instant signedAt = null;
		if (covered.contains("date")) {
			signedAt = SignatureChecks.checkAge(httpDate(request.header("date")), now, maxAge, "Date");
		}
		if (covered.contains("(created)")) {
			signedAt = SignatureChecks.checkAge(epochSeconds(params.get("created"), "created"), now, maxAge, "created");
		}
		if (params.containsKey("expires") && !epochSeconds(params.get("expires"), "expires").isAfter(now)) {
			throw SignatureFailure.unauthorized("The signature has expired.");
		}
		String host = request.header("host");
		if (host != null && !RequestTargets.sameAuthority(host, request.target())) {
			throw SignatureFailure.unauthorized("The request was signed for host '" + abbreviate(host) + "', not this one.");
		}
		if (covered.contains("digest")) {
			BodyDigests.checkDigest(request);
		}

		String signingString;
		try {
			signingString = signingString(request, covered, params);
		}
		catch (UnsignableHeader e) {
			throw SignatureFailure.unauthorized(e.getMessage());
		}
		byte[] signatureBytes = SignatureChecks.decodeBase64(signature, "signature");
		PublicKey key = SignatureChecks.resolve(keys, keyId);
		List<String> algorithms = switch (algorithm) {
			case "rsa-sha256" -> List.of("rsa-v1_5-sha256");
			case "ed25519" -> List.of("ed25519");
			default -> SignatureAlgorithms.algorithmsFor(key); // hs2019 leaves the algorithm to the key
		};
		for (String candidate : algorithms) {
			if (SignatureAlgorithms.verify(candidate, key, signingString, signatureBytes)) {
				return new Verified(keyId, "cavage", signedAt);
			}
		}
		throw SignatureFailure.unauthorized("The signature does not match the request and the key " + abbreviate(keyId) + ".");
	}

	/** The string that is signed: one {@code name: value} line per covered header, joined by newlines. */
	private static String signingString(Request request, List<String> covered, Map<String, String> params) {
		List<String> lines = new ArrayList<>();
		for (String name : covered) {
			String value = switch (name) {
				case "(request-target)" -> request.method().toLowerCase(Locale.ROOT) + " " + RequestTargets.requestTarget(request.target());
				case "(created)", "(expires)" -> params.get(name.substring(1, name.length() - 1));
				// HTTP/2 carries the host as :authority; servers that do not repeat it as Host still know it
				case "host" -> request.header("host") != null ? request.header("host") : RequestTargets.authority(request.target());
				default -> request.header(name);
			};
			if (value == null) {
				throw new UnsignableHeader("The signature covers " + abbreviate(name) + ", which the request does not carry.");
			}
			if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
				throw new UnsignableHeader("The covered header " + abbreviate(name) + " contains a line break.");
			}
			lines.add(name + ": " + value);
		}
		return String.join("\n", lines);
	}

	/** Parses {@code keyId="...",algorithm="...",headers="...",signature="..."}; names are case-insensitive. */
	private static Map<String, String> parameters(String header) throws SignatureFailure {
		Map<String, String> params = new LinkedHashMap<>();
		int i = 0;
		int n = header.length();
		while (i < n) {
			while (i < n && (header.charAt(i) == ',' || header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
				i++;
			}
			if (i >= n) {
				break;
			}
			int nameStart = i;
			while (i < n && header.charAt(i) != '=' && header.charAt(i) != ',') {
				i++;
			}
			if (i >= n || header.charAt(i) != '=') {
				throw SignatureFailure.badRequest("The Signature header is malformed near '" + abbreviate(header.substring(nameStart)) + "'.");
			}
			String name = header.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
			i++;
			String value;
			if (i < n && header.charAt(i) == '"') {
				int end = header.indexOf('"', i + 1);
				if (end < 0) {
					throw SignatureFailure.badRequest("The Signature header has an unterminated quoted value.");
				}
				value = header.substring(i + 1, end);
				i = end + 1;
			}
			else {
				int end = header.indexOf(',', i);
				end = end < 0 ? n : end;
				value = header.substring(i, end).strip();
				i = end;
			}
			if (name.isEmpty() || params.put(name, value) != null) {
				throw SignatureFailure.badRequest("The Signature header has a duplicate or empty parameter '" + abbreviate(name) + "'.");
			}
		}
		return params;
	}

	private static void requireCovered(List<String> covered, String name) throws SignatureFailure {
		if (!covered.contains(name)) {
			throw SignatureFailure.unauthorized("The signature does not cover " + name + ".");
		}
	}

	private static Instant httpDate(String value) throws SignatureFailure {
		if (value == null) {
			throw SignatureFailure.unauthorized("The signature covers date, which the request does not carry.");
		}
		try {
			return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip(), Instant::from);
		}
		catch (DateTimeParseException e) {
			throw SignatureFailure.badRequest("The Date header '" + abbreviate(value) + "' is not an HTTP date.");
		}
	}

	private static Instant epochSeconds(String value, String name) throws SignatureFailure {
		if (value == null) {
			throw SignatureFailure.badRequest("The signature covers (" + name + ") but has no " + name + " parameter.");
		}
		try {
			return Instant.ofEpochSecond(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException | java.time.DateTimeException e) {
			throw SignatureFailure.badRequest("The " + name + " parameter '" + abbreviate(value) + "' is not a number of seconds.");
		}
	}

	/** Thrown while building a cavage signing string when a covered header is missing or cannot be signed. */
	private static final class UnsignableHeader extends IllegalArgumentException {

		UnsignableHeader(String message) {
			super(message);
		}
	}
}
