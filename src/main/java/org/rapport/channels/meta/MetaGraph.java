package org.rapport.channels.meta;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.NetworkFailure;
import org.rapport.channels.network.RetryAfter;
import org.rapport.platform.OutboundGuard;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The calls Rapport makes to Meta's Graph API (developers.facebook.com/docs/graph-api), through the SSRF guard, in
 * the one version {@link #VERSION}. The token goes in the {@code Authorization} header, never in an address, with the
 * {@code appsecret_proof} Meta asks for when an app requires it. A refusal is Graph's error object
 * ({@code {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}}); every failure becomes a
 * {@link Failure} that says whether trying again may help and, for Graph's rate limits (codes 4, 17, 32, 613 and the
 * 80001–80014 of business use cases), until when to wait, read from the usage headers Meta sends
 * ({@code X-Business-Use-Case-Usage}'s {@code estimated_time_to_regain_access}, {@code X-App-Usage}).
 */
@Component
class MetaGraph {

	/** The Graph API version every call names. */
	static final String VERSION = "v23.0";

	/** Meta's own Graph API server. */
	static final String OFFICIAL = "https://graph.facebook.com";

	/**
	 * The pause after a rate limit whose answer says nothing of when access returns: Graph counts app and page usage
	 * over a rolling hour, so a few minutes free a part of it.
	 */
	static final Duration DEFAULT_PAUSE = Duration.ofMinutes(5);

	/** The usage (percent of the allowance) from which Rapport stops calling before Graph refuses. */
	static final int USAGE_LIMIT = 95;

	private final JsonHttp http;
	private final Environment environment;

	MetaGraph(OutboundGuard guard, Environment environment) {
		this.http = new JsonHttp(guard, 4 * 1024 * 1024);
		this.environment = environment;
	}

	/** The Graph server ({@code rapport.meta.graph-base}), read on each call. */
	String base() {
		String base = environment.getProperty("rapport.meta.graph-base", OFFICIAL).strip();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** Where Facebook's login dialog is ({@code rapport.meta.dialog-base}), read on each sign-in. */
	String dialogBase() {
		String base = environment.getProperty("rapport.meta.dialog-base", "https://www.facebook.com").strip();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/** A call that did not work. */
	static final class Failure extends NetworkFailure {

		/** Graph's error code ({@code error.code}), or 0 when the answer had none. */
		final int code;

		/** Graph's {@code error.error_subcode}, or 0. */
		final int subcode;

		Failure(int status, int code, int subcode, boolean retryable, boolean mayHaveWorked, Instant pauseUntil,
				String message) {
			super(status, retryable, mayHaveWorked, pauseUntil, message);
			this.code = code;
			this.subcode = subcode;
		}

		/** The token expired, was revoked or lost its permissions (code 190, or 102 for a session): reconnect. */
		boolean tokenRejected() {
			return code == 190 || code == 102;
		}

		/**
		 * Meta refuses a message outside the window in which a page may answer a person (24 hours after their last
		 * message): code 10 with subcode 2018278 (Messenger) or 2534022 (Instagram).
		 */
		boolean outsideWindow() {
			return code == 10 && (subcode == 2018278 || subcode == 2534022) || code == 551;
		}

		/** The object does not exist or cannot be read with this token (code 100). */
		boolean notFound() {
			return code == 100 || code == 803;
		}
	}

	/** The codes with which Graph says a rate limit was reached. */
	static boolean rateLimit(int code) {
		return code == 4 || code == 17 || code == 32 || code == 613 || code >= 80001 && code <= 80014;
	}

	/** {@code GET /{version}/{path}} with the query's fields. */
	Answer get(String path, Map<String, String> query, String token, String appSecret) throws Failure {
		return call(path, query, null, token, appSecret);
	}

	/** {@code POST /{version}/{path}} with a JSON body. */
	Answer post(String path, Map<String, Object> body, String token, String appSecret) throws Failure {
		return call(path, Map.of(), body, token, appSecret);
	}

	/**
	 * {@code GET /debug_token} of a token, asked with the app's own token ({@code app-id|app-secret}): whether the
	 * token is valid and when it and its data access expire.
	 */
	Answer debugToken(String token, String appId, String appSecret) throws Failure {
		return call("debug_token", Map.of("input_token", token), null, appId + "|" + appSecret, null);
	}

	/**
	 * What Graph answered.
	 *
	 * @param pauseUntil until when to hold back because the usage headers show the allowance (nearly) used up, or
	 * {@code null}
	 */
	record Answer(JsonNode json, Instant pauseUntil) {
	}

	private Answer call(String path, Map<String, String> query, Map<String, Object> body, String token, String appSecret)
			throws Failure {
		Map<String, List<String>> params = new LinkedHashMap<>();
		query.forEach((k, v) -> params.put(k, List.of(v)));
		if (appSecret != null && !appSecret.isEmpty()) {
			params.put("appsecret_proof", List.of(proof(token, appSecret)));
		}
		URI uri = URI.create(base() + "/" + VERSION + "/" + path + JsonHttp.query(params));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		String what = (body == null ? "GET " : "POST ") + path.replaceAll("[0-9]{5,}", "…");
		JsonHttp.Answer response;
		try {
			if (body == null) {
				response = http.get(uri, headers);
			}
			else {
				headers.put("Content-Type", "application/json");
				response = http.post(uri, headers, JsonHttp.body(body));
			}
		}
		catch (JsonHttp.Unanswered e) {
			String said = scrub(e.getMessage(), token, query);
			throw e.refused ? new Failure(0, 0, 0, false, false, null, "The Graph API's address cannot be used: " + said)
					: new Failure(0, 0, 0, true, e.maybeSent, null, "Meta did not answer " + what + ": " + said);
		}
		int status = response.status();
		Instant usagePause = usagePause(response, Instant.now()).orElse(null);
		Optional<JsonNode> json = response.json();
		if (response.success() && json.isPresent() && !json.get().has("error")) {
			return new Answer(json.get(), usagePause);
		}
		if (json.isEmpty() || !json.get().path("error").isObject()) {
			boolean server = status >= 500 || status < 300;
			throw new Failure(status, 0, 0, server, server, null, "Meta answered " + what + " with " + status
					+ ", but not as the Graph API answers.");
		}
		JsonNode error = json.get().path("error");
		int code = error.path("code").asInt(0);
		int subcode = error.path("error_subcode").asInt(0);
		String message = JsonHttp.shortened(scrub(error.path("message").asString(""), token, query));
		String said = "Meta answered " + what + " with " + status + " (code " + code + (subcode == 0 ? "" : "/" + subcode)
				+ (message.isEmpty() ? "" : ": " + message) + ")";
		if (rateLimit(code) || status == 429) {
			Instant until = usagePause != null ? usagePause
					: RetryAfter.of(response).orElse(Instant.now().plus(DEFAULT_PAUSE));
			throw new Failure(status, code, subcode, true, false, until,
					said + "; Rapport waits until Meta takes requests again.");
		}
		if (code == 190 || code == 102) {
			throw new Failure(status, code, subcode, false, false, null, said
					+ ". The page's access token expired or was revoked: reconnect the channel with a new token.");
		}
		boolean transientError = status >= 500 || code == 1 || code == 2 || error.path("is_transient").asBoolean(false);
		throw new Failure(status, code, subcode, transientError, status >= 500, null, said + ".");
	}

	/**
	 * Until when to hold back according to the usage headers of an answer: a business use case's
	 * {@code estimated_time_to_regain_access} (minutes), or, when an app's or a use case's usage reached
	 * {@link #USAGE_LIMIT} percent, the default pause. Empty when there is allowance left.
	 */
	static Optional<Instant> usagePause(JsonHttp.Answer answer, Instant now) {
		long regainMinutes = 0;
		int usage = 0;
		Optional<String> app = answer.header("X-App-Usage");
		if (app.isPresent()) {
			usage = Math.max(usage, highest(parse(app.get())));
		}
		Optional<String> business = answer.header("X-Business-Use-Case-Usage");
		if (business.isPresent()) {
			JsonNode cases = parse(business.get());
			for (JsonNode perObject : cases) {
				for (JsonNode useCase : perObject) {
					usage = Math.max(usage, highest(useCase));
					regainMinutes = Math.max(regainMinutes, useCase.path("estimated_time_to_regain_access").asLong(0));
				}
			}
		}
		if (regainMinutes > 0) {
			return Optional.of(now.plus(Duration.ofMinutes(regainMinutes)));
		}
		return usage >= USAGE_LIMIT ? Optional.of(now.plus(DEFAULT_PAUSE)) : Optional.empty();
	}

	private static int highest(JsonNode usage) {
		int highest = 0;
		for (String field : List.of("call_count", "total_time", "total_cputime")) {
			highest = Math.max(highest, usage.path(field).asInt(0));
		}
		return highest;
	}

	private static JsonNode parse(String header) {
		try {
			return JsonHttp.JSON.readTree(header);
		}
		catch (RuntimeException e) {
			return JsonHttp.JSON.createObjectNode();
		}
	}

	/** {@code appsecret_proof}: the hex HMAC-SHA256 of the token, keyed with the app secret. */
	static String proof(String token, String appSecret) {
		return HexFormat.of().formatHex(hmac(appSecret, token.getBytes(StandardCharsets.UTF_8)));
	}

	/** HMAC-SHA256 of {@code data} keyed with {@code key}. */
	static byte[] hmac(String key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available", e);
		}
	}

	/** Messages of the HTTP client and of Graph may contain a token. */
	private static String scrub(String message, String token, Map<String, String> query) {
		String out = message == null ? "" : message;
		List<String> secrets = new java.util.ArrayList<>(java.util.Arrays.asList(token, query.get("input_token"),
				query.get("client_secret"), query.get("code"), query.get("fb_exchange_token")));
		for (String secret : secrets) {
			if (secret != null && !secret.isEmpty()) {
				out = out.replace(secret, "<token>");
			}
		}
		return out;
	}
}
