package org.rapport.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for API tests: sends JSON with a bearer token and parses the answer. */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();
	private final String base;
	private final String token;

	public Api(String base, String token) {
		this.base = base;
		this.token = token;
	}

	/** The bearer token this client sends, or null. */
	public String token() {
		return token;
	}

	public record Response(int status, String body, java.net.http.HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(body);
		}
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").POST(bodyOf(body)));
	}

	public Response put(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").PUT(bodyOf(body)));
	}

	public Response patch(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").method("PATCH", bodyOf(body)));
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	public Response postBasic(String path, String user, String password, Object body) {
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/json").POST(bodyOf(body)));
	}

	public Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
		return token == null ? builder : builder.header("Authorization", "Bearer " + token);
	}

	private static HttpRequest.BodyPublisher bodyOf(Object body) {
		String text = body instanceof String s ? s : JSON.writeValueAsString(body);
		return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
	}
}
