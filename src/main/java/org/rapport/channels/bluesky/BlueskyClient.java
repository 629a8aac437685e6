package org.rapport.channels.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.platform.OutboundGuard;
import org.rapport.platform.OutboundHttp;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The XRPC calls Rapport makes to an account's PDS (docs.bsky.app/docs/api), through the SSRF guard. The PDS answers
 * {@code app.bsky.*} itself or on behalf of its AppView. Every failure is a {@link Failure} with the XRPC error name
 * ({@code ExpiredToken}, {@code AuthenticationRequired}, {@code RateLimitExceeded} …), whether trying again may help
 * and, for a 429, until when the PDS asked to be left alone ({@code ratelimit-reset}, seconds since the epoch).
 */
@Component
class BlueskyClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Duration TIMEOUT = Duration.ofSeconds(15);
	private static final int MAX_BYTES = 4 * 1024 * 1024;

	private final OutboundGuard guard;
	private final OutboundHttp http;

	BlueskyClient(OutboundGuard guard) {
		this.guard = guard;
		this.http = guard.http();
	}

	OutboundGuard guard() {
		return guard;
	}

	/**
	 * A call that did not work.
	 *
	 * @param status the HTTP status, or 0 when no answer came
	 * @param error the XRPC error name, or {@code ""}
	 */
	static final class Failure extends Exception {

		final int status;
		final String error;
		final boolean retryable;
		final transient Instant pauseUntil;

		Failure(int status, String error, boolean retryable, Instant pauseUntil, String message) {
			super(message);
			this.status = status;
			this.error = error;
			this.retryable = retryable;
			this.pauseUntil = pauseUntil;
		}

		/** The access token has expired: refresh the session and call again. */
		boolean expired() {
			return "ExpiredToken".equals(error);
		}

		/** The PDS does not take the session (or the password): only a new app password mends it. */
		boolean sessionRejected() {
			return status == 401 || "InvalidToken".equals(error) || "AuthenticationRequired".equals(error);
		}
	}

	/** {@code com.atproto.server.createSession}: logs in with the handle (or DID, or email) and an app password. */
	JsonNode createSession(String service, String identifier, String password) throws Failure {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("identifier", identifier);
		body.put("password", password);
		return call(service, null, "POST", "com.atproto.server.createSession", Map.of(), body);
	}

	/** {@code com.atproto.server.refreshSession}, authorised with the refresh token. */
	JsonNode refreshSession(String service, String refreshJwt) throws Failure {
		return call(service, refreshJwt, "POST", "com.atproto.server.refreshSession", Map.of(), null);
	}

	/** {@code GET} of a query method. */
	JsonNode query(String service, String accessJwt, String method, Map<String, List<String>> params) throws Failure {
		return call(service, accessJwt, "GET", method, params, null);
	}

	/** {@code POST} of a procedure with a JSON body. */
	JsonNode procedure(String service, String accessJwt, String method, Object body) throws Failure {
		return call(service, accessJwt, "POST", method, Map.of(), body);
	}

	private JsonNode call(String service, String token, String httpMethod, String method,
			Map<String, List<String>> params, Object body) throws Failure {
		StringBuilder query = new StringBuilder();
		params.forEach((key, values) -> values.forEach(value -> query.append(query.isEmpty() ? "?" : "&")
			.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
		URI uri = URI.create(service + "/xrpc/" + method + query);
		Map<String, String> headers = new LinkedHashMap<>();
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		headers.put("Accept", "application/json");
		OutboundHttp.Response response;
		try {
			if ("GET".equals(httpMethod)) {
				response = http.get(uri, headers, TIMEOUT, MAX_BYTES);
			}
			else {
				byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
				if (body != null) {
					headers.put("Content-Type", "application/json");
				}
				response = http.post(uri, headers, bytes, TIMEOUT, MAX_BYTES);
			}
		}
		catch (OutboundHttp.Refused e) {
			throw new Failure(0, "", false, null, "The PDS's address cannot be used: " + e.getMessage());
		}
		catch (IOException e) {
			throw new Failure(0, "", true, null, "The PDS did not answer: " + e.getMessage());
		}
		int status = response.status();
		if (status >= 200 && status < 300) {
			try {
				return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
			}
			catch (JacksonException e) {
				throw new Failure(status, "", true, null, "The PDS answered " + method + " with something that is not JSON.");
			}
		}
		JsonNode problem = problem(response.body());
		String error = problem.path("error").asString("");
		String message = shorten(problem.path("message").asString(""));
		String said = "The PDS answered " + status + (error.isEmpty() ? "" : " " + error)
				+ (message.isEmpty() ? "" : ": " + message) + ".";
		if (status == 429) {
			throw new Failure(status, error, true, resetOf(response).orElse(Instant.now().plus(Duration.ofMinutes(5))), said);
		}
		boolean rejected = status == 401 || "InvalidToken".equals(error) || "AuthenticationRequired".equals(error);
		boolean expired = "ExpiredToken".equals(error);
		throw new Failure(status, error, status >= 500 || expired && !rejected, null, said);
	}

	private static JsonNode problem(byte[] body) {
		try {
			JsonNode node = JSON.readTree(body);
			return node == null ? JSON.createObjectNode() : node;
		}
		catch (JacksonException e) {
			return JSON.createObjectNode();
		}
	}

	private static String shorten(String text) {
		return text.length() > 300 ? text.substring(0, 300) + "…" : text;
	}

	/** {@code ratelimit-reset}: when the window ends, in seconds since the epoch; else {@code Retry-After}. */
	static Optional<Instant> resetOf(OutboundHttp.Response response) {
		Optional<String> reset = response.headers().firstValue("ratelimit-reset");
		try {
			if (reset.isPresent()) {
				return Optional.of(Instant.ofEpochSecond(Long.parseLong(reset.get().strip())));
			}
			return response.headers().firstValue("Retry-After")
				.map(value -> Instant.now().plusSeconds(Long.parseLong(value.strip())));
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}
}
