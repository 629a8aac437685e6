package org.rapport.channels.mastodon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.rapport.platform.OutboundGuard;
import org.rapport.platform.OutboundHttp;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls Rapport makes to a Mastodon instance's REST API (docs.joinmastodon.org/methods), through the SSRF guard.
 * Every failure is a {@link Failure} that says whether trying again may help and, when the instance asked for a
 * pause (HTTP 429 with {@code X-RateLimit-Reset}, or {@code Retry-After}), until when.
 */
@Component
class MastodonClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Duration TIMEOUT = Duration.ofSeconds(15);
	private static final int MAX_BYTES = 4 * 1024 * 1024;

	private final OutboundGuard guard;
	private final OutboundHttp http;

	MastodonClient(OutboundGuard guard) {
		this.guard = guard;
		this.http = guard.http();
	}

	/** The SSRF guard every call goes through, for checking an address before it is used. */
	OutboundGuard guard() {
		return guard;
	}

	/**
	 * A call that did not work.
	 *
	 * @param status the HTTP status, or 0 when no answer came
	 * @param retryable whether trying again later may help (no answer, 5xx, 429)
	 * @param pauseUntil until when the instance asked to be left alone, or {@code null}
	 */
	static final class Failure extends Exception {

		final int status;
		final boolean retryable;
		final transient Instant pauseUntil;

		Failure(int status, boolean retryable, Instant pauseUntil, String message) {
			super(message);
			this.status = status;
			this.retryable = retryable;
			this.pauseUntil = pauseUntil;
		}

		boolean tokenRejected() {
			return status == 401 || status == 403;
		}
	}

	/** {@code GET /api/v1/accounts/verify_credentials}: the account the token belongs to. */
	JsonNode verifyCredentials(String instance, String token) throws Failure {
		return call(instance, token, "GET", "/api/v1/accounts/verify_credentials", null, null);
	}

	/**
	 * {@code GET /api/v1/notifications} of mentions, the page right after {@code minId} (oldest first after sorting),
	 * or the newest page when there is no cursor yet.
	 */
	JsonNode mentions(String instance, String token, String minId, int limit) throws Failure {
		String path = "/api/v1/notifications?types[]=mention&limit=" + limit
				+ (minId == null ? "" : "&min_id=" + URLEncoder.encode(minId, StandardCharsets.UTF_8));
		return call(instance, token, "GET", path, null, null);
	}

	/** {@code GET /api/v1/statuses/:id}. */
	JsonNode status(String instance, String token, String id) throws Failure {
		return call(instance, token, "GET", "/api/v1/statuses/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null, null);
	}

	/**
	 * {@code POST /api/v1/statuses} with an {@code Idempotency-Key}: the instance posts a status once per key, so
	 * an attempt repeated after a lost answer does not post twice.
	 */
	JsonNode post(String instance, String token, Map<String, String> status, String idempotencyKey) throws Failure {
		return call(instance, token, "POST", "/api/v1/statuses", JSON.writeValueAsBytes(status), idempotencyKey);
	}

	/** {@code POST /api/v1/apps}: registers Rapport on the instance (docs.joinmastodon.org/methods/apps/#create). */
	JsonNode registerApp(String instance, String redirectUri, String scopes, String website) throws Failure {
		Map<String, String> app = new LinkedHashMap<>();
		app.put("client_name", "Rapport");
		app.put("redirect_uris", redirectUri);
		app.put("scopes", scopes);
		app.put("website", website);
		return call(instance, null, "POST", "/api/v1/apps", JSON.writeValueAsBytes(app), null);
	}

	/** {@code POST /oauth/token} with the authorization code and the PKCE verifier (docs.joinmastodon.org/methods/oauth/#token). */
	JsonNode token(String instance, Map<String, String> form) throws Failure {
		StringBuilder body = new StringBuilder();
		form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return call(instance, null, "POST", "/oauth/token", body.toString().getBytes(StandardCharsets.UTF_8), null,
				"application/x-www-form-urlencoded");
	}

	/** An answer as JSON, with the headers it came with (the {@code Link} to the next page, the rate limit). */
	record Answer(JsonNode json, HttpHeaders headers) {
	}

	/**
	 * A page of {@code GET /api/v1/accounts/:id/followers} (docs.joinmastodon.org/methods/accounts/#followers):
	 * {@code pathAndQuery} is the first page's or the path of the {@code Link} header's next page.
	 */
	Answer followers(String instance, String token, String pathAndQuery) throws Failure {
		return send(instance, token, "GET", pathAndQuery, null, null, "application/json");
	}

	private JsonNode call(String instance, String token, String method, String path, byte[] body, String idempotencyKey)
			throws Failure {
		return call(instance, token, method, path, body, idempotencyKey, "application/json");
	}

	private JsonNode call(String instance, String token, String method, String path, byte[] body, String idempotencyKey,
			String contentType) throws Failure {
		return send(instance, token, method, path, body, idempotencyKey, contentType).json();
	}

	private Answer send(String instance, String token, String method, String path, byte[] body, String idempotencyKey,
			String contentType) throws Failure {
		URI uri = URI.create(instance + path);
		Map<String, String> headers = new LinkedHashMap<>();
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		headers.put("Accept", "application/json");
		if (body != null) {
			headers.put("Content-Type", contentType);
		}
		if (idempotencyKey != null) {
			headers.put("Idempotency-Key", idempotencyKey);
		}
		OutboundHttp.Response response;
		try {
			response = body == null ? http.get(uri, headers, TIMEOUT, MAX_BYTES)
					: http.post(uri, headers, body, TIMEOUT, MAX_BYTES);
		}
		catch (OutboundHttp.Refused e) {
			throw new Failure(0, false, null, "The instance's address cannot be used: " + e.getMessage());
		}
		catch (IOException e) {
			throw new Failure(0, true, null, "The instance did not answer: " + e.getMessage());
		}
		int status = response.status();
		if (status >= 200 && status < 300) {
			try {
				return new Answer(JSON.readTree(response.body()), response.headers());
			}
			catch (JacksonException e) {
				throw new Failure(status, true, null, "The instance answered " + method + " " + path.replaceFirst("\\?.*", "")
						+ " with something that is not JSON.");
			}
		}
		String error = errorOf(response.body());
		String said = "The instance answered " + status + (error.isEmpty() ? "" : ": " + error) + ".";
		if (status == 429) {
			throw new Failure(status, true, pauseUntil(response).orElse(Instant.now().plus(Duration.ofMinutes(5))), said);
		}
		if (status == 401 || status == 403) {
			throw new Failure(status, false, null, "The instance rejected the access token (HTTP " + status
					+ (error.isEmpty() ? "" : ": " + error) + "); reconnect the account.");
		}
		throw new Failure(status, status >= 500, pauseUntil(response).orElse(null), said);
	}

	/** Mastodon's error body is {@code {"error": "…"}}; anything else is shown as nothing. */
	private static String errorOf(byte[] body) {
		try {
			JsonNode node = JSON.readTree(body);
			String error = node.path("error").asString("");
			return error.length() > 300 ? error.substring(0, 300) + "…" : error;
		}
		catch (JacksonException e) {
			return "";
		}
	}

	/** {@code X-RateLimit-Reset} (an ISO 8601 time) or {@code Retry-After} (seconds or an HTTP date). */
	static Optional<Instant> pauseUntil(OutboundHttp.Response response) {
		Optional<String> reset = response.headers().firstValue("X-RateLimit-Reset");
		if (reset.isPresent()) {
			try {
				return Optional.of(OffsetDateTime.parse(reset.get()).toInstant());
			}
			catch (DateTimeParseException e) {
				// fall through to Retry-After
			}
		}
		return response.headers().firstValue("Retry-After").flatMap(MastodonClient::retryAfter);
	}

	private static Optional<Instant> retryAfter(String value) {
		try {
			return Optional.of(Instant.now().plusSeconds(Long.parseLong(value.strip())));
		}
		catch (NumberFormatException e) {
			try {
				return Optional.of(java.time.ZonedDateTime.parse(value.strip(),
						java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			}
			catch (DateTimeParseException unparsable) {
				return Optional.empty();
			}
		}
	}
}
