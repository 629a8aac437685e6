package org.rapport.channels.network;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.rapport.platform.OutboundGuard;
import org.rapport.platform.OutboundHttp;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON calls to a network's API through the SSRF guard, 15 seconds each, answers up to a size the client names. It
 * says only what happened on the wire: an {@link Answer} with its status, or {@link Unanswered}. What a status means
 * (a token rejected, a pause asked for, whether to try again) each network's client decides, into a
 * {@link NetworkFailure} of its own.
 * <p>
 * Given the {@link RateLimitHeaders} of its network, it also keeps what the answers say of the rate limit: once an
 * answer says that none of a limit's calls are left, the calls that count against it (the same account on the same
 * server, and the same kind of call where the network limits one apart) are held back, unsent, as {@link Unanswered}
 * with {@link Unanswered#heldUntil}, until the limit starts again. The client words that as the pause a 429 would
 * ask for, so that the account's state keeps it and the next read or reply waits. This is kept in memory: after a
 * restart, or on another node, the network's 429 says it again.
 */
public final class JsonHttp {

	/** The one mapper of the network clients: request bodies out, answers in. */
	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	/** Errors quoted from a network are cut after this many characters. */
	private static final int QUOTED = 300;

	private final OutboundGuard guard;
	private final OutboundHttp http;
	private final int maxBytes;

	/** How the network tells what is left of its rate limits, or {@code null} when it is not read. */
	private final RateLimitHeaders limits;

	/** Until when a limit is spent, by server, credential and kind of call ({@link #limitKey}). */
	private final Map<String, Instant> spent = new ConcurrentHashMap<>();

	public JsonHttp(OutboundGuard guard, int maxBytes) {
		this(guard, maxBytes, null);
	}

	/** @param limits how the network tells what is left of its rate limits, so that a spent limit is honoured */
	public JsonHttp(OutboundGuard guard, int maxBytes, RateLimitHeaders limits) {
		this(guard, guard.http(), maxBytes, limits);
	}

	/** Calls through {@code http}, a client of the guard's own ({@link OutboundGuard#ownHttp}), instead of the shared one. */
	public JsonHttp(OutboundGuard guard, OutboundHttp http, int maxBytes) {
		this(guard, http, maxBytes, null);
	}

	private JsonHttp(OutboundGuard guard, OutboundHttp http, int maxBytes, RateLimitHeaders limits) {
		this.guard = guard;
		this.http = http;
		this.maxBytes = maxBytes;
		this.limits = limits;
	}

	/** The SSRF guard every call goes through, for checking an address before it is used. */
	public OutboundGuard guard() {
		return guard;
	}

	/** A {@code multipart/form-data} body and its content type (with the boundary). */
	public record Multipart(byte[] body, String contentType) {
	}

	/**
	 * A {@code multipart/form-data} body: the text fields as UTF-8 parts, then one file under {@code fileField}.
	 */
	public static Multipart multipart(Map<String, String> fields, String fileField, String fileName, String contentType,
			byte[] content) {
		var form = org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder.create()
			.setMode(org.apache.hc.client5.http.entity.mime.HttpMultipartMode.EXTENDED)
			.setCharset(java.nio.charset.StandardCharsets.UTF_8);
		var text = org.apache.hc.core5.http.ContentType.TEXT_PLAIN.withCharset(java.nio.charset.StandardCharsets.UTF_8);
		fields.forEach((name, value) -> form.addTextBody(name, value, text));
		form.addBinaryBody(fileField, content, org.apache.hc.core5.http.ContentType.parse(contentType), fileName);
		var entity = form.build();
		var body = new java.io.ByteArrayOutputStream(content.length + 1024);
		try {
			entity.writeTo(body);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return new Multipart(body.toByteArray(), entity.getContentType());
	}

	/** {@code GET}. */
	public Answer get(URI uri, Map<String, String> headers) throws Unanswered {
		return send(uri, headers, null);
	}

	/** {@code POST} of {@code body} (the headers name its type). */
	public Answer post(URI uri, Map<String, String> headers, byte[] body) throws Unanswered {
		return send(uri, headers, body);
	}

	/**
	 * {@code POST} that may take up to {@code timeout} before the answer begins, for a call the network holds open
	 * until something happens (a long poll).
	 */
	public Answer post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws Unanswered {
		return send(uri, headers, body, false, timeout);
	}

	/** {@code PUT} of {@code body} (the headers name its type). */
	public Answer put(URI uri, Map<String, String> headers, byte[] body) throws Unanswered {
		return send(uri, headers, body, true, TIMEOUT);
	}

	/**
	 * {@code GET} of a stream: a 2xx answer's body goes to {@code reader} as it arrives until the network ends it,
	 * nothing came for {@code idle}, or {@code cancel} was run; the answer then has no body. Another answer
	 * returns at once, with its body.
	 */
	public Answer stream(URI uri, Map<String, String> headers, Duration idle, OutboundHttp.BodyReader reader,
			java.util.function.Consumer<Runnable> cancel) throws Unanswered {
		try {
			OutboundHttp.Response response = http.stream(uri, headers, idle, reader, cancel);
			return new Answer(response.status(), response.body(), response.headers());
		}
		catch (OutboundHttp.Refused e) {
			throw new Unanswered(true, false, e);
		}
		catch (IOException e) {
			throw new Unanswered(false, true, e);
		}
	}

	private Answer send(URI uri, Map<String, String> headers, byte[] body) throws Unanswered {
		return send(uri, headers, body, false, TIMEOUT);
	}

	private Answer send(URI uri, Map<String, String> headers, byte[] body, boolean put, Duration timeout) throws Unanswered {
		holdIfSpent(uri, headers);
		try {
			OutboundHttp.Response response = body == null ? http.get(uri, headers, timeout, maxBytes)
					: put ? http.put(uri, headers, body, timeout, maxBytes) : http.post(uri, headers, body, timeout, maxBytes);
			Answer answer = new Answer(response.status(), response.body(), response.headers());
			keepLimit(uri, headers, answer);
			return answer;
		}
		catch (OutboundHttp.Refused e) {
			throw new Unanswered(true, false, e);
		}
		catch (IOException e) {
			boolean notSent = e instanceof ConnectException || e instanceof UnknownHostException
					|| e instanceof org.apache.hc.client5.http.ConnectTimeoutException;
			throw new Unanswered(false, !notSent, e);
		}
	}

	/**
	 * Refuses to send a call that counts against a limit an earlier answer said was spent, while it is: the
	 * account's limit on that server, or the limit of the call's kind.
	 */
	private void holdIfSpent(URI uri, Map<String, String> headers) throws Unanswered {
		Optional<Unanswered> held = held(uri, headers);
		if (held.isPresent()) {
			throw held.get();
		}
	}

	/**
	 * What a call to {@code uri} with these headers would meet now, unsent, because an earlier answer said a limit it
	 * counts against is spent; empty when it would be sent. A reader asks this after a good answer, so that the pause
	 * shows at once and not only when the next call is held.
	 */
	public Optional<Unanswered> held(URI uri, Map<String, String> headers) {
		if (limits == null || spent.isEmpty()) {
			return Optional.empty();
		}
		Instant now = Instant.now();
		String calls = limits.calls().apply(uri);
		for (String kind : calls == null ? List.of("") : List.of("", calls)) {
			Instant until = spent.get(limitKey(uri, headers, kind));
			if (until != null && until.isAfter(now)) {
				return Optional.of(new Unanswered(until, kind.isEmpty() ? null : kind));
			}
		}
		return Optional.empty();
	}

	/**
	 * Keeps until when the answer says its limit is spent. A 429 is left to the client, which words the pause it asks
	 * for as a failure (and the account's state keeps it).
	 */
	private void keepLimit(URI uri, Map<String, String> headers, Answer answer) {
		if (limits == null || answer.status() == 429) {
			return;
		}
		limits.spentUntil(answer).ifPresent(until -> {
			Instant now = Instant.now();
			spent.values().removeIf(ended -> !ended.isAfter(now));
			String calls = limits.calls().apply(uri);
			spent.merge(limitKey(uri, headers, calls == null ? "" : calls), until, (a, b) -> a.isAfter(b) ? a : b);
		});
	}

	/** A limit's key: the server, the credential the call was made with (none for a call without), the kind of call. */
	private static String limitKey(URI uri, Map<String, String> headers, String calls) {
		return uri.getScheme() + "://" + uri.getRawAuthority() + "\n" + headers.getOrDefault("Authorization", "") + "\n"
				+ calls;
	}

	/** What the network answered. */
	public record Answer(int status, byte[] body, HttpHeaders headers) {

		public boolean success() {
			return status >= 200 && status < 300;
		}

		/** The body as JSON; empty when it is not JSON. An empty body is an empty object. */
		public Optional<JsonNode> json() {
			if (body.length == 0) {
				return Optional.of(JSON.createObjectNode());
			}
			try {
				return Optional.ofNullable(JSON.readTree(body));
			}
			catch (JacksonException e) {
				return Optional.empty();
			}
		}

		/** The body as JSON, or an empty object when it is not JSON (for reading an error's fields). */
		public JsonNode jsonOrEmpty() {
			return json().orElseGet(JSON::createObjectNode);
		}

		/** A text field of the JSON body, cut to a length fit for a message shown to a person; {@code ""} if none. */
		public String quoted(String field) {
			return shortened(jsonOrEmpty().path(field).asString(""));
		}

		public Optional<String> header(String name) {
			return headers.firstValue(name);
		}
	}

	/**
	 * No answer came: the guard refused the address, the connection failed, or the call was held back because an
	 * earlier answer said its rate limit was spent ({@link #heldUntil}).
	 */
	public static final class Unanswered extends Exception {

		/** The guard refused the address: trying again does not help. */
		public final boolean refused;

		/** The request may have reached the network before the answer was lost. */
		public final boolean maybeSent;

		/** Until when the call's rate limit is spent, when it was held back for that (and not sent); else {@code null}. */
		public final transient Instant heldUntil;

		/** The kind of call whose limit is spent ({@link NetworkFailure#calls}), or {@code null} for the account's. */
		public final String heldCalls;

		Unanswered(boolean refused, boolean maybeSent, IOException cause) {
			super(String.valueOf(cause.getMessage()), cause);
			this.refused = refused;
			this.maybeSent = maybeSent;
			this.heldUntil = null;
			this.heldCalls = null;
		}

		private Unanswered(Instant heldUntil, String heldCalls) {
			super("Its rate limit is spent until " + heldUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
					+ "; nothing is asked before then.");
			this.refused = false;
			this.maybeSent = false;
			this.heldUntil = heldUntil;
			this.heldCalls = heldCalls;
		}
	}

	/** A value as a JSON body. */
	/** A whole number a network answered in {@code field}, or {@code null} when it gave none. */
	public static Long count(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isNumber() ? Long.valueOf(value.asLong()) : null;
	}

	/**
	 * A JSON object of strings, as a connector keeps a reading cursor (e.g. the newest id per tag), as a map one may
	 * add to; empty when there is none or it cannot be read (then the reading starts again at the newest).
	 */
	public static Map<String, String> strings(String json) {
		Map<String, String> out = new java.util.LinkedHashMap<>();
		if (json == null || json.isBlank()) {
			return out;
		}
		try {
			JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
		}
		catch (tools.jackson.core.JacksonException e) {
			out.clear();
		}
		return out;
	}

	/** An ISO 8601 timestamp with an offset, or {@code null} when the value is missing or is none. */
	public static java.time.Instant instant(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return java.time.OffsetDateTime.parse(value).toInstant();
		}
		catch (java.time.format.DateTimeParseException e) {
			return null;
		}
	}

	public static byte[] body(Object value) {
		return JSON.writeValueAsBytes(value);
	}

	/** {@code application/x-www-form-urlencoded} of the pairs, in their order. */
	public static byte[] form(Map<String, String> pairs) {
		StringBuilder form = new StringBuilder();
		pairs.forEach((key, value) -> form.append(form.isEmpty() ? "" : "&").append(encoded(key)).append('=')
			.append(encoded(value)));
		return form.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** A query string ({@code ?a=1&b=2}, a key repeated per value), or {@code ""} without parameters. */
	public static String query(Map<String, List<String>> params) {
		StringBuilder query = new StringBuilder();
		params.forEach((key, values) -> values.forEach(value -> query.append(query.isEmpty() ? "?" : "&")
			.append(encoded(key)).append('=').append(encoded(value))));
		return query.toString();
	}

	public static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A network's own words, cut to a length fit for a message shown to a person. */
	public static String shortened(String text) {
		return text.length() > QUOTED ? text.substring(0, QUOTED) + "…" : text;
	}
}
