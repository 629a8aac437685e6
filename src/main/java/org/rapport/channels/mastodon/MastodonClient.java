package org.rapport.channels.mastodon;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.NetworkFailure;
import org.rapport.channels.network.RateLimitHeaders;
import org.rapport.channels.network.RetryAfter;
import org.rapport.channels.network.ServerSentEvents;
import org.rapport.platform.OutboundGuard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.databind.JsonNode;

/**
 * The calls Rapport makes to a Mastodon instance's REST API (docs.joinmastodon.org/methods), through the SSRF guard.
 * Every failure is a {@link Failure} that says whether trying again may help and, when the instance asked for a
 * pause (HTTP 429 with {@code X-RateLimit-Reset}, or {@code Retry-After}), until when. Once an answer says that no
 * calls of the rate limit are left ({@code X-RateLimit-Remaining: 0}), the calls that count against it fail as that
 * 429 would, unsent, until {@code X-RateLimit-Reset} ({@link #LIMITS}). What an instance says of itself is asked
 * without a token, which Mastodon limits per address of the caller, not per account (300 calls in 5 minutes for all
 * of Rapport's accounts on that instance together): it is kept for a while ({@link #instance}).
 */
@Component
class MastodonClient {

	/**
	 * Media uploads, which Mastodon limits apart from the account's other calls (30 in 30 minutes, against 300 calls
	 * in 5 minutes; docs.joinmastodon.org/api/rate-limits): a 429 on an upload pauses uploads only.
	 */
	static final String MEDIA = "media";

	/** A stream that brings nothing, not even the heartbeat Mastodon sends every 15 seconds, for this long is dead. */
	static final Duration STREAM_IDLE = Duration.ofSeconds(90);

	private final JsonHttp http;

	/**
	 * The most notification streams open at once: one per streaming account. They have a connection pool of their
	 * own, as the instance holds each open for as long as it runs: in the shared one, at most 32 accounts of one
	 * instance could stream, and every other call to that instance would find its connections taken.
	 */
	static final int STREAMS = 10_000;

	private final JsonHttp streams;

	/**
	 * What every answer says of the rate limit (docs.joinmastodon.org/api/rate-limits): {@code X-RateLimit-Remaining}
	 * calls left until {@code X-RateLimit-Reset}, an ISO 8601 time; uploads count against their own limit.
	 */
	static final RateLimitHeaders LIMITS = new RateLimitHeaders("X-RateLimit-Remaining", "X-RateLimit-Reset",
			reset -> Optional.ofNullable(JsonHttp.instant(reset)), uri -> calls(uri.getRawPath()));

	/** Each instance's answer to {@code GET /api/v2/instance}, by instance; only answers, never failures. */
	private final Cache<String, JsonNode> instances;

	MastodonClient(OutboundGuard guard, @Value("${rapport.mastodon.instance-kept:10m}") Duration instanceKept) {
		this.http = new JsonHttp(guard, 4 * 1024 * 1024, LIMITS);
		this.streams = new JsonHttp(guard, guard.ownHttp(STREAMS), 4 * 1024 * 1024);
		this.instances = Caffeine.newBuilder().expireAfterWrite(instanceKept).maximumSize(10_000).build();
	}

	/**
	 * {@code GET /api/v2/instance} (docs.joinmastodon.org/methods/instance/#v2), kept {@code rapport.mastodon.
	 * instance-kept} (ten minutes) after an answer: its limits, its version and its streaming host change rarely, and
	 * the call counts against the per-address limit of calls without a token (docs.joinmastodon.org/api/rate-limits),
	 * which every account on that instance shares. A failure is not kept: the next call asks again.
	 */
	JsonNode instance(String instance) throws Failure {
		JsonNode known = instances.getIfPresent(instance);
		if (known != null) {
			return known;
		}
		JsonNode answer = call(instance, null, "GET", "/api/v2/instance", null, null);
		instances.put(instance, answer);
		return answer;
	}

