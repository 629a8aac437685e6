package org.rapport.channels.linkedin;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.OAuthFailure;
import org.rapport.channels.network.RetryAfter;
import org.rapport.platform.OutboundGuard;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The calls Rapport makes to LinkedIn, through the SSRF guard: the versioned REST API of the Community Management
 * API ({@code https://api.linkedin.com/rest/…} with {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version:
 * 2.0.0}; learn.microsoft.com/linkedin/marketing/versioning) and LinkedIn's OAuth 2 endpoints ({@code /oauth/v2/…};
 * learn.microsoft.com/linkedin/shared/authentication). The addresses are read on each call
 * ({@code rapport.linkedin.api-base}, {@code rapport.linkedin.oauth-base}). Every failure is a {@link Failure} that
 * says whether trying again may help, whether the token was refused, and until when LinkedIn asked for a pause: a
 * 429 names it in {@code Retry-After} if at all, and LinkedIn's daily limits reset at midnight UTC.
 */
@Component
class LinkedInClient {

	/** The version of the REST API every call names (YYYYMM). */
	static final String VERSION = "202511";

	static final String API = "https://api.linkedin.com";

	static final String OAUTH = "https://www.linkedin.com";

	private final JsonHttp http;
	private final Environment environment;

	LinkedInClient(OutboundGuard guard, Environment environment) {
		this.http = new JsonHttp(guard, 4 * 1024 * 1024);
		this.environment = environment;
	}

