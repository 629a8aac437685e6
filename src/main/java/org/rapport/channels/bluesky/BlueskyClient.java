package org.rapport.channels.bluesky;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.jwk.ECKey;
import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.NetworkFailure;
import org.rapport.channels.network.RateLimitHeaders;
import org.rapport.channels.network.RetryAfter;
import org.rapport.platform.OutboundGuard;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The XRPC calls Rapport makes to an account's PDS (docs.bsky.app/docs/api), through the SSRF guard. The PDS answers
 * {@code app.bsky.*} itself or on behalf of its AppView. Every failure is a {@link Failure} with the XRPC error name
 * ({@code ExpiredToken}, {@code AuthenticationRequired}, {@code RateLimitExceeded} …), whether trying again may help
 * and, for a 429, until when the PDS asked to be left alone ({@code ratelimit-reset}, seconds since the epoch). Once
 * an answer says that no calls of the rate limit are left ({@code RateLimit-Remaining: 0}), the calls that count
 * against it fail as that 429 would, unsent, until {@code RateLimit-Reset} ({@link #LIMITS}); writes are limited
 * apart from reads ({@link #WRITES}).
 */
@Component
class BlueskyClient {

	/**
	 * Writes to the account's repository and the blobs they embed, which a PDS limits apart from the account's other
	 * calls (5,000 points an hour, 35,000 a day; docs.bsky.app/docs/advanced-guides/rate-limits): a 429 on one, or
	 * an answer saying none are left, pauses posts and replies only, while notifications are still read.
	 */
	static final String WRITES = "writes";

	/**
	 * The calls of the chat service (direct messages, {@code chat.bsky.*}), which the PDS passes on to it
	 * ({@link #CHAT_SERVICE}): a 429 on one, or an answer saying none are left, pauses direct messages only, while
	 * notifications are still read and replies still posted.
	 */
	static final String CHAT = "chat";

	/**
	 * The {@code atproto-proxy} header that has the PDS pass a call on to Bluesky's chat service
	 * (docs.bsky.app/docs/api/chat-bsky-convo-get-log: "proxied to the single central chat service by setting the
	 * appropriate service DID").
	 */
	static final String CHAT_SERVICE = "did:web:api.bsky.chat#bsky_chat";

	/** The procedures that count as writes ({@link #WRITES}). */
	private static final java.util.Set<String> WRITE_METHODS = java.util.Set.of("com.atproto.repo.createRecord",
			"com.atproto.repo.putRecord", "com.atproto.repo.deleteRecord", "com.atproto.repo.applyWrites",
			"com.atproto.repo.uploadBlob");

	/**
	 * What every answer of a PDS says of the rate limit (docs.bsky.app/docs/advanced-guides/rate-limits):
	 * {@code RateLimit-Remaining} calls left until {@code RateLimit-Reset}, in seconds since the epoch.
	 */
	static final RateLimitHeaders LIMITS = new RateLimitHeaders("RateLimit-Remaining", "RateLimit-Reset",
			BlueskyClient::epochSeconds, uri -> calls(uri.getRawPath().substring(uri.getRawPath().lastIndexOf('/') + 1)));

	private final JsonHttp http;

	/** The proofs of OAuth sessions and the nonces the servers gave for them. */
	private final BlueskyDpop dpop = new BlueskyDpop();

	BlueskyClient(OutboundGuard guard) {
		this.http = new JsonHttp(guard, 4 * 1024 * 1024, LIMITS);
	}

	/**
	 * What a call to the PDS is authorised with: the access token of an app-password session as a bearer token, or
	 * one of an OAuth session, bound to the account's key, with a DPoP proof of each request ({@link BlueskyDpop}).
	 * The only place where the two ways of connecting differ for the calls.
	 */
	interface Credential {

		/** The token the call carries. */
		String token();

		/** The key the token is bound to (DPoP), or null for a bearer token. */
		ECKey dpopKey();

		/** The {@code Authorization} header. */
		default String authorization() {
			return (dpopKey() == null ? "Bearer " : "DPoP ") + token();
		}

		/** A bearer token, as a refresh of an app-password session carries its refresh token. */
		static Credential bearer(String token) {
			return new Bearer(token);
		}
	}

	/** A token carried as it is ({@code Authorization: Bearer}). */
	private record Bearer(String token) implements Credential {

		@Override
		public ECKey dpopKey() {
			return null;
		}
	}

	/**
	 * The kind of call an XRPC method is limited as apart from the account's others ({@link #WRITES}, {@link #CHAT}),
	 * or null.
	 */
	static String calls(String method) {
		return WRITE_METHODS.contains(method) ? WRITES : method.startsWith("chat.bsky.") ? CHAT : null;
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

		/** The chat service refused an app password made without access to direct messages ({@link #chatRefused}). */
		private final boolean chatRefused;

		Failure(int status, String error, boolean retryable, Instant pauseUntil, String message) {
			this(status, error, retryable, pauseUntil, null, message);
		}

		/** @param calls the kind of call a pause holds for ({@link #WRITES}, {@link #CHAT}), or null for all of the account's */
		Failure(int status, String error, boolean retryable, Instant pauseUntil, String calls, String message) {
			this(status, error, retryable, pauseUntil, calls, false, message);
		}

		private Failure(int status, String error, boolean retryable, Instant pauseUntil, String calls,
				boolean chatRefused, String message) {
			super(status, retryable, status == 0 ? retryable : status >= 500, pauseUntil, calls, message);
			this.error = error;
			this.chatRefused = chatRefused;
		}

		/**
		 * The session is good, but its app password was made without "Allow access to your direct messages": the
		 * chat service answers {@code InvalidToken} "Bad token scope" (lately "Bad token method"), which Bluesky's own
		 * app shows as a feature not available with this app password. Only direct messages wait for a new one.
		 */
		boolean chatRefused() {
			return chatRefused;
		}

		/** The access token has expired: refresh the session and call again. */
		boolean expired() {
			return "ExpiredToken".equals(error);
		}

		/** The PDS does not take the session (or the password): only a new app password mends it. */
		boolean sessionRejected() {
			return !chatRefused && (status == 401 || "InvalidToken".equals(error) || "AuthenticationRequired".equals(error));
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
		return call(service, Credential.bearer(refreshJwt), "POST", "com.atproto.server.refreshSession", Map.of(), null);
	}

	/**
	 * The failure the account's next read would meet unsent because an answer said its rate limit is used up
	 * ({@code RateLimit-Remaining: 0}), until {@code RateLimit-Reset}; empty when calls are left.
	 */
	Optional<Failure> usedUp(String service, Credential credential) {
		return http.held(URI.create(service + "/xrpc/app.bsky.notification.listNotifications"),
				Map.of("Authorization", credential.authorization())).map(BlueskyClient::held);
	}

	/** {@code GET} of a query method. */
	JsonNode query(String service, Credential credential, String method, Map<String, List<String>> params) throws Failure {
		return call(service, credential, "GET", method, params, null);
	}

	/** {@code POST} of a procedure with a JSON body. */
	JsonNode procedure(String service, Credential credential, String method, Object body) throws Failure {
		return call(service, credential, "POST", method, Map.of(), body);
	}

	/** {@code GET} of a query method of the chat service, passed on by the PDS ({@link #CHAT_SERVICE}). */
	JsonNode chatQuery(String service, Credential credential, String method, Map<String, List<String>> params)
			throws Failure {
		return call(service, credential, "GET", method, params, null, "application/json", CHAT_SERVICE);
	}

	/** {@code POST} of a procedure of the chat service, passed on by the PDS ({@link #CHAT_SERVICE}). */
	JsonNode chatProcedure(String service, Credential credential, String method, Object body) throws Failure {
		return call(service, credential, "POST", method, Map.of(), JsonHttp.body(body), "application/json", CHAT_SERVICE);
	}

	/**
	 * {@code com.atproto.repo.uploadBlob} (docs.bsky.app/docs/api/com-atproto-repo-upload-blob): the file's bytes as
	 * they are, with their content type; the answer's {@code blob} is what a record names it by. A blob no record
	 * names is removed by the PDS after a while.
	 */
	JsonNode uploadBlob(String service, Credential credential, String contentType, byte[] content) throws Failure {
		return call(service, credential, "POST", "com.atproto.repo.uploadBlob", Map.of(), content, contentType);
	}

	private JsonNode call(String service, Credential credential, String httpMethod, String method,
			Map<String, List<String>> params, Object body) throws Failure {
		return call(service, credential, httpMethod, method, params, body == null ? null : JsonHttp.body(body),
				"application/json");
	}

	private JsonNode call(String service, Credential credential, String httpMethod, String method,
			Map<String, List<String>> params, byte[] body, String contentType) throws Failure {
		return call(service, credential, httpMethod, method, params, body, contentType, null);
	}

	/** @param proxy the service the PDS passes the call on to ({@code atproto-proxy}), or null for the PDS's own */
	private JsonNode call(String service, Credential credential, String httpMethod, String method,
			Map<String, List<String>> params, byte[] body, String contentType, String proxy) throws Failure {
		URI uri = URI.create(service + "/xrpc/" + method + JsonHttp.query(params));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		if (proxy != null) {
			headers.put("atproto-proxy", proxy);
		}
		if (body != null) {
			headers.put("Content-Type", contentType);
		}
		JsonHttp.Answer response;
		try {
			response = send(httpMethod, uri, headers, body, credential);
		}
		catch (JsonHttp.Unanswered e) {
			if (e.heldUntil != null) {
				throw held(e);
			}
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
			throw new Failure(status, error, true, resetOf(response).orElse(Instant.now().plus(Duration.ofMinutes(5))),
					calls(method), said);
		}
		if (proxy != null && (status == 400 || status == 401) && (message.contains("Bad token scope")
				|| message.contains("Bad token method"))) {
			throw new Failure(status, error, false, null, calls(method), true, said);
		}
		boolean rejected = status == 401 || "InvalidToken".equals(error) || "AuthenticationRequired".equals(error);
		boolean expired = "ExpiredToken".equals(error);
		// a 5xx that says when to come back (Retry-After) pauses the account until then
		throw new Failure(status, error, status >= 500 || expired && !rejected,
				status >= 500 ? resetOf(response).orElse(null) : null, said);
	}

	/**
	 * Sends a call with its credential; an OAuth session's call that the PDS refuses for want of its current DPoP
	 * nonce ({@code use_dpop_nonce}) is sent once more with the nonce it gave.
	 */
	private JsonHttp.Answer send(String httpMethod, URI uri, Map<String, String> headers, byte[] body,
			Credential credential) throws JsonHttp.Unanswered {
		for (int attempt = 0;; attempt++) {
			if (credential != null) {
				headers.put("Authorization", credential.authorization());
				if (credential.dpopKey() != null) {
					headers.put("DPoP", dpop.proof(credential.dpopKey(), httpMethod, uri, credential.token()));
				}
			}
			JsonHttp.Answer response = "GET".equals(httpMethod) ? http.get(uri, headers)
					: http.post(uri, headers, body == null ? new byte[0] : body);
			boolean newNonce = dpop.remember(uri, response.header("DPoP-Nonce").orElse(null));
			if (attempt > 0 || credential == null || credential.dpopKey() == null || !newNonce
					|| !nonceAsked(response)) {
				return response;
			}
		}
	}

	/** Whether the server refused a DPoP proof for want of its current nonce. */
	static boolean nonceAsked(JsonHttp.Answer response) {
		return (response.status() == 401 || response.status() == 400)
				&& (response.header("WWW-Authenticate").orElse("").contains("use_dpop_nonce")
						|| "use_dpop_nonce".equals(response.jsonOrEmpty().path("error").asString("")));
	}

	/**
	 * A JSON document by {@code GET} without credentials: an OAuth metadata document, a DID document.
	 *
	 * @throws Failure when the address cannot be used, nothing answers, or the answer is not a JSON object
	 */
	JsonNode document(URI uri) throws Failure {
		JsonHttp.Answer response;
		try {
			response = http.get(uri, Map.of("Accept", "application/json"));
		}
		catch (JsonHttp.Unanswered e) {
			throw new Failure(0, "", !e.refused, null, (e.refused ? "The address cannot be used: " : "No answer from ")
					+ uri + ": " + e.getMessage());
		}
		if (!response.success()) {
			throw new Failure(response.status(), "", response.status() >= 500, null,
					uri + " answered " + response.status() + ".");
		}
		return response.json().filter(JsonNode::isObject).orElseThrow(() -> new Failure(response.status(), "", false,
				null, uri + " answered with something that is not a JSON object."));
	}

	/**
	 * A request to an OAuth authorization server ({@code application/x-www-form-urlencoded}) with a DPoP proof made
	 * with {@code key}: the pushed authorization request and the token requests. A refusal for want of the server's
	 * DPoP nonce is sent once more with it.
	 *
	 * @throws Failure with the OAuth {@code error} (e.g. {@code invalid_grant}) and its description
	 */
	JsonNode authorizationServer(URI endpoint, Map<String, String> form, ECKey key)
			throws Failure {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		headers.put("Content-Type", "application/x-www-form-urlencoded");
		JsonHttp.Answer response;
		try {
			for (int attempt = 0;; attempt++) {
				headers.put("DPoP", dpop.proof(key, "POST", endpoint, null));
				response = http.post(endpoint, headers, JsonHttp.form(form));
				boolean newNonce = dpop.remember(endpoint, response.header("DPoP-Nonce").orElse(null));
				if (attempt > 0 || !newNonce || !nonceAsked(response)) {
					break;
				}
			}
		}
		catch (JsonHttp.Unanswered e) {
			throw new Failure(0, "", !e.refused, null, (e.refused
					? "The authorization server's address cannot be used: " : "The authorization server did not answer: ")
					+ e.getMessage());
		}
		if (response.success()) {
			JsonHttp.Answer answer = response;
			return response.json().filter(JsonNode::isObject).orElseThrow(() -> new Failure(answer.status(), "", true,
					null, "The authorization server answered with something that is not JSON."));
		}
		JsonNode problem = response.jsonOrEmpty();
		String error = JsonHttp.shortened(problem.path("error").asString(""));
		String description = JsonHttp.shortened(problem.path("error_description").asString(""));
		throw new Failure(response.status(), error, response.status() >= 500 || response.status() == 429,
				response.status() == 429 ? resetOf(response).orElse(null) : null, "The authorization server answered "
						+ response.status() + (error.isEmpty() ? "" : " " + error)
						+ (description.isEmpty() ? "" : ": " + description) + ".");
	}

	/** A call held back because an earlier answer said its limit is used up: it waits as the 429 it would bring. */
	private static Failure held(JsonHttp.Unanswered e) {
		return new Failure(429, "RateLimitExceeded", true, e.heldUntil, e.heldCalls, (e.heldCalls == null
				? "The PDS's rate limit" : CHAT.equals(e.heldCalls) ? "The PDS's limit of direct messages"
						: "The PDS's limit of writes") + " is used up until "
				+ e.heldUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (RateLimit-Remaining: 0).");
	}

	/** {@code ratelimit-reset}: when the window ends, in seconds since the epoch; else {@code Retry-After}. */
	static Optional<Instant> resetOf(JsonHttp.Answer response) {
		Optional<String> reset = response.header("ratelimit-reset");
		return reset.isPresent() ? epochSeconds(reset.get()) : RetryAfter.of(response);
	}

	/** A time in seconds since the epoch, as {@code RateLimit-Reset} gives it; empty when it is not one. */
	static Optional<Instant> epochSeconds(String value) {
		try {
			return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}
}
