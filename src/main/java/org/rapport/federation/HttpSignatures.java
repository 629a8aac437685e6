package org.rapport.federation;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
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
import java.util.Objects;
import java.util.Set;

/**
 * Signs outgoing and verifies incoming ActivityPub requests with HTTP signatures, in both dialects the fediverse
 * speaks: draft-cavage-http-signatures-12 (what Mastodon has sent for years) and RFC 9421 HTTP Message Signatures
 * (what Mastodon, Fedify and others move to). Pure functions of the request, the key and the clock: no network, no
 * state, so the federation module decides where keys come from and how often it retries.
 *
 * <p>
 * Verification is strict about what must be covered, because a signature that does not cover the method, the
 * target and the body proves little: see {@link #verify}. Failures carry the HTTP status to answer with (401 when
 * the signature does not authenticate the request, 400 when the request itself is malformed).
 */
public final class HttpSignatures {

	/** Longest signature-related header accepted; real ones are well under 2 KB, longer ones are refused unread. */
	static final int MAX_HEADER_LENGTH = 8 * 1024;

	/** At most this many RFC 9421 signatures are tried on one request, so that one request cannot cost many keys. */
	static final int MAX_SIGNATURES = 4;

	/** HTTP-date with a two-digit day (RFC 9110 IMF-fixdate); the JDK's RFC_1123 formatter writes "1 Nov". */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

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
			return MessageSignature.verify(request, keys, now, maxAge);
		}
		String cavage = request.header("signature");
		String authorization = request.header("authorization");
		if (cavage == null && authorization != null && authorization.regionMatches(true, 0, "Signature ", 0, 10)) {
			cavage = authorization.substring(10);
		}
		if (cavage == null) {
			throw SignatureFailure.unauthorized("The request is not signed (no Signature or Signature-Input header).");
		}
		return CavageSignature.verify(cavage, request, keys, now, maxAge);
	}

	/**
	 * The headers to set on an outgoing request signed the way Mastodon signs: {@code Host}, {@code Date},
	 * {@code Digest} (SHA-256, only with a body) and {@code Signature} covering
	 * {@code (request-target) host date [digest]} with {@code rsa-sha256} ({@code hs2019} for non-RSA keys).
	 */
	public static Map<String, String> signCavage(String method, URI target, byte[] body, String keyId, PrivateKey key,
			Instant now) {
		if (keyId == null || !keyId.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
			throw new IllegalArgumentException("The key id must be printable ASCII without quotes or backslashes.");
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", authority(target));
		headers.put("Date", HTTP_DATE.format(now));
		if (body != null) {
			headers.put("Digest", "SHA-256=" + base64(digest("SHA-256", body)));
		}
		List<String> covered = new ArrayList<>(List.of("(request-target)", "host", "date"));
		if (body != null) {
			covered.add("digest");
		}
		Request request = Request.of(method, target, headers, body);
		String signingString = CavageSignature.signingString(request, covered, Map.of());
		byte[] signature = sign(key instanceof RSAKey ? "rsa-v1_5-sha256" : algorithmFor(key), key, signingString);
		headers.put("Signature", "keyId=\"" + keyId + "\",algorithm=\"" + (key instanceof RSAKey ? "rsa-sha256" : "hs2019")
				+ "\",headers=\"" + String.join(" ", covered) + "\",signature=\"" + base64(signature) + "\"");
		return headers;
	}

	/**
	 * The headers to set on an outgoing request signed per RFC 9421: {@code Content-Digest} (sha-256, only with a
	 * body), and {@code Signature-Input} / {@code Signature} under the label {@code sig1}, covering
	 * {@code @method}, {@code @target-uri} and (with a body) {@code content-digest}, with {@code created},
	 * {@code keyid} and {@code alg} ({@code rsa-v1_5-sha256} for RSA keys, {@code ed25519} for Ed25519 keys).
	 */
	public static Map<String, String> signRfc9421(String method, URI target, byte[] body, String keyId, PrivateKey key,
			Instant now) {
		Map<String, String> headers = new LinkedHashMap<>();
		List<String> components = new ArrayList<>(List.of("@method", "@target-uri"));
		if (body != null) {
			headers.put("Content-Digest", "sha-256=:" + base64(digest("SHA-256", body)) + ":");
			components.add("content-digest");
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("created", now.getEpochSecond());
		parameters.put("keyid", keyId);
		parameters.put("alg", algorithmFor(key));
		headers.putAll(signRfc9421(Request.of(method, target, headers, body), "sig1", components, parameters, key));
		return headers;
	}

	/**
	 * Signs the given components of a request per RFC 9421 and returns the {@code Signature-Input} and
	 * {@code Signature} headers. Parameters are written in the given order; their values may be strings, integers
	 * or booleans. The algorithm is the {@code alg} parameter when given, otherwise the one the key implies.
	 * @throws IllegalArgumentException when a component cannot be produced (for example a header the request lacks)
	 */
	public static Map<String, String> signRfc9421(Request request, String label, List<String> components,
			Map<String, Object> parameters, PrivateKey key) {
		if (label == null || !label.matches("[a-z*][a-z0-9_.*-]*")) {
			throw new IllegalArgumentException("The label '" + label + "' is not a structured field key.");
		}
		List<StructuredFields.Item> items = components.stream()
			.map(name -> new StructuredFields.Item(name, Map.of()))
			.toList();
		Map<String, Object> params = new LinkedHashMap<>();
		parameters.forEach((name, value) -> params.put(name, value instanceof Integer i ? Long.valueOf(i) : value));
		StructuredFields.InnerList input = new StructuredFields.InnerList(items, params);
		String base;
		try {
			base = MessageSignature.signatureBase(request, input);
		}
		catch (SignatureFailure e) {
			throw new IllegalArgumentException(e.getMessage());
		}
		String algorithm = parameters.get("alg") instanceof String alg ? alg : algorithmFor(key);
		byte[] signature = sign(algorithm, key, base);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Signature-Input", label + "=" + StructuredFields.serialize(input));
		headers.put("Signature", label + "=:" + base64(signature) + ":");
		return headers;
	}

	/**
	 * The RFC 9421 algorithm name a key implies.
	 * @throws IllegalArgumentException for keys of any other type (DSA, Ed448, ...)
	 */
	static String algorithmFor(java.security.Key key) {
		return switch (key.getAlgorithm()) {
			case "RSA" -> "rsa-v1_5-sha256";
			case "RSASSA-PSS" -> "rsa-pss-sha512";
			case "EdDSA", "Ed25519" -> {
				if (key instanceof EdECKey ed && !ed.getParams().getName().equals("Ed25519")) {
					throw new IllegalArgumentException("Only Ed25519 keys are supported, not " + ed.getParams().getName() + ".");
				}
				yield "ed25519";
			}
			case "EC" -> "ecdsa-p256-sha256";
			default -> throw new IllegalArgumentException("Keys of type " + key.getAlgorithm() + " are not supported.");
		};
	}

	/** The algorithms to try for a key when the signature does not name one. */
	private static List<String> algorithmsFor(PublicKey key) throws SignatureFailure {
		if (key instanceof RSAKey) {
			// RSA senders use PKCS#1 v1.5 in practice; PSS is what the cavage draft's hs2019 and RFC 9421 also allow
			return List.of("rsa-v1_5-sha256", "rsa-pss-sha512");
		}
		try {
			return List.of(algorithmFor(key));
		}
		catch (IllegalArgumentException e) {
			throw SignatureFailure.unauthorized("The key cannot verify signatures here: " + e.getMessage());
		}
	}

	// ---------------------------------------------------------------------------------------------------------
	// draft-cavage-http-signatures-12

	/** The {@code Signature} header of draft-cavage: a comma-separated list of {@code name="value"} parameters. */
	private static final class CavageSignature {

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
				signedAt = checkAge(httpDate(request.header("date")), now, maxAge, "Date");
			}
			if (covered.contains("(created)")) {
				signedAt = checkAge(epochSeconds(params.get("created"), "created"), now, maxAge, "created");
			}
			if (params.containsKey("expires") && !epochSeconds(params.get("expires"), "expires").isAfter(now)) {
				throw SignatureFailure.unauthorized("The signature has expired.");
			}
			String host = request.header("host");
			if (host != null && !sameAuthority(host, request.target())) {
				throw SignatureFailure.unauthorized("The request was signed for host '" + abbreviate(host) + "', not this one.");
			}
			if (covered.contains("digest")) {
				checkDigest(request);
			}

			String signingString;
			try {
				signingString = signingString(request, covered, params);
			}
			catch (UnsignableHeader e) {
				throw SignatureFailure.unauthorized(e.getMessage());
			}
			byte[] signatureBytes = decodeBase64(signature, "signature");
			PublicKey key = resolve(keys, keyId);
			List<String> algorithms = switch (algorithm) {
				case "rsa-sha256" -> List.of("rsa-v1_5-sha256");
				case "ed25519" -> List.of("ed25519");
				default -> algorithmsFor(key); // hs2019 leaves the algorithm to the key
			};
			for (String candidate : algorithms) {
				if (verifySignature(candidate, key, signingString, signatureBytes)) {
					return new Verified(keyId, "cavage", signedAt);
				}
			}
			throw SignatureFailure.unauthorized("The signature does not match the request and the key " + abbreviate(keyId) + ".");
		}

		/** The string that is signed: one {@code name: value} line per covered header, joined by newlines. */
		static String signingString(Request request, List<String> covered, Map<String, String> params) {
			List<String> lines = new ArrayList<>();
			for (String name : covered) {
				String value = switch (name) {
					case "(request-target)" -> request.method().toLowerCase(Locale.ROOT) + " " + requestTarget(request.target());
					case "(created)", "(expires)" -> params.get(name.substring(1, name.length() - 1));
					// HTTP/2 carries the host as :authority; servers that do not repeat it as Host still know it
					case "host" -> request.header("host") != null ? request.header("host") : authority(request.target());
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
		static Map<String, String> parameters(String header) throws SignatureFailure {
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
	}

	/** Thrown while building a cavage signing string when a covered header is missing or cannot be signed. */
	private static final class UnsignableHeader extends IllegalArgumentException {

		UnsignableHeader(String message) {
			super(message);
		}
	}

	// ---------------------------------------------------------------------------------------------------------
	// RFC 9421 HTTP Message Signatures

	/** One signature of {@code Signature-Input} / {@code Signature}, with the RFC 9421 rules for what it covers. */
	private static final class MessageSignature {

		static Verified verify(Request request, KeyResolver keys, Instant now, Duration maxAge) throws SignatureFailure {
			Map<String, Object> inputs = StructuredFields.parseDictionary(request.header("signature-input"), "Signature-Input");
			String signatureHeader = request.header("signature");
			if (signatureHeader == null) {
				throw SignatureFailure.badRequest("Signature-Input is present but the Signature header is missing.");
			}
			Map<String, Object> signatures = StructuredFields.parseDictionary(signatureHeader, "Signature");
			if (inputs.isEmpty()) {
				throw SignatureFailure.badRequest("The Signature-Input header holds no signature.");
			}
			if (inputs.size() > MAX_SIGNATURES) {
				throw SignatureFailure.badRequest("The request carries more than " + MAX_SIGNATURES + " signatures.");
			}
			SignatureFailure first = null;
			for (Map.Entry<String, Object> input : inputs.entrySet()) {
				try {
					return verifyOne(input.getKey(), input.getValue(), signatures.get(input.getKey()), request, keys, now, maxAge);
				}
				catch (SignatureFailure e) {
					first = first == null ? e : first;
				}
			}
			throw first;
		}

		private static Verified verifyOne(String label, Object input, Object signatureValue, Request request,
				KeyResolver keys, Instant now, Duration maxAge) throws SignatureFailure {
			if (!(input instanceof StructuredFields.InnerList list)) {
				throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' is not a list of components.");
			}
			if (!(signatureValue instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] signature)) {
				throw SignatureFailure.badRequest("The Signature header has no byte sequence for '" + abbreviate(label) + "'.");
			}
			Set<String> covered = new HashSet<>();
			for (StructuredFields.Item component : list.items()) {
				if (!(component.value() instanceof String name)) {
					throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' lists a component that is not a string.");
				}
				if (!component.params().isEmpty()) {
					throw SignatureFailure.unauthorized("Component parameters (as on " + abbreviate(name) + ") are not supported.");
				}
				if (!covered.add(name)) {
					throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' lists " + abbreviate(name) + " twice.");
				}
			}
			Map<String, Object> params = list.params();
			Object keyId = params.get("keyid");
			if (!(keyId instanceof String keyIdString) || keyIdString.isBlank()) {
				throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' has no keyid.");
			}
			if (!covered.contains("@method")) {
				throw SignatureFailure.unauthorized("The signature does not cover @method.");
			}
			boolean coversTarget = covered.contains("@target-uri")
					|| covered.contains("@authority") && (covered.contains("@path") || covered.contains("@request-target"));
			if (!coversTarget) {
				throw SignatureFailure.unauthorized("The signature covers neither @target-uri nor @authority with @path.");
			}
			if (request.hasBody() && !covered.contains("content-digest")) {
				throw SignatureFailure.unauthorized("The signature does not cover content-digest.");
			}
			if (!params.containsKey("created")) {
				throw SignatureFailure.unauthorized("The signature has no created parameter.");
			}
			Instant created = checkAge(instantParameter(params, "created"), now, maxAge, "created");
			if (params.containsKey("expires") && !instantParameter(params, "expires").isAfter(now)) {
				throw SignatureFailure.unauthorized("The signature has expired.");
			}
			for (String name : List.of("nonce", "tag")) {
				if (params.containsKey(name) && !(params.get(name) instanceof String)) {
					throw SignatureFailure.badRequest("The " + name + " parameter is not a string.");
				}
			}
			Object alg = params.get("alg");
			if (alg != null && !(alg instanceof String)) {
				throw SignatureFailure.badRequest("The alg parameter is not a string.");
			}
			if (alg != null && !List.of("rsa-v1_5-sha256", "rsa-pss-sha512", "ed25519", "ecdsa-p256-sha256").contains(alg)) {
				throw SignatureFailure.unauthorized("The signature algorithm '" + abbreviate((String) alg) + "' is not supported.");
			}
			if (covered.contains("content-digest")) {
				checkContentDigest(request);
			}
			String base = signatureBase(request, list);

			PublicKey key = resolve(keys, keyIdString);
			List<String> algorithms = alg != null ? List.of((String) alg) : algorithmsFor(key);
			for (String algorithm : algorithms) {
				if (verifySignature(algorithm, key, base, signature)) {
					return new Verified(keyIdString, "rfc9421", created);
				}
			}
			throw SignatureFailure.unauthorized("The signature does not match the request and the key " + abbreviate(keyIdString) + ".");
		}

		/** The signature base of RFC 9421 §2.5: one line per component, then {@code "@signature-params"}. */
		static String signatureBase(Request request, StructuredFields.InnerList input) throws SignatureFailure {
			StringBuilder base = new StringBuilder();
			for (StructuredFields.Item component : input.items()) {
				String name = (String) component.value();
				base.append(StructuredFields.serializeBareItem(name)).append(": ").append(componentValue(request, name)).append('\n');
			}
			base.append("\"@signature-params\": ").append(StructuredFields.serialize(input));
			return base.toString();
		}

		private static String componentValue(Request request, String name) throws SignatureFailure {
			URI target = request.target();
			String value = switch (name) {
				case "@method" -> request.method();
				case "@target-uri" -> targetUri(target);
				case "@authority" -> authority(target);
				case "@scheme" -> target.getScheme() == null ? null : target.getScheme().toLowerCase(Locale.ROOT);
				case "@path" -> path(target);
				case "@query" -> "?" + (target.getRawQuery() == null ? "" : target.getRawQuery());
				case "@request-target" -> requestTarget(target);
				default -> {
					if (name.startsWith("@")) {
						throw SignatureFailure.unauthorized("The component " + abbreviate(name) + " is not supported.");
					}
					if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
						throw SignatureFailure.badRequest("The component name '" + abbreviate(name) + "' is not a lowercase field name.");
					}
					String header = request.header(name);
					// HTTP/2 carries the host as :authority; servers that do not repeat it as Host still know it
					yield header == null && name.equals("host") ? authority(target) : header;
				}
			};
			if (value == null) {
				throw SignatureFailure.unauthorized("The signature covers " + abbreviate(name) + ", which the request does not carry.");
			}
			if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
				throw SignatureFailure.badRequest("The covered component " + abbreviate(name) + " contains a line break.");
			}
			return value;
		}

		private static Instant instantParameter(Map<String, Object> params, String name) throws SignatureFailure {
			if (!(params.get(name) instanceof Long seconds)) {
				throw SignatureFailure.badRequest("The " + name + " parameter is not an integer.");
			}
			return Instant.ofEpochSecond(seconds);
		}
	}

	// ---------------------------------------------------------------------------------------------------------
	// shared checks

	private static Instant checkAge(Instant signedAt, Instant now, Duration maxAge, String what) throws SignatureFailure {
		if (signedAt.isBefore(now.minus(maxAge))) {
			throw SignatureFailure.unauthorized("The signature is too old (" + what + " " + signedAt + ").");
		}
		if (signedAt.isAfter(now.plus(maxAge))) {
			throw SignatureFailure.unauthorized("The signature claims to be made in the future (" + what + " " + signedAt + ").");
		}
		return signedAt;
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

	/** draft-cavage {@code Digest: SHA-256=base64[, SHA-512=base64]}: every supported digest given must match. */
	private static void checkDigest(Request request) throws SignatureFailure {
		String header = request.header("digest");
		if (header == null) {
			throw SignatureFailure.unauthorized("The signature covers digest, which the request does not carry.");
		}
		byte[] body = request.body() == null ? new byte[0] : request.body();
		boolean checked = false;
		for (String part : header.split(",")) {
			int equals = part.indexOf('=');
			if (equals < 0) {
				throw SignatureFailure.badRequest("The Digest header is malformed.");
			}
			String algorithm = switch (part.substring(0, equals).strip().toUpperCase(Locale.ROOT)) {
				case "SHA-256" -> "SHA-256";
				case "SHA-512" -> "SHA-512";
				default -> null;
			};
			if (algorithm != null) {
				byte[] expected = decodeBase64(part.substring(equals + 1).strip(), "Digest");
				if (!MessageDigest.isEqual(expected, digest(algorithm, body))) {
					throw SignatureFailure.badRequest("The body does not match its Digest header.");
				}
				checked = true;
			}
		}
		if (!checked) {
			throw SignatureFailure.badRequest("The Digest header has no SHA-256 or SHA-512 digest.");
		}
	}

	/** RFC 9530 {@code Content-Digest: sha-256=:base64:}: every supported digest given must match the body. */
	private static void checkContentDigest(Request request) throws SignatureFailure {
		String header = request.header("content-digest");
		if (header == null) {
			throw SignatureFailure.unauthorized("The signature covers content-digest, which the request does not carry.");
		}
		byte[] body = request.body() == null ? new byte[0] : request.body();
		boolean checked = false;
		for (Map.Entry<String, Object> entry : StructuredFields.parseDictionary(header, "Content-Digest").entrySet()) {
			String algorithm = switch (entry.getKey()) {
				case "sha-256" -> "SHA-256";
				case "sha-512" -> "SHA-512";
				default -> null;
			};
			if (algorithm == null) {
				continue;
			}
			if (!(entry.getValue() instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] expected)) {
				throw SignatureFailure.badRequest("The Content-Digest " + entry.getKey() + " value is not a byte sequence.");
			}
			if (!MessageDigest.isEqual(expected, digest(algorithm, body))) {
				throw SignatureFailure.badRequest("The body does not match its Content-Digest header.");
			}
			checked = true;
		}
		if (!checked) {
			throw SignatureFailure.badRequest("The Content-Digest header has no sha-256 or sha-512 digest.");
		}
	}

	private static PublicKey resolve(KeyResolver keys, String keyId) throws SignatureFailure {
		PublicKey key;
		try {
			key = keys.resolve(keyId);
		}
		catch (SignatureFailure e) {
			throw e;
		}
		catch (Exception e) {
			throw SignatureFailure.unauthorized("The key " + abbreviate(keyId) + " could not be resolved: "
					+ abbreviate(String.valueOf(e.getMessage())));
		}
		if (key == null) {
			throw SignatureFailure.unauthorized("The key " + abbreviate(keyId) + " is unknown.");
		}
		return key;
	}

	// ---------------------------------------------------------------------------------------------------------
	// algorithms

	private static Signature signatureFor(String algorithm, java.security.Key key) throws GeneralSecurityException {
		switch (algorithm) {
			case "rsa-v1_5-sha256" -> {
				requireKey(key instanceof RSAKey, algorithm);
				return Signature.getInstance("SHA256withRSA");
			}
			case "rsa-pss-sha512" -> {
				requireKey(key instanceof RSAKey, algorithm);
				Signature signature = Signature.getInstance("RSASSA-PSS");
				signature.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
				return signature;
			}
			case "ed25519" -> {
				requireKey(key instanceof EdECKey ed && ed.getParams().getName().equals("Ed25519"), algorithm);
				return Signature.getInstance("Ed25519");
			}
			case "ecdsa-p256-sha256" -> {
				requireKey(key instanceof ECKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256, algorithm);
				return Signature.getInstance("SHA256withECDSAinP1363Format");
			}
			default -> throw new GeneralSecurityException("The algorithm '" + algorithm + "' is not supported.");
		}
	}

	private static void requireKey(boolean fits, String algorithm) throws GeneralSecurityException {
		if (!fits) {
			throw new java.security.InvalidKeyException("The key does not fit the algorithm " + algorithm + ".");
		}
	}

	private static byte[] sign(String algorithm, PrivateKey key, String data) {
		try {
			Signature signature = signatureFor(algorithm, key);
			signature.initSign(key);
			signature.update(data.getBytes(StandardCharsets.UTF_8));
			return signature.sign();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalArgumentException("Cannot sign with " + algorithm + ": " + e.getMessage(), e);
		}
	}

	private static boolean verifySignature(String algorithm, PublicKey key, String data, byte[] signatureBytes)
			throws SignatureFailure {
		try {
			Signature signature = signatureFor(algorithm, key);
			signature.initVerify(key);
			signature.update(data.getBytes(StandardCharsets.UTF_8));
			return signature.verify(signatureBytes);
		}
		catch (java.security.SignatureException | RuntimeException e) {
			return false; // a signature of the wrong length or shape is simply not valid
		}
		catch (GeneralSecurityException e) {
			throw SignatureFailure.unauthorized("The key " + key.getAlgorithm() + " cannot verify " + algorithm + ": " + e.getMessage());
		}
	}

	// ---------------------------------------------------------------------------------------------------------
	// URIs and encodings

	/** host[:port] in lowercase, the port only when it is not the scheme's default (RFC 9110 §4.2.3). */
	static String authority(URI target) {
		String host = target.getHost();
		if (host == null) {
			throw new IllegalArgumentException("The target " + target + " has no host.");
		}
		host = host.toLowerCase(Locale.ROOT);
		int port = target.getPort();
		boolean defaultPort = port == -1 || port == 443 && "https".equalsIgnoreCase(target.getScheme())
				|| port == 80 && "http".equalsIgnoreCase(target.getScheme());
		return defaultPort ? host : host + ":" + port;
	}

	private static boolean sameAuthority(String hostHeader, URI target) {
		try {
			URI given = new URI(target.getScheme(), hostHeader.strip(), null, null, null);
			return given.getHost() != null && authority(given).equals(authority(target));
		}
		catch (java.net.URISyntaxException | IllegalArgumentException e) {
			return false;
		}
	}

	private static String path(URI target) {
		String path = target.getRawPath();
		return path == null || path.isEmpty() ? "/" : path;
	}

	private static String requestTarget(URI target) {
		return target.getRawQuery() == null ? path(target) : path(target) + "?" + target.getRawQuery();
	}

	private static String targetUri(URI target) {
		return target.getScheme().toLowerCase(Locale.ROOT) + "://" + target.getRawAuthority() + requestTarget(target);
	}

	static byte[] digest(String algorithm, byte[] body) {
		try {
			return MessageDigest.getInstance(algorithm).digest(body);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(algorithm + " is missing from this Java runtime.", e);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static byte[] decodeBase64(String value, String what) throws SignatureFailure {
		try {
			return Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException e) {
			throw SignatureFailure.badRequest("The " + what + " value is not valid Base64.");
		}
	}

	/** Echoes untrusted input in error messages, but never more than a line of it. */
	private static String abbreviate(String value) {
		String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
		return clean.length() <= 80 ? clean : clean.substring(0, 77) + "...";
	}

	// ---------------------------------------------------------------------------------------------------------
	// RFC 8941 structured fields, the subset HTTP message signatures need

	/**
	 * Parser and serializer for the parts of RFC 8941 that {@code Signature-Input}, {@code Signature} and
	 * {@code Content-Digest} use: dictionaries whose members are items or inner lists, with parameters; bare items
	 * of every type (strings, tokens, integers, decimals, booleans, byte sequences). Anything outside the grammar
	 * fails with a 400, so that a malformed header never reaches the signature check.
	 */
	static final class StructuredFields {

		/** A bare item with its parameters; values are String, Token, Long, BigDecimal, Boolean or byte[]. */
		record Item(Object value, Map<String, Object> params) {
		}

		record InnerList(List<Item> items, Map<String, Object> params) {
		}

		record Token(String value) {
		}

		private final String input;

		private final String field;

		private int position;

		private StructuredFields(String input, String field) {
			this.input = input;
			this.field = field;
		}

		/** Members in order; values are {@link Item} or {@link InnerList}. Duplicate keys are refused. */
		static Map<String, Object> parseDictionary(String value, String field) throws SignatureFailure {
			StructuredFields parser = new StructuredFields(value, field);
			Map<String, Object> members = parser.dictionary();
			return members;
		}

		private Map<String, Object> dictionary() throws SignatureFailure {
			Map<String, Object> members = new LinkedHashMap<>();
			skipSpaces();
			while (position < input.length()) {
				String key = key();
				Object member;
				if (peek() == '=') {
					position++;
					member = peek() == '(' ? innerList() : item();
				}
				else {
					member = new Item(Boolean.TRUE, parameters());
				}
				if (members.put(key, member) != null) {
					throw malformed("the key '" + abbreviate(key) + "' appears twice");
				}
				skipWhitespace();
				if (position >= input.length()) {
					return members;
				}
				if (peek() != ',') {
					throw malformed("expected ',' at position " + position);
				}
				position++;
				skipWhitespace();
				if (position >= input.length()) {
					throw malformed("trailing comma");
				}
			}
			return members;
		}

		private InnerList innerList() throws SignatureFailure {
			position++; // (
			List<Item> items = new ArrayList<>();
			while (position < input.length()) {
				skipSpaces();
				if (peek() == ')') {
					position++;
					return new InnerList(items, parameters());
				}
				items.add(item());
				char next = peek();
				if (next != ' ' && next != ')') {
					throw malformed("expected ' ' or ')' in an inner list at position " + position);
				}
			}
			throw malformed("an inner list is not closed");
		}

		private Item item() throws SignatureFailure {
			Object value = bareItem();
			return new Item(value, parameters());
		}

		private Map<String, Object> parameters() throws SignatureFailure {
			Map<String, Object> params = new LinkedHashMap<>();
			while (peek() == ';') {
				position++;
				skipSpaces();
				String key = key();
				Object value = Boolean.TRUE;
				if (peek() == '=') {
					position++;
					value = bareItem();
				}
				if (params.put(key, value) != null) {
					throw malformed("the parameter '" + abbreviate(key) + "' appears twice");
				}
			}
			return params;
		}

		private Object bareItem() throws SignatureFailure {
			char c = peek();
			if (c == '"') {
				return string();
			}
			if (c == ':') {
				return byteSequence();
			}
			if (c == '?') {
				return bool();
			}
			if (c == '-' || c >= '0' && c <= '9') {
				return number();
			}
			if (c == '*' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
				return token();
			}
			throw malformed("unexpected character at position " + position);
		}

		private String string() throws SignatureFailure {
			position++;
			StringBuilder out = new StringBuilder();
			while (position < input.length()) {
				char c = input.charAt(position++);
				if (c == '\\') {
					if (position >= input.length()) {
						break;
					}
					char escaped = input.charAt(position++);
					if (escaped != '"' && escaped != '\\') {
						throw malformed("invalid escape in a string");
					}
					out.append(escaped);
				}
				else if (c == '"') {
					return out.toString();
				}
				else if (c < 0x20 || c > 0x7e) {
					throw malformed("invalid character in a string");
				}
				else {
					out.append(c);
				}
			}
			throw malformed("a string is not closed");
		}

		private byte[] byteSequence() throws SignatureFailure {
			position++;
			int end = input.indexOf(':', position);
			if (end < 0) {
				throw malformed("a byte sequence is not closed");
			}
			String base64 = input.substring(position, end);
			if (!base64.matches("[A-Za-z0-9+/=]*")) {
				throw malformed("invalid character in a byte sequence");
			}
			position = end + 1;
			try {
				return Base64.getDecoder().decode(base64);
			}
			catch (IllegalArgumentException e) {
				throw malformed("a byte sequence is not valid Base64");
			}
		}

		private Boolean bool() throws SignatureFailure {
			position++;
			char c = peek();
			if (c != '0' && c != '1') {
				throw malformed("invalid boolean");
			}
			position++;
			return c == '1';
		}

		private Object number() throws SignatureFailure {
			int start = position;
			if (peek() == '-') {
				position++;
			}
			int digitsStart = position;
			boolean decimal = false;
			while (position < input.length()) {
				char c = input.charAt(position);
				if (c >= '0' && c <= '9') {
					position++;
				}
				else if (c == '.' && !decimal) {
					decimal = true;
					position++;
				}
				else {
					break;
				}
			}
			String digits = input.substring(digitsStart, position);
			if (digits.isEmpty() || digits.startsWith(".") || digits.endsWith(".")) {
				throw malformed("invalid number at position " + start);
			}
			String number = input.substring(start, position);
			if (decimal) {
				int dot = digits.indexOf('.');
				if (dot > 12 || digits.length() - dot - 1 > 3) {
					throw malformed("decimal out of range");
				}
				return new BigDecimal(number);
			}
			if (digits.length() > 15) {
				throw malformed("integer out of range");
			}
			return Long.parseLong(number);
		}

		private Token token() {
			int start = position;
			position++;
			while (position < input.length() && isTokenChar(input.charAt(position))) {
				position++;
			}
			return new Token(input.substring(start, position));
		}

		private static boolean isTokenChar(char c) {
			return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
		}

		private String key() throws SignatureFailure {
			int start = position;
			char first = peek();
			if (!(first == '*' || first >= 'a' && first <= 'z')) {
				throw malformed("expected a key at position " + position);
			}
			position++;
			while (position < input.length()) {
				char c = input.charAt(position);
				if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '*') {
					position++;
				}
				else {
					break;
				}
			}
			return input.substring(start, position);
		}

		private char peek() {
			return position < input.length() ? input.charAt(position) : '\0';
		}

		private void skipSpaces() {
			while (peek() == ' ') {
				position++;
			}
		}

		private void skipWhitespace() {
			while (peek() == ' ' || peek() == '\t') {
				position++;
			}
		}

		private SignatureFailure malformed(String why) {
			return SignatureFailure.badRequest("The " + field + " header is malformed: " + why + ".");
		}

		static String serialize(InnerList list) {
			StringBuilder out = new StringBuilder("(");
			for (int i = 0; i < list.items().size(); i++) {
				Item item = list.items().get(i);
				out.append(i == 0 ? "" : " ").append(serializeBareItem(item.value())).append(serializeParams(item.params()));
			}
			return out.append(')').append(serializeParams(list.params())).toString();
		}

		static String serializeParams(Map<String, Object> params) {
			StringBuilder out = new StringBuilder();
			params.forEach((key, value) -> {
				out.append(';').append(key);
				if (!Boolean.TRUE.equals(value)) {
					out.append('=').append(serializeBareItem(value));
				}
			});
			return out.toString();
		}

		static String serializeBareItem(Object value) {
			if (value instanceof String s) {
				if (!s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
					throw new IllegalArgumentException("Structured field strings must be printable ASCII: " + abbreviate(s));
				}
				return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
			}
			if (value instanceof Long || value instanceof Integer) {
				return value.toString();
			}
			if (value instanceof BigDecimal d) {
				BigDecimal rounded = d.setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
				return rounded.setScale(Math.max(rounded.scale(), 1)).toPlainString();
			}
			if (value instanceof Boolean b) {
				return b ? "?1" : "?0";
			}
			if (value instanceof byte[] bytes) {
				return ":" + base64(bytes) + ":";
			}
			if (value instanceof Token t) {
				return t.value();
			}
			throw new IllegalArgumentException("Cannot serialize " + value.getClass().getSimpleName() + " as a structured field.");
		}
	}
}
