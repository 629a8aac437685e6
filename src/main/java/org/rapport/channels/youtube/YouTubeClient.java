package org.rapport.channels.youtube;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.OAuthFailure;
import org.rapport.channels.network.RetryAfter;
import org.rapport.platform.OutboundGuard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The calls Rapport makes to the YouTube Data API v3 (developers.google.com/youtube/v3/docs) and to Google's OAuth 2
 * token endpoint (developers.google.com/identity/protocols/oauth2/web-server), through the SSRF guard. Every failure
 * is a {@link Failure} that says whether trying again may help, whether the token was rejected, and whether the
 * project's daily quota is used up ({@code quotaExceeded}).
 */
@Component
class YouTubeClient {

	private final JsonHttp http;
	private final String apiBase;
	private final String oauthBase;
	private final String authorizeUrl;

	YouTubeClient(OutboundGuard guard, @Value("${rapport.youtube.api-base:https://www.googleapis.com}") String apiBase,
			@Value("${rapport.youtube.oauth-base:https://oauth2.googleapis.com}") String oauthBase,
			@Value("${rapport.youtube.authorize-url:https://accounts.google.com/o/oauth2/v2/auth}") String authorizeUrl) {
		this.http = new JsonHttp(guard, 4 * 1024 * 1024);
		this.apiBase = strip(apiBase);
		this.oauthBase = strip(oauthBase);
		this.authorizeUrl = authorizeUrl;
	}

	private static String strip(String base) {
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** Google's page where the manager allows Rapport in. */
	String authorizeUrl() {
		return authorizeUrl;
	}

	/** A call that did not work. */
	static final class Failure extends OAuthFailure {

		/** @param reason the reason Google gave ({@code quotaExceeded}, {@code invalid_grant}, …), or "" */
		Failure(int status, boolean retryable, boolean mayHaveWorked, Instant pauseUntil, String reason,
				boolean accessRejected, String message) {
			super(status, retryable, mayHaveWorked, pauseUntil, reason, accessRejected, message);
		}

		boolean quotaExceeded() {
			return "quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason);
		}
	}

	/**
	 * {@code POST /token} with {@code grant_type=refresh_token}: a fresh access token. Google answers
	 * {@code invalid_grant} when the refresh token was revoked or has expired, {@code invalid_client} when the
	 * client id or secret is wrong; both mean the account must be signed in again.
	 */
	JsonNode refresh(String clientId, String clientSecret, String refreshToken) throws Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("client_secret", clientSecret);
		form.put("refresh_token", refreshToken);
		form.put("grant_type", "refresh_token");
		return token(form);
	}