	/** The kind of call a path is limited as apart from the account's others ({@link #MEDIA}), or null. */
	static String calls(String path) {
		return path != null && (path.startsWith("/api/v2/media") || path.startsWith("/api/v1/media")) ? MEDIA : null;
	}

	/** The SSRF guard every call goes through, for checking an address before it is used. */
	OutboundGuard guard() {
		return http.guard();
	}

	/** A call that did not work; a 401 or 403 means the token was rejected. */
	static final class Failure extends NetworkFailure {

		Failure(int status, boolean retryable, Instant pauseUntil, String message) {
			this(status, retryable, pauseUntil, null, message);
		}

		/** @param calls the kind of call a 429 pauses apart from the rest ({@link #MEDIA}), or null for all */
		Failure(int status, boolean retryable, Instant pauseUntil, String calls, String message) {
			super(status, retryable, retryable && status != 429, pauseUntil, calls, message);
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
				+ (minId == null ? "" : "&min_id=" + JsonHttp.encoded(minId));
		JsonNode notifications = call(instance, token, "GET", path, null, null);
		if (!notifications.isArray()) {
			throw malformed("a list of notifications");
		}
		for (JsonNode notification : notifications) {
			if (notification.path("id").asString("").isEmpty()) {
				throw malformed("a list of notifications, each with its id");
			}
		}
		return notifications;
	}

	/**
	 * {@code GET /api/v1/statuses/:id}, which must be a Status with its id and its author's account (a reply is
	 * posted to it).
	 */
	JsonNode answeredStatus(String instance, String token, String id) throws Failure {
		JsonNode status = status(instance, token, id);
		if (status.path("id").asString("").isEmpty() || status.path("account").path("id").asString("").isEmpty()) {
			throw malformed("a status with its id and author");
		}
		return status;
	}

	/**
	 * A 2xx answer of a shape the API never gives (an object where a list belongs, a field missing): the instance or
	 * something in front of it is amiss, and asking again later may help.
	 */
	private static Failure malformed(String expected) {
		return new Failure(200, true, null, "The instance answered with something other than " + expected + ".");
	}

	/**
	 * {@code GET /api/v1/accounts/:id/statuses} without replies to others and boosts
	 * (docs.joinmastodon.org/methods/accounts/#statuses): the account's own posts, newest first, the page right before
	 * {@code maxId}, or the newest page when there is none.
	 */
	JsonNode statusesOf(String instance, String token, String accountId, String maxId, int limit) throws Failure {
		String path = "/api/v1/accounts/" + JsonHttp.encoded(accountId)
				+ "/statuses?exclude_replies=true&exclude_reblogs=true&limit=" + limit
				+ (maxId == null ? "" : "&max_id=" + JsonHttp.encoded(maxId));
		return call(instance, token, "GET", path, null, null);
	}

	/** {@code GET /api/v1/statuses/:id}. */
	JsonNode status(String instance, String token, String id) throws Failure {
		return call(instance, token, "GET", "/api/v1/statuses/" + JsonHttp.encoded(id), null, null);
	}

	/**
	 * {@code GET /api/v1/timelines/tag/:hashtag} (docs.joinmastodon.org/methods/timelines/#tag): public posts with the
	 * hashtag, the page right after {@code minId}, or the newest page when there is none.
	 */
	JsonNode tagTimeline(String instance, String token, String tag, String minId, int limit) throws Failure {
		String path = "/api/v1/timelines/tag/" + JsonHttp.encoded(tag) + "?limit=" + limit
				+ (minId == null ? "" : "&min_id=" + JsonHttp.encoded(minId));
		return call(instance, token, "GET", path, null, null);
	}

	/**
	 * {@code POST /api/v1/statuses/:id/reblog} (docs.joinmastodon.org/methods/statuses/#boost): boosting a post the
	 * account boosted already answers the same boost, so a repeat does not boost twice.
	 */
	JsonNode reblog(String instance, String token, String id) throws Failure {
		return call(instance, token, "POST", "/api/v1/statuses/" + JsonHttp.encoded(id) + "/reblog", "{}".getBytes(
				java.nio.charset.StandardCharsets.UTF_8), null);
	}

