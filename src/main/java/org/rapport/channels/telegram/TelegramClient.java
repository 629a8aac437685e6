package org.rapport.channels.telegram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.NetworkFailure;
import org.rapport.channels.network.RetryAfter;
import org.rapport.platform.OutboundGuard;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The calls Rapport makes to the Telegram Bot API (core.telegram.org/bots/api), through the SSRF guard: each is a
 * {@code POST https://api.telegram.org/bot<token>/<method>} with a JSON body, answered with
 * {@code {"ok": true, "result": …}} or {@code {"ok": false, "error_code": …, "description": …, "parameters": …}}.
 * Every failure is a {@link Failure} that says whether trying again may help, whether the request may have been
 * carried out although no answer said so, and, when Telegram asked for a pause ({@code parameters.retry_after}),
 * until when. The token is part of every address, so no message of a failure contains an address.
 */
@Component
class TelegramClient {

	/** Telegram's own Bot API server. */
	static final String OFFICIAL = "https://api.telegram.org";

	/**
	 * What Rapport reads: messages and their edits, and the posts of the channels the bot is an administrator of
	 * (the organisation's own: shown above the comments on them, never as messages).
	 */
	static final List<String> UPDATES = List.of("message", "edited_message", "channel_post", "edited_channel_post");

	/** The pause taken after a 429 that names none (the Bot API always names one; a proxy may not). */
	private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(30);

	/** How much longer than a long poll's wait Rapport waits for its answer before it gives up on the call. */
	private static final Duration LONG_POLL_GRACE = Duration.ofSeconds(10);

	/**
	 * The most long polls held at once: one per fetching bot. They have a connection pool of their own, as Telegram
	 * holds each for the whole wait: in the shared one, at most 32 bots could wait at once, the others' calls would
	 * time out waiting for a connection, and every other call of every network would find the pool taken.
	 */
	static final int LONG_POLLS = 10_000;

	private final JsonHttp http;
	private final JsonHttp longPolls;

	TelegramClient(OutboundGuard guard) {
		this.http = new JsonHttp(guard, 8 * 1024 * 1024);
		this.longPolls = new JsonHttp(guard, guard.ownHttp(LONG_POLLS), 8 * 1024 * 1024);
	}

	/** The SSRF guard every call goes through, for checking a server's address before it is used. */
	OutboundGuard guard() {
		return http.guard();
	}

	/** A call that did not work; a 401, or a 404 for a token no bot has, means the token must be replaced. */
	static final class Failure extends NetworkFailure {

		/** The supergroup a group became, when Telegram refused a message to the old group for it; else null. */
		final Long migrateTo;

		Failure(int status, boolean retryable, boolean mayHaveWorked, Instant pauseUntil, String message) {
			this(status, retryable, mayHaveWorked, pauseUntil, message, null);
		}

		Failure(int status, boolean retryable, boolean mayHaveWorked, Instant pauseUntil, String message, Long migrateTo) {
			super(status, retryable, mayHaveWorked, pauseUntil, message);
			this.migrateTo = migrateTo;
		}

		boolean tokenRejected() {
			return status == 401 || status == 404;
		}

		/** Another {@code getUpdates} for the bot began, and Telegram ended this one for it: nothing went wrong. */
		boolean overtaken() {
			return status == 409 && getMessage().contains("terminated by other getUpdates");
		}
	}

	/** {@code getMe}: the bot the token belongs to (a User with {@code is_bot}). */
	JsonNode getMe(String server, String token) throws Failure {
		return call(server, token, "getMe", Map.of());
	}

	/**
	 * {@code getUpdates} from {@code offset}, or from the oldest update Telegram keeps when it is {@code null}.
	 * Calling with an offset confirms every update before it: Telegram forgets them. With a {@code wait} of zero
	 * Telegram answers at once (short polling); otherwise it holds the call until an update comes or the wait is
	 * over (long polling), and ends it with 409 when another {@code getUpdates} for the bot begins meanwhile.
	 */
	JsonNode getUpdates(String server, String token, Long offset, int limit, Duration wait) throws Failure {
		Map<String, Object> params = new LinkedHashMap<>();
		if (offset != null) {
			params.put("offset", offset);
		}
		params.put("limit", limit);
		params.put("timeout", wait.toSeconds());
		params.put("allowed_updates", UPDATES);
		JsonNode updates = wait.isZero() ? call(server, token, "getUpdates", params)
				: send(longPolls, server, token, "getUpdates", JsonHttp.body(params), "application/json",
						wait.plus(LONG_POLL_GRACE));
		boolean everyOneNumbered = updates.isArray();
		for (JsonNode update : updates) {
			everyOneNumbered &= update.path("update_id").canConvertToLong();
		}
		if (!everyOneNumbered) {
			// the cursor is made of the updates' ids: an answer of another shape must not move it
			throw new Failure(200, true, false, null, "Telegram answered getUpdates with 200, but not with a list of "
					+ "updates as the Bot API answers.");
		}
		return updates;
	}

	/**
	 * A file a message carries: {@code getFile} for its path, then the file itself from
	 * {@code <server>/file/bot<token>/<file_path>} (core.telegram.org/bots/api#getfile; a bot downloads at most 20 MB).
	 * A file larger than {@code maxBytes} is not read to its end: the answer then holds {@code maxBytes + 1} bytes.
	 */
	byte[] download(String server, String token, String fileId, int maxBytes) throws Failure {
		JsonNode file = call(server, token, "getFile", Map.of("file_id", fileId));
		String path = file.path("file_path").asString("");
		if (path.isBlank() || path.contains("..")) {
			throw new Failure(200, false, false, null, "Telegram named no file to download.");
		}
		try {
			var answer = http.guard().http().get(URI.create(server + "/file/bot" + token + "/" + path), Map.of(),
					Duration.ofSeconds(60), maxBytes + 1);
			if (answer.status() / 100 != 2) {
				throw new Failure(answer.status(), answer.status() >= 500, false, null,
						"Telegram answered the download of a file with " + answer.status() + ".");
			}
			return answer.body();
		}
		catch (java.io.IOException e) {
			throw new Failure(0, true, false, null, "Telegram did not send the file: " + scrub(String.valueOf(e.getMessage()), token));
		}
	}

	/** {@code setWebhook}: Telegram pushes every update to {@code url}, with {@code secret} in a header. */
	void setWebhook(String server, String token, String url, String secret) throws Failure {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("url", url);
		params.put("secret_token", secret);
		params.put("allowed_updates", UPDATES);
		call(server, token, "setWebhook", params);
	}

	/** {@code deleteWebhook}, keeping the updates not yet pushed for {@code getUpdates}. */
	void deleteWebhook(String server, String token) throws Failure {
		call(server, token, "deleteWebhook", Map.of("drop_pending_updates", false));
	}

	/** {@code sendMessage}: the sent Message. Telegram has no idempotency key: a repeated call sends twice. */
	JsonNode sendMessage(String server, String token, Map<String, Object> message) throws Failure {
		return call(server, token, "sendMessage", message);
	}

	/**
	 * {@code sendDocument} (core.telegram.org/bots/api#senddocument): a file uploaded as {@code multipart/form-data}
	 * under {@code document}, the other parameters as fields (objects written as JSON, as the Bot API reads them).
	 * Like {@link #sendMessage}, a repeated call sends twice.
	 */
	JsonNode sendDocument(String server, String token, Map<String, Object> params, String fileName, String contentType,
			byte[] content) throws Failure {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		params.forEach((name, value) -> fields.put(name, value instanceof String || value instanceof Number ? value.toString()
				: new String(JsonHttp.body(value), java.nio.charset.StandardCharsets.UTF_8)));
		JsonHttp.Multipart form = JsonHttp.multipart(fields, "document", fileName, contentType, content);
		return send(server, token, "sendDocument", form.body(), form.contentType());
	}

	private JsonNode call(String server, String token, String method, Map<String, Object> params) throws Failure {
		return send(server, token, method, JsonHttp.body(params), "application/json");
	}

	private JsonNode send(String server, String token, String method, byte[] body, String contentType) throws Failure {
		return send(http, server, token, method, body, contentType, null);
	}

	private JsonNode send(JsonHttp http, String server, String token, String method, byte[] body, String contentType,
			Duration timeout) throws Failure {
		URI uri = URI.create(server + "/bot" + token + "/" + method);
		Map<String, String> headers = Map.of("Accept", "application/json", "Content-Type", contentType);
		JsonHttp.Answer response;
		try {
			response = timeout == null ? http.post(uri, headers, body) : http.post(uri, headers, body, timeout);
		}
		catch (JsonHttp.Unanswered e) {
			throw e.refused ? new Failure(0, false, false, null, "The Bot API server's address cannot be used: "
					+ scrub(e.getMessage(), token))
					: new Failure(0, true, e.maybeSent, null, "Telegram did not answer " + method + ": "
							+ scrub(e.getMessage(), token));
		}
		int status = response.status();
		JsonNode answer = response.json().orElse(null);
		if (response.success() && answer != null && answer.path("ok").asBoolean(false)) {
			return answer.path("result");
		}
		String description = answer == null ? "" : JsonHttp.shortened(answer.path("description").asString(""));
		String said = "Telegram answered " + method + " with " + status + (description.isEmpty() ? "" : ": " + description);
		if (status == 503) {
			java.util.Optional<Instant> until = RetryAfter.of(response);
			if (until.isPresent()) {
				// unavailable, and saying when it takes requests again: the request was not carried out
				throw new Failure(status, true, false, until.get(), said + "; Rapport waits until Telegram takes requests again.");
			}
		}
		if (answer == null || status < 300) {
			throw new Failure(status, true, status < 300 || status >= 500, null, "Telegram answered " + method + " with "
					+ status + ", but not as the Bot API answers.");
		}
		if (status == 429) {
			long seconds = answer.path("parameters").path("retry_after").asLong(0);
			Instant until = Instant.now().plus(seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_PAUSE);
			throw new Failure(status, true, false, until, said + "; Rapport waits until Telegram takes requests again.");
		}
		if (status == 400 && answer.path("parameters").path("migrate_to_chat_id").canConvertToLong()) {
			// "group chat was upgraded to a supergroup chat": nothing was sent; the supergroup takes it
			throw new Failure(status, false, false, null, said + ".", answer.path("parameters").path("migrate_to_chat_id").asLong());
		}
		if (status == 401 || status == 404) {
			throw new Failure(status, false, false, null, "Telegram does not accept the bot token (" + status
					+ (description.isEmpty() ? "" : ": " + description) + "); enter the token @BotFather gives for the bot.");
		}
		throw new Failure(status, status >= 500, status >= 500, null, said + ".");
	}

	/** Messages of the HTTP client may contain the address, and so the token. */
	private static String scrub(String message, String token) {
		return token.isEmpty() ? message : message.replace(token, "<token>");
	}
}
