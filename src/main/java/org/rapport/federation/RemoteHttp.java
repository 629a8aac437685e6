package org.rapport.federation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.rapport.platform.OutboundGuard;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Every request federation makes to other servers, through the SSRF guard: no redirects are followed (a redirect
 * could lead past the guard), answers are read up to {@value #MAX_BYTES} bytes, and nothing waits longer than ten
 * seconds to connect or thirty for an answer.
 */
@Component
class RemoteHttp {

	static final int MAX_BYTES = 1024 * 1024;

	static final String ACCEPT = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

	private final OutboundGuard guard;
	private final InstanceActor instance;
	private final PublicAddress address;
	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	RemoteHttp(OutboundGuard guard, InstanceActor instance, PublicAddress address) {
		this.guard = guard;
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
		HttpRequest.Builder request = HttpRequest.newBuilder(target).GET().header("Accept", ACCEPT);
		if (address.usable()) {
			HttpSignatures.signCavage("GET", target, null, instance.keyId(), instance.privateKey(), java.time.Instant.now())
				.forEach((name, value) -> {
					if (!name.equalsIgnoreCase("host")) {
						request.header(name, value);
					}
				});
		}
		Answer answer = send(request, target);
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
		URI target = uri(uri);
		HttpRequest.Builder request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach((name, value) -> {
			if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
				request.header(name, value);
			}
		});
		return send(request, target);
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

	private Answer send(HttpRequest.Builder request, URI target) {
		try {
			guard.checkUri(target);
		}
		catch (IllegalArgumentException e) {
			throw new RemoteFailure(e.getMessage());
		}
		try {
			HttpResponse<InputStream> response = client.send(request.timeout(Duration.ofSeconds(30))
				.header("User-Agent", "Rapport (+ActivityPub)").build(), HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				byte[] bytes = in.readNBytes(MAX_BYTES);
				return new Answer(response.statusCode(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		catch (IOException e) {
			throw new RemoteFailure(target + " could not be reached: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RemoteFailure("Interrupted while talking to " + target + ".");
		}
	}

	/** A remote server could not be reached or gave an unusable answer. */
	static class RemoteFailure extends RuntimeException {

		RemoteFailure(String message) {
			super(message);
		}
	}
}