	private String base(String property, String official) {
		String base = environment.getProperty(property, official).strip();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	String apiBase() {
		return base("rapport.linkedin.api-base", API);
	}

	String oauthBase() {
		return base("rapport.linkedin.oauth-base", OAUTH);
	}

	/** The page where a member allows Rapport in. */
	String authorizeUrl() {
		return oauthBase() + "/oauth/v2/authorization";
	}

	/** When LinkedIn's daily limits are next reset: the coming midnight UTC. */
	static Instant nextReset(Instant now) {
		return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** A call that did not work. */
	static final class Failure extends OAuthFailure {

		/** @param reason {@code error} of an OAuth answer, {@code serviceErrorCode} or {@code code}, or "" */
		Failure(int status, boolean retryable, boolean mayHaveWorked, Instant pauseUntil, String reason,
				boolean accessRejected, String message) {
			super(status, retryable, mayHaveWorked, pauseUntil, reason, accessRejected, message);
		}
	}

	/**
	 * {@code POST /oauth/v2/accessToken} with {@code grant_type=refresh_token} (programmatic refresh tokens,
	 * learn.microsoft.com/linkedin/shared/authentication/programmatic-refresh-tokens): a new access token, and
	 * perhaps a new refresh token. {@code invalid_grant} means the refresh token expired or was revoked.
	 */
	JsonNode refresh(String clientId, String clientSecret, String refreshToken) throws Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.put("client_id", clientId);
		form.put("client_secret", clientSecret);
		return token("/oauth/v2/accessToken", form, true);
	}

	/** {@code POST /oauth/v2/accessToken} with {@code grant_type=authorization_code}. */
	JsonNode exchange(String clientId, String clientSecret, String code, String redirectUri) throws Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri);
		form.put("client_id", clientId);
		form.put("client_secret", clientSecret);
		return token("/oauth/v2/accessToken", form, true);
	}

	/**
	 * {@code POST /oauth/v2/introspectToken} (learn.microsoft.com/linkedin/shared/authentication/token-introspection):
	 * whether a token is {@code active} and when it expires ({@code expires_at}, seconds).
	 */
	JsonNode introspect(String clientId, String clientSecret, String token) throws Failure {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("client_secret", clientSecret);
		form.put("token", token);
		return token("/oauth/v2/introspectToken", form, false);
	}

	private JsonNode token(String path, Map<String, String> form, boolean grant) throws Failure {
		JsonHttp.Answer answer;
		try {
			answer = http.post(URI.create(oauthBase() + path),
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
					JsonHttp.form(form));
		}
		catch (JsonHttp.Unanswered e) {
			throw unanswered(e, false);
		}
		if (answer.success()) {
			JsonNode json = answer.json().orElse(null);
			if (json == null || !json.isObject() || grant && json.path("access_token").asString("").isEmpty()) {
				throw new Failure(answer.status(), true, false, null, "", false,
						"LinkedIn answered the token request with something that is not a token.");
			}
			return json;
		}
		String error = answer.quoted("error");
		String description = answer.quoted("error_description");
		if (answer.status() == 400 || answer.status() == 401) {
			throw new Failure(answer.status(), false, false, null, error, true,
					"LinkedIn refused the sign-in (" + (error.isEmpty() ? "HTTP " + answer.status() : error)
							+ (description.isEmpty() ? "" : ": " + description) + "); reconnect the channel.");
		}
		throw new Failure(answer.status(), answer.status() >= 500 || answer.status() == 429, false, pause(answer), error,
				false, "LinkedIn answered the token request with " + answer.status() + (error.isEmpty() ? "" : ": " + error)
						+ ".");
	}

	/** {@code GET /rest/…} with the access token. */
	JsonNode get(String accessToken, String pathAndQuery) throws Failure {
		return send(accessToken, pathAndQuery, null).body();
	}

	/** What a {@code POST} created: the answer's body and the id LinkedIn gives in {@code x-restli-id}. */
	record Created(JsonNode body, String id) {
	}

	/** {@code POST /rest/…} of a JSON body with the access token. */
	Created post(String accessToken, String path, Object body) throws Failure {
		return send(accessToken, path, JsonHttp.body(body));
	}

	/** {@code PUT /rest/…} of a JSON body with the access token (a Rest.li upsert). */
	JsonNode put(String accessToken, String path, Object body) throws Failure {
		return send(accessToken, path, JsonHttp.body(body), true).body();
	}

	private Created send(String accessToken, String pathAndQuery, byte[] body) throws Failure {
		return send(accessToken, pathAndQuery, body, false);
	}

	private Created send(String accessToken, String pathAndQuery, byte[] body, boolean put) throws Failure {
		URI uri = URI.create(apiBase() + "/rest/" + pathAndQuery);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + accessToken);
		headers.put("Accept", "application/json");
		headers.put("LinkedIn-Version", VERSION);
		headers.put("X-Restli-Protocol-Version", "2.0.0");
		if (body != null) {
			headers.put("Content-Type", "application/json");
		}
		JsonHttp.Answer answer;
		try {
			answer = body == null ? http.get(uri, headers) : put ? http.put(uri, headers, body) : http.post(uri, headers, body);
		}
		catch (JsonHttp.Unanswered e) {
			throw unanswered(e, body != null);
		}
		String resource = (body == null ? "GET " : put ? "PUT " : "POST ") + pathAndQuery.replaceFirst("[?/(].*", "");
		if (answer.success()) {
			JsonNode json = answer.json().orElseThrow(() -> new Failure(answer.status(), body == null, body != null, null,
					"", false, "LinkedIn answered " + resource + " with something that is not JSON."));
			return new Created(json, answer.header("x-restli-id").orElse(""));
		}
		throw failure(answer, resource, body != null);
	}

	private static Failure unanswered(JsonHttp.Unanswered e, boolean posting) {
		if (e.refused) {
			return new Failure(0, false, false, null, "", false, "LinkedIn's address cannot be used: " + e.getMessage());
		}
		boolean mayHaveWorked = posting && e.maybeSent;
		return new Failure(0, !mayHaveWorked, mayHaveWorked, null, "", false, "LinkedIn did not answer: " + e.getMessage());
	}

	/** The pause a 429 asks for: its {@code Retry-After}, else until LinkedIn's daily limits are reset. */
	private static Instant pause(JsonHttp.Answer answer) {
		Instant named = RetryAfter.of(answer).orElse(null);
		if (named != null || answer.status() != 429) {
			return named;
		}
		return nextReset(Instant.now());
	}

	/**
	 * What an error answer of the REST API means (learn.microsoft.com/linkedin/shared/api-guide/concepts/error-handling,
	 * {@code {"status", "serviceErrorCode", "code", "message"}}): 401 a token expired or revoked; 403 a permission
	 * missing (the member lost the page's admin role, or a scope was not granted); 429 a limit reached; 5xx an error
	 * after which a post may have been made.
	 */
	static Failure failure(JsonHttp.Answer answer, String resource, boolean posting) {
		int status = answer.status();
		JsonNode error = answer.jsonOrEmpty();
		String reason = error.path("code").asString(error.path("serviceErrorCode").asString(""));
		String message = JsonHttp.shortened(error.path("message").asString("").strip().replaceFirst("\\.$", ""));
		String said = "LinkedIn answered " + resource + " with " + status + (reason.isEmpty() ? "" : " " + reason)
				+ (message.isEmpty() ? "" : ": " + message) + ".";
		if (status == 401) {
			return new Failure(status, false, false, null, reason, false, said);
		}
		if (status == 403) {
			return new Failure(status, false, false, null, reason, true,
					said + " The sign-in does not allow this for the page; reconnect the channel with an administrator of the page.");
		}
		if (status == 429) {
			return new Failure(status, true, false, pause(answer), reason, false, said);
		}
		if (status >= 500) {
			return new Failure(status, !posting, posting, RetryAfter.of(answer).orElse(null), reason, false, said);
		}
		return new Failure(status, false, false, null, reason, false, said);
	}
}
