package org.rapport.channels.bluesky;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.NetworkFailure;
import org.rapport.channels.network.RetryAfter;
import org.rapport.platform.OutboundGuard;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The XRPC calls Rapport makes to an account's PDS (docs.bsky.app/docs/api), through the SSRF guard. The PDS answers
 * {@code app.bsky.*} itself or on behalf of its AppView. Every failure is a {@link Failure} with the XRPC error name
 * ({@code ExpiredToken}, {@code AuthenticationRequired}, {@code RateLimitExceeded} …), whether trying again may help
 * and, for a 429, until when the PDS asked to be left alone ({@code ratelimit-reset}, seconds since the epoch).
 */
@Component
class BlueskyClient {

	private final JsonHttp http;

	BlueskyClient(OutboundGuard guard) {
		this.http = new JsonHttp(guard, 4 * 1024 * 1024);
	}

	OutboundGuard guard() {
		return http.guard();
	}

	/**
	 * A call that did not work.
	 *
	 * @param status the HTTP status, or 0 when no answer came
	 * @param error the XRPC error name, or {@code ""}
	 */
	static final class Failure extends NetworkFailure {

		final String error;

		Failure(int status, String error, boolean retryable, Instant pauseUntil, String message) {
			super(status, retryable, status == 0 ? retryable : status >= 500, pauseUntil, message);
			this.error = error;
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

	/**
	 * {@code com.atproto.repo.uploadBlob} (docs.bsky.app/docs/api/com-atproto-repo-upload-blob): the file's bytes as
	 * they are, with their content type; the answer's {@code blob} is what a record names it by. A blob no record
	 * names is removed by the PDS after a while.
	 */
	JsonNode uploadBlob(String service, String accessJwt, String contentType, byte[] content) throws Failure {
		return call(service, accessJwt, "POST", "com.atproto.repo.uploadBlob", Map.of(), content, contentType);
	}

	private JsonNode call(String service, String token, String httpMethod, String method,
			Map<String, List<String>> params, Object body) throws Failure {
		return call(service, token, httpMethod, method, params, body == null ? null : JsonHttp.body(body),
				"application/json");
	}

	private JsonNode call(String service, String token, String httpMethod, String method,
			Map<String, List<String>> params, byte[] body, String contentType) throws Failure {
		URI uri = URI.create(service + "/xrpc/" + method + JsonHttp.query(params));
		Map<String, String> headers = new LinkedHashMap<>();
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		headers.put("Accept", "application/json");
		if (body != null) {
			headers.put("Content-Type", contentType);
		}
		JsonHttp.Answer response;
		try {
			response = "GET".equals(httpMethod) ? http.get(uri, headers)
					: http.post(uri, headers, body == null ? new byte[0] : body);
		}
		catch (JsonHttp.Unanswered e) {
			throw new Failure(0, "", !e.refused, null, (e.refused ? "The PDS's address cannot be used: "
					: "The PDS did not answer: ") + e.getMessage());
		}
		int status = response.status();
		if (response.success()) {
			return response.json().orElseThrow(() -> new Failure(status, "", true, null, "The PDS answered " + method
					+ " with something that is not JSON."));
		}
		JsonNode problem = response.jsonOrEmpty();
		String error = JsonHttp.shortened(problem.path("error").asString(""));
		String message = JsonHttp.shortened(problem.path("message").asString(""));
		String said = "The PDS answered " + status + (error.isEmpty() ? "" : " " + error)
				+ (message.isEmpty() ? "" : ": " + message) + ".";
		if (status == 429) {
			throw new Failure(status, error, true, resetOf(response).orElse(Instant.now().plus(Duration.ofMinutes(5))), said);
		}
		boolean rejected = status == 401 || "InvalidToken".equals(error) || "AuthenticationRequired".equals(error);
		boolean expired = "ExpiredToken".equals(error);
		// a 5xx that says when to come back (Retry-After) pauses the account until then
		throw new Failure(status, error, status >= 500 || expired && !rejected,
				status >= 500 ? resetOf(response).orElse(null) : null, said);
	}

	/** {@code ratelimit-reset}: when the window ends, in seconds since the epoch; else {@code Retry-After}. */
	static Optional<Instant> resetOf(JsonHttp.Answer response) {
		Optional<String> reset = response.header("ratelimit-reset");
		try {
			return reset.isPresent() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(reset.get().strip())))
					: RetryAfter.of(response);
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}
}
