package org.rapport.federation;

import static org.rapport.federation.SignatureChecks.abbreviate;

import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.greenbytes.http.sfv.ByteSequenceItem;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.IntegerItem;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.Parameters;
import org.greenbytes.http.sfv.StringItem;
import org.rapport.federation.HttpSignatures.KeyResolver;
import org.rapport.federation.HttpSignatures.Request;
import org.rapport.federation.HttpSignatures.SignatureFailure;
import org.rapport.federation.HttpSignatures.Verified;

/**
 * RFC 9421 HTTP Message Signatures: the {@code Signature-Input} and {@code Signature} dictionaries, one member per
 * signature label, with the rules for what a signature must cover.
 */
final class MessageSignatures {

	/** At most this many signatures are tried on one request, so that one request cannot cost many keys. */
	static final int MAX_SIGNATURES = 4;

	private static final List<String> ALGORITHMS = List.of("rsa-v1_5-sha256", "rsa-pss-sha512", "ed25519",
			"ecdsa-p256-sha256");

	private MessageSignatures() {
	}

	/** The headers of a request signed under the label {@code sig1}; see {@link HttpSignatures#signRfc9421}. */
	static Map<String, String> sign(String method, URI target, byte[] body, String keyId, PrivateKey key, Instant now) {
		Map<String, String> headers = new LinkedHashMap<>();
		List<String> components = new ArrayList<>(List.of("@method", "@target-uri"));
		if (body != null) {
			headers.put("Content-Digest", BodyDigests.contentDigestHeader(body));
			components.add("content-digest");
		}
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("created", now.getEpochSecond());
		parameters.put("keyid", keyId);
		parameters.put("alg", SignatureAlgorithms.algorithmFor(key));
		headers.putAll(sign(Request.of(method, target, headers, body), "sig1", components, parameters, key));
		return headers;
	}

	/** The {@code Signature-Input} and {@code Signature} headers for the given components and parameters. */
	static Map<String, String> sign(Request request, String label, List<String> components, Map<String, Object> parameters,
			PrivateKey key) {
		if (label == null || !label.matches("[a-z*][a-z0-9_.*-]*")) {
			throw new IllegalArgumentException("The label '" + label + "' is not a structured field key.");
		}
		List<Item<?>> items = new ArrayList<>();
		components.forEach(name -> items.add(StringItem.valueOf(name)));
		InnerList input = InnerList.valueOf(items).withParams(Parameters.valueOf(parameters));
		String base;
		try {
			base = SignatureBase.of(request, input);
		}
		catch (SignatureFailure e) {
			throw new IllegalArgumentException(e.getMessage());
		}
		String algorithm = parameters.get("alg") instanceof String alg ? alg : SignatureAlgorithms.algorithmFor(key);
		byte[] signature = SignatureAlgorithms.sign(algorithm, key, base);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Signature-Input", label + "=" + input.serialize());
		headers.put("Signature", label + "=" + ByteSequenceItem.valueOf(signature).serialize());
		return headers;
	}

	/** Verifies the request's signatures in turn; the first that verifies wins, else the first failure is thrown. */
	static Verified verify(Request request, KeyResolver keys, Instant now, Duration maxAge) throws SignatureFailure {
		Map<String, ListElement<?>> inputs = SignatureFields.dictionary(request.header("signature-input"), "Signature-Input");
		String signatureHeader = request.header("signature");
		if (signatureHeader == null) {
			throw SignatureFailure.badRequest("Signature-Input is present but the Signature header is missing.");
		}
		Map<String, ListElement<?>> signatures = SignatureFields.dictionary(signatureHeader, "Signature");
		if (inputs.isEmpty()) {
			throw SignatureFailure.badRequest("The Signature-Input header holds no signature.");
		}
		if (inputs.size() > MAX_SIGNATURES) {
			throw SignatureFailure.badRequest("The request carries more than " + MAX_SIGNATURES + " signatures.");
		}
		SignatureFailure first = null;
		for (Map.Entry<String, ListElement<?>> input : inputs.entrySet()) {
			try {
				return verifyOne(input.getKey(), input.getValue(), signatures.get(input.getKey()), request, keys, now, maxAge);
			}
			catch (SignatureFailure e) {
				first = first == null ? e : first;
			}
		}
		throw first;
	}

	private static Verified verifyOne(String label, ListElement<?> input, ListElement<?> signatureValue, Request request,
			KeyResolver keys, Instant now, Duration maxAge) throws SignatureFailure {
		if (!(input instanceof InnerList list)) {
			throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' is not a list of components.");
		}
		byte[] signature = SignatureFields.bytes(signatureValue);
		if (signature == null) {
			throw SignatureFailure.badRequest("The Signature header has no byte sequence for '" + abbreviate(label) + "'.");
		}
		Set<String> covered = new HashSet<>();
		for (Item<?> component : list.get()) {
			if (!(component instanceof StringItem name)) {
				throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' lists a component that is not a string.");
			}
			if (!component.getParams().isEmpty()) {
				throw SignatureFailure.unauthorized("Component parameters (as on " + abbreviate(name.get()) + ") are not supported.");
			}
			if (!covered.add(name.get())) {
				throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' lists " + abbreviate(name.get()) + " twice.");
			}
		}
		Parameters params = list.getParams();
		if (!(params.get("keyid") instanceof StringItem keyIdItem) || keyIdItem.get().isBlank()) {
			throw SignatureFailure.badRequest("Signature-Input '" + abbreviate(label) + "' has no keyid.");
		}
		String keyId = keyIdItem.get();
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
		Instant created = SignatureChecks.checkAge(instantParameter(params, "created"), now, maxAge, "created");
		if (params.containsKey("expires") && !instantParameter(params, "expires").isAfter(now)) {
			throw SignatureFailure.unauthorized("The signature has expired.");
		}
		for (String name : List.of("nonce", "tag", "alg")) {
			if (params.containsKey(name) && !(params.get(name) instanceof StringItem)) {
				throw SignatureFailure.badRequest("The " + name + " parameter is not a string.");
			}
		}
		String alg = params.get("alg") instanceof StringItem item ? item.get() : null;
		if (alg != null && !ALGORITHMS.contains(alg)) {
			throw SignatureFailure.unauthorized("The signature algorithm '" + abbreviate(alg) + "' is not supported.");
		}
		if (covered.contains("content-digest")) {
			BodyDigests.checkContentDigest(request);
		}
		String base = SignatureBase.of(request, list);

		PublicKey key = SignatureChecks.resolve(keys, keyId);
		for (String algorithm : alg != null ? List.of(alg) : SignatureAlgorithms.algorithmsFor(key)) {
			if (SignatureAlgorithms.verify(algorithm, key, base, signature)) {
				return new Verified(keyId, "rfc9421", created);
			}
		}
		throw SignatureFailure.unauthorized("The signature does not match the request and the key " + abbreviate(keyId) + ".");
	}

	private static Instant instantParameter(Parameters params, String name) throws SignatureFailure {
		if (!(params.get(name) instanceof IntegerItem seconds)) {
			throw SignatureFailure.badRequest("The " + name + " parameter is not an integer.");
		}
		return Instant.ofEpochSecond(seconds.get());
	}
}