	/**
	 * {@code POST /api/v1/statuses} with an {@code Idempotency-Key}: the instance posts a status once per key, so
	 * an attempt repeated after a lost answer does not post twice.
	 */
	JsonNode post(String instance, String token, Map<String, ?> status, String idempotencyKey) throws Failure {
		JsonNode posted = call(instance, token, "POST", "/api/v1/statuses", JsonHttp.body(status), idempotencyKey);
		if (posted.path("id").asString("").isEmpty()) {
			throw malformed("the status it posted");
		}
		return posted;
	}

	/**
	 * {@code POST /api/v2/media} (docs.joinmastodon.org/methods/media/#v2): uploads a file as multipart {@code file}.
	 * The instance answers the MediaAttachment at once (200) or while it still processes the file (202, its
	 * {@code url} null; {@link #media} tells when it is ready).
	 */
	JsonNode upload(String instance, String token, String fileName, String contentType, byte[] content) throws Failure {
		JsonHttp.Multipart form = JsonHttp.multipart(Map.of(), "file", fileName, contentType, content);
		return send(instance, token, "POST", "/api/v2/media", form.body(), null, form.contentType()).json();
	}

	/**
	 * {@code GET /api/v1/media/:id} (docs.joinmastodon.org/methods/media/#get): the MediaAttachment, with its
	 * {@code url} once processed (200); 206 while the instance still processes it.
	 */
	JsonNode media(String instance, String token, String id) throws Failure {
		return call(instance, token, "GET", "/api/v1/media/" + JsonHttp.encoded(id), null, null);
	}

	/**
	 * What the instance takes as media: {@code configuration.media_attachments} and
	 * {@code configuration.statuses.max_media_attachments}, {@code max_characters} and
	 * {@code characters_reserved_per_url} of {@code GET /api/v2/instance}
	 * (docs.joinmastodon.org/methods/instance/#v2); the documented defaults for what it does not say, or when it
	 * could not be asked.
	 */
	MediaLimits mediaLimits(String instance) {
		JsonNode configuration;
		try {
			configuration = instance(instance).path("configuration");
		}
		catch (Failure e) {
			return MediaLimits.DEFAULTS;
		}
		JsonNode media = configuration.path("media_attachments");
		java.util.List<String> types = new java.util.ArrayList<>();
		media.path("supported_mime_types").forEach(t -> types.add(t.asString("")));
		JsonNode statuses = configuration.path("statuses");
		return new MediaLimits(media.path("image_size_limit").asLong(MediaLimits.DEFAULTS.imageBytes()),
				media.path("video_size_limit").asLong(MediaLimits.DEFAULTS.videoBytes()),
				statuses.path("max_media_attachments").asInt(MediaLimits.DEFAULTS.perStatus()), types,
				statuses.path("max_characters").asInt(MediaLimits.DEFAULTS.maxCharacters()),
				statuses.path("characters_reserved_per_url").asInt(MediaLimits.DEFAULTS.charactersPerUrl()));
	}

	/**
	 * What an instance takes in a post: its media and its length.
	 *
	 * @param imageBytes at most this many bytes an image
	 * @param videoBytes at most this many bytes a video or an audio file
	 * @param perStatus at most this many files a post
	 * @param types the content types it takes; empty when it did not say
	 * @param maxCharacters at most this many characters a post ({@code configuration.statuses.max_characters})
	 * @param charactersPerUrl what a link counts ({@code configuration.statuses.characters_reserved_per_url})
	 */
	record MediaLimits(long imageBytes, long videoBytes, int perStatus, java.util.List<String> types, int maxCharacters,
			int charactersPerUrl) {

		/**
		 * The documented defaults of a Mastodon instance: 16 MiB an image, 99 MiB a video, 4 files a post, 500
		 * characters, 23 a link.
		 */
		static final MediaLimits DEFAULTS = new MediaLimits(16_777_216, 103_809_024, 4, java.util.List.of(), 500, 23);
	}

