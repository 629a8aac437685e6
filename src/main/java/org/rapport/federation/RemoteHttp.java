package org.rapport.federation;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rapport.platform.OutboundGuard;
import org.rapport.platform.OutboundHttp;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Every request federation makes to other servers, through the SSRF guard's client (which connects only to the
 * addresses the guard resolved and checked): no redirects are followed, answers are read up to {@value #MAX_BYTES}
 * bytes, and nothing waits longer than ten seconds to connect or thirty for an answer.
 */
@Component
class RemoteHttp {

	static final int MAX_BYTES = 1024 * 1024;

	static final String ACCEPT = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

	private final OutboundHttp http;
	private final InstanceActor instance;
	private final PublicAddress address;

	RemoteHttp(OutboundGuard guard, InstanceActor instance, PublicAddress address) {
		this.http = guard.http();
		this.instance = instance;
		this.address = address;
	}

	/** An answer: its status and at most {@value #MAX_BYTES} bytes of its body. */
	record Answer(int status, String body) {

		boolean ok() {
			return status >= 200 && status < 300;
		}
	}

	/**
	 * Fetches a JSON document, signed by the instance actor so that servers in secure mode answer; throws
	 * {@link RemoteFailure} with a readable reason when it cannot be had.
	 */
	JsonNode getJson(String uri) {
		URI target = uri(uri);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", ACCEPT);
		if (address.usable()) {
			HttpSignatures.signCavage("GET", target, null, instance.keyId(), instance.privateKey(), java.time.Instant.now())
				.forEach(headers::put);
		}
		Answer answer = send(target, headers, null);
		if (!answer.ok()) {
			throw new RemoteFailure(uri + " answered " + answer.status() + ".");
		}
		try {
			return Documents.JSON.readTree(answer.body());
		}
		catch (RuntimeException e) {
			throw new RemoteFailure(uri + " did not answer with JSON.");
		}
	}

	/** POSTs a body with the given headers (signature headers included). */
	Answer post(String uri, byte[] body, Map<String, String> headers) {
		return send(uri(uri), headers, body);
	}

	static URI uri(String uri) {
		try {
			URI parsed = new URI(uri);
			if (parsed.getHost() == null) {
				throw new RemoteFailure("'" + uri + "' is not an absolute address.");
			}
			return parsed;
		}
		catch (java.net.URISyntaxException e) {
			throw new RemoteFailure("'" + uri + "' is not an address.");
		}
	}

	/** GETs without a body, POSTs with one; the client sets Host and Content-Length itself. */
	private Answer send(URI target, Map<String, String> headers, byte[] body) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.put("User-Agent", "Rapport (+ActivityPub)");
		try {
			OutboundHttp.Response response = body == null
					? http.get(target, all, Duration.ofSeconds(30), MAX_BYTES)
					: http.post(target, all, body, Duration.ofSeconds(30), MAX_BYTES);
			return new Answer(response.status(), new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (OutboundHttp.Refused e) {
			throw new RemoteFailure(e.getMessage());
		}
		catch (IOException e) {
			throw new RemoteFailure(target + " could not be reached: " + e.getMessage());
		}
	}

	/** A remote server could not be reached or gave an unusable answer. */
	static class RemoteFailure extends RuntimeException {

		RemoteFailure(String message) {
			super(message);
		}
	}
}