	/** {@code POST /token} with {@code grant_type=authorization_code} and the PKCE verifier. */
	JsonNode exchange(String clientId, String clientSecret, String code, String redirectUri, String verifier)
			throws Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("client_secret", clientSecret);
		form.put("code", code);
		form.put("code_verifier", verifier);
		form.put("grant_type", "authorization_code");
		form.put("redirect_uri", redirectUri);
		return token(form);
	}

	private JsonNode token(Map<String, String> form) throws Failure {
		JsonHttp.Answer answer;
		try {
			answer = http.post(URI.create(oauthBase + "/token"),
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
					JsonHttp.form(form));
		}
		catch (JsonHttp.Unanswered e) {
			throw unanswered(e, false);
		}
		if (answer.success()) {
			JsonNode json = answer.json().orElse(null);
			if (json == null || json.path("access_token").asString("").isEmpty()) {
				throw new Failure(answer.status(), true, false, null, "", false,
						"Google answered the token request with something that is not a token.");
			}
			return json;
		}
		String error = answer.quoted("error");
		String description = answer.quoted("error_description");
		boolean rejected = answer.status() == 400 || answer.status() == 401;
		if (rejected) {
			return throwing(new Failure(answer.status(), false, false, null, error, true,
					"Google refused the sign-in (" + (error.isEmpty() ? "HTTP " + answer.status() : error)
							+ (description.isEmpty() ? "" : ": " + description) + "); reconnect the channel."));
		}
		throw new Failure(answer.status(), answer.status() >= 500 || answer.status() == 429, false,
				RetryAfter.of(answer).orElse(null), error, false,
				"Google answered the token request with " + answer.status() + (error.isEmpty() ? "" : ": " + error) + ".");
	}

	private static JsonNode throwing(Failure failure) throws Failure {
		throw failure;
	}

	/** {@code GET /youtube/v3/…} with the access token. */
	JsonNode get(String accessToken, String pathAndQuery) throws Failure {
		return send(accessToken, "GET", pathAndQuery, null);
	}

	/** {@code POST /youtube/v3/…} of a JSON body with the access token. */
	JsonNode post(String accessToken, String pathAndQuery, Object body) throws Failure {
		return send(accessToken, "POST", pathAndQuery, JsonHttp.body(body));
	}

	private JsonNode send(String accessToken, String method, String pathAndQuery, byte[] body) throws Failure {
		URI uri = URI.create(apiBase + "/youtube/v3/" + pathAndQuery);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + accessToken);
		headers.put("Accept", "application/json");
		if (body != null) {
			headers.put("Content-Type", "application/json");
		}
		JsonHttp.Answer answer;
		try {
			answer = body == null ? http.get(uri, headers) : http.post(uri, headers, body);
		}
		catch (JsonHttp.Unanswered e) {
			throw unanswered(e, body != null);
		}
		String resource = method + " " + pathAndQuery.replaceFirst("\\?.*", "");
		if (answer.success()) {
			return answer.json().orElseThrow(() -> new Failure(answer.status(), body == null, body != null, null, "",
					false, "YouTube answered " + resource + " with something that is not JSON."));
		}
		throw failure(answer, resource, body != null);
	}

	private static Failure unanswered(JsonHttp.Unanswered e, boolean posting) {
		if (e.refused) {
			return new Failure(0, false, false, null, "", false, "Google's address cannot be used: " + e.getMessage());
		}
		boolean mayHaveWorked = posting && e.maybeSent;
		return new Failure(0, !mayHaveWorked, mayHaveWorked, null, "", false, "YouTube did not answer: " + e.getMessage());
	}

	/**
	 * What an error answer means (developers.google.com/youtube/v3/docs/errors): 401 a token not taken; 403
	 * {@code quotaExceeded} the project's quota used up until midnight Pacific Time; 403 {@code rateLimitExceeded}
	 * and 429 a pause; 503 a service that did nothing; other 5xx an error after which a post may have been made.
	 */
	static Failure failure(JsonHttp.Answer answer, String resource, boolean posting) {
		int status = answer.status();
		JsonNode error = answer.jsonOrEmpty().path("error");
		String reason = error.path("errors").path(0).path("reason").asString("");
		if (reason.isEmpty()) {
			reason = error.path("status").asString("");
		}
		// Google's message may carry a link in HTML and ends with a full stop: kept as plain words.
		String message = JsonHttp.shortened(HtmlSanitizing.toText(error.path("message").asString("")).strip()
			.replaceFirst("\\.$", ""));
		String said = "YouTube answered " + resource + " with " + status + (reason.isEmpty() ? "" : " " + reason)
				+ (message.isEmpty() ? "" : ": " + message) + ".";
		Instant pause = RetryAfter.of(answer).orElse(null);
		if (status == 401) {
			return new Failure(status, false, false, null, reason, false, said);
		}
		if (status == 403 && (reason.equals("quotaExceeded") || reason.equals("dailyLimitExceeded"))) {
			return new Failure(status, true, false, YouTubeQuota.nextReset(Instant.now()), reason, false,
					"The daily quota of the Google Cloud project is used up: " + said);
		}
		if (status == 429 || reason.equals("rateLimitExceeded") || reason.equals("userRateLimitExceeded")) {
			return new Failure(status, true, false, pause, reason, false, said);
		}
		if (status == 403 && (reason.equals("insufficientPermissions")
				|| reason.equals("ACCESS_TOKEN_SCOPE_INSUFFICIENT"))) {
			return new Failure(status, false, false, null, reason, true,
					said + " The sign-in does not allow this; reconnect the channel.");
		}
		if (status == 503) {
			return new Failure(status, true, false, pause, reason, false, said);
		}
		if (status >= 500) {
			return new Failure(status, !posting, posting, pause, reason, false, said);
		}
		return new Failure(status, false, false, null, reason, false, said);
	}
}