	/** {@code POST /api/v1/apps}: registers Rapport on the instance (docs.joinmastodon.org/methods/apps/#create). */
	JsonNode registerApp(String instance, String redirectUri, String scopes, String website) throws Failure {
		Map<String, String> app = new LinkedHashMap<>();
		app.put("client_name", "Rapport");
		app.put("redirect_uris", redirectUri);
		app.put("scopes", scopes);
		app.put("website", website);
		return call(instance, null, "POST", "/api/v1/apps", JsonHttp.body(app), null);
	}

	/** {@code POST /oauth/token} with the authorization code and the PKCE verifier (docs.joinmastodon.org/methods/oauth/#token). */
	JsonNode token(String instance, Map<String, String> form) throws Failure {
		return send(instance, null, "POST", "/oauth/token", JsonHttp.form(form), null,
				"application/x-www-form-urlencoded").json();
	}

	/** An answer as JSON, with the answer it came in (the {@code Link} to the next page, the rate limit). */
	record Answer(JsonNode json, JsonHttp.Answer answer) {
	}

	/**
	 * A page of {@code GET /api/v1/accounts/:id/followers} (docs.joinmastodon.org/methods/accounts/#followers):
	 * {@code pathAndQuery} is the first page's or the path of the {@code Link} header's next page.
	 */
	Answer followers(String instance, String token, String pathAndQuery) throws Failure {
		return send(instance, token, "GET", pathAndQuery, null, null, "application/json");
	}

	/**
	 * Whether the instance takes quote posts: {@code api_versions.mastodon} of {@code GET /api/v2/instance} is 7 or
	 * more (Mastodon 4.5; docs.joinmastodon.org/client/quotes). No when it does not say or could not be asked.
	 */
	boolean quotes(String instance) {
		try {
			return instance(instance).path("api_versions").path("mastodon").asInt(0) >= 7;
		}
		catch (Failure e) {
			return false;
		}
	}

	/**
	 * Where the instance serves its streams: {@code configuration.urls.streaming} of {@code GET /api/v2/instance}
	 * (docs.joinmastodon.org/methods/instance/#v2), a {@code wss://} address whose server also answers server-sent
	 * events over HTTPS; the instance itself when it names none or something unusable. Empty when the instance gave
	 * no answer (it has no v2 before 4.0, or could not be asked now).
	 */
	java.util.Optional<String> streamingBase(String instance) {
		JsonNode v2;
		try {
			v2 = instance(instance);
		}
		catch (Failure e) {
			return java.util.Optional.empty();
		}
		String named = v2.path("configuration").path("urls").path("streaming").asString("").strip();
		String http = named.startsWith("wss://") ? "https://" + named.substring(6)
				: named.startsWith("ws://") ? "http://" + named.substring(5) : "";
		try {
			URI uri = URI.create(http.endsWith("/") ? http.substring(0, http.length() - 1) : http);
			if (uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null) {
				return java.util.Optional.of(uri.toString());
			}
		}
		catch (IllegalArgumentException e) {
			// not an address: the instance itself
		}
		return java.util.Optional.of(instance);
	}

	/**
	 * {@code GET /api/v1/streaming/user/notification} (docs.joinmastodon.org/methods/streaming) on {@code
	 * streamingBase} (see {@link #streamingBase}): the account's notifications as server-sent events ({@code event:
	 * notification}, the Notification as {@code data}), read until the instance ends the stream, 90 seconds pass
	 * without even a heartbeat, or {@code cancel} is run.
	 *
	 * @param opened run once the instance accepted the stream, before its first event is read
	 */
	void streamNotifications(String streamingBase, String token, Runnable opened, ServerSentEvents.Listener listener,
			Consumer<Runnable> cancel) throws Failure {
		URI uri = URI.create(streamingBase + "/api/v1/streaming/user/notification");
		Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Accept", "text/event-stream");
		JsonHttp.Answer answer;
		try {
			answer = streams.stream(uri, headers, STREAM_IDLE, body -> {
				opened.run();
				ServerSentEvents.read(body, listener);
			}, cancel);
		}
		catch (JsonHttp.Unanswered e) {
			throw unanswered(e, "The stream of the instance broke off: ");
		}
		if (!answer.success()) {
			throw failure(answer);
		}
	}

	private JsonNode call(String instance, String token, String method, String path, byte[] body, String idempotencyKey)
			throws Failure {
		return send(instance, token, method, path, body, idempotencyKey, "application/json").json();
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
		JsonHttp.Answer answer;
		try {
			answer = body == null ? http.get(uri, headers) : http.post(uri, headers, body);
		}
		catch (JsonHttp.Unanswered e) {
			throw unanswered(e, "The instance did not answer: ");
		}
		int status = answer.status();
		if (answer.success()) {
			return new Answer(answer.json().orElseThrow(() -> new Failure(status, true, null, "The instance answered "
					+ method + " " + path.replaceFirst("\\?.*", "") + " with something that is not JSON.")), answer);
		}
		throw failure(answer, calls(path));
	}

	/**
	 * The failure the account's next call would meet unsent because an answer said its rate limit is used up
	 * ({@code X-RateLimit-Remaining: 0}), until {@code X-RateLimit-Reset}; empty when calls are left.
	 */
	Optional<Failure> usedUp(String instance, String token) {
		return http.held(URI.create(instance + "/api/v1/accounts/verify_credentials"),
				Map.of("Authorization", "Bearer " + token)).map(e -> unanswered(e, ""));
	}

	/**
	 * No answer: an address the guard refused (trying again does not help), a connection that failed, or a call held
	 * back while an earlier answer's {@code X-RateLimit-Remaining: 0} lasts, which pauses as the 429 it would bring.
	 */
	private static Failure unanswered(JsonHttp.Unanswered e, String failed) {
		if (e.heldUntil != null) {
			return new Failure(429, true, e.heldUntil, e.heldCalls, (e.heldCalls == null ? "The instance's rate limit"
					: "The instance's limit of file uploads") + " is used up until "
					+ e.heldUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (X-RateLimit-Remaining: 0).");
		}
		return new Failure(0, !e.refused, null,
				(e.refused ? "The instance's address cannot be used: " : failed) + e.getMessage());
	}

	/** What an answer other than 2xx means: a pause asked for, a rejected token, or an error. */
	private static Failure failure(JsonHttp.Answer answer) {
		return failure(answer, null);
	}

	/** @param calls the kind of call it answered, when the instance limits that kind apart from the rest */
	private static Failure failure(JsonHttp.Answer answer, String calls) {
		int status = answer.status();
		String error = answer.quoted("error");
		String said = "The instance answered " + status + (error.isEmpty() ? "" : ": " + error) + ".";
		if (status == 429) {
			return new Failure(status, true, pauseUntil(answer).orElse(Instant.now().plus(Duration.ofMinutes(5))), calls,
					said);
		}
		if (status == 401 || status == 403) {
			return new Failure(status, false, null, "The instance rejected the access token (HTTP " + status
					+ (error.isEmpty() ? "" : ": " + error) + "); reconnect the account.");
		}
		return new Failure(status, status >= 500, pauseUntil(answer).orElse(null), said);
	}

	/** {@code X-RateLimit-Reset} (an ISO 8601 time) or {@code Retry-After} (seconds or an HTTP date). */
	static Optional<Instant> pauseUntil(JsonHttp.Answer answer) {
		return answer.header(LIMITS.reset()).flatMap(LIMITS.resetAt()).or(() -> RetryAfter.of(answer));
	}
}
