package org.rapport.channels.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.rapport.channels.HeardPage;
import org.rapport.channels.HeardPost;
import org.rapport.channels.HtmlSanitizing;
import org.rapport.channels.ListeningUnavailable;
import org.rapport.channels.network.JsonHttp;
import org.rapport.channels.network.RetryAfter;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.OutboundHttp;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a feed through the SSRF guard with a conditional GET ({@code If-None-Match}, {@code If-Modified-Since} from the
 * cursor), so an unchanged feed costs its server a 304. RSS and Atom are parsed by Rome, which refuses document type
 * declarations (no entity expansion, no external DTD); JSON Feed 1.x by Jackson. A feed larger than {@link #MAX_BYTES}
 * is refused, not cut.
 */
@Component
class FeedReader {

	static final int MAX_BYTES = 5 * 1024 * 1024;

	/** Items taken from one answer: feeds carry their newest items; an archive of thousands is not news. */
	static final int MAX_ITEMS = 200;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final OutboundHttp http;

	FeedReader(OutboundGuard guard) {
		this.http = guard.http();
	}

	HeardPage read(URI uri, String cursor) throws ListeningUnavailable {
		Map<String, String> validators = JsonHttp.strings(cursor);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/feed+json, application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5");
		if (validators.containsKey("etag")) {
			headers.put("If-None-Match", validators.get("etag"));
		}
		if (validators.containsKey("modified")) {
			headers.put("If-Modified-Since", validators.get("modified"));
		}
		OutboundHttp.Response answer;
		try {
			answer = http.get(uri, headers, TIMEOUT, MAX_BYTES + 1);
		}
		catch (OutboundHttp.Refused e) {
			throw new ListeningUnavailable("The feed's address cannot be used: " + e.getMessage(), null, e);
		}
		catch (UnknownHostException e) {
			throw new ListeningUnavailable("The feed's server " + uri.getHost() + " is not known.", null, e);
		}
		catch (IOException e) {
			throw new ListeningUnavailable("The feed's server did not answer: " + e.getMessage(), null, e);
		}
		if (answer.status() == 304) {
			return new HeardPage(List.of(), cursor, null);
		}
		if (answer.status() == 429 || answer.status() == 503) {
			Instant until = answer.headers().firstValue("Retry-After").flatMap(v -> RetryAfter.until(v, Instant.now()))
				.orElse(null);
			throw new ListeningUnavailable("The feed's server asked for a pause (HTTP " + answer.status() + ").", until, null);
		}
		if (answer.status() / 100 != 2) {
			throw new ListeningUnavailable("The feed's server answered HTTP " + answer.status() + ".", null, null);
		}
		if (answer.body().length > MAX_BYTES) {
			throw new ListeningUnavailable("The feed is larger than " + MAX_BYTES / (1024 * 1024) + " MB; only smaller feeds are read.",
					null, null);
		}
		String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		List<HeardPost> posts = json(type, answer.body()) ? jsonFeed(answer.body()) : xmlFeed(answer.body());
		Map<String, String> next = new LinkedHashMap<>();
		answer.headers().firstValue("ETag").ifPresent(v -> next.put("etag", v));
		answer.headers().firstValue("Last-Modified").ifPresent(v -> next.put("modified", v));
		return new HeardPage(posts, next.isEmpty() ? null : JSON.writeValueAsString(next), null);
	}

	private static boolean json(String type, byte[] body) {
		if (type.contains("json")) {
			return true;
		}
		for (byte b : body) {
			if (!Character.isWhitespace(b)) {
				return b == '{';
			}
		}
		return false;
	}

	private static List<HeardPost> xmlFeed(byte[] body) throws ListeningUnavailable {
		SyndFeed feed;
		try (XmlReader xml = new XmlReader(new ByteArrayInputStream(body))) {
			SyndFeedInput input = new SyndFeedInput();
			input.setAllowDoctypes(false);
			feed = input.build(xml);
		}
		catch (FeedException | IOException | RuntimeException e) {
			throw new ListeningUnavailable("This is not a feed that can be read (RSS, Atom or JSON Feed): "
					+ firstLine(e.getMessage()), null, e);
		}
		String feedName = text(feed.getTitle());
		String feedLanguage = language(feed.getLanguage());
		List<HeardPost> posts = new ArrayList<>();
		for (SyndEntry entry : feed.getEntries()) {
			if (posts.size() == MAX_ITEMS) {
				break;
			}
			String link = clean(entry.getLink());
			String id = clean(entry.getUri());
			String key = id != null ? id : link;
			if (key == null) {
				continue;
			}
			String html = entry.getContents().stream().map(SyndContent::getValue).filter(v -> v != null && !v.isBlank())
				.findFirst().orElse(entry.getDescription() == null ? "" : entry.getDescription().getValue());
			String author = clean(entry.getAuthor());
			Instant at = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
					: entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
			posts.add(new HeardPost(cut(key, 2000), link, null, author != null ? author : feedName, null, clean(feed.getLink()),
					text(entry.getTitle()), HtmlSanitizing.toText(html), feedLanguage, at, null));
		}
		return posts;
	}

	private static List<HeardPost> jsonFeed(byte[] body) throws ListeningUnavailable {
		JsonNode feed;
		try {
			feed = JSON.readTree(new String(body, StandardCharsets.UTF_8));
		}
		catch (JacksonException e) {
			throw new ListeningUnavailable("The JSON feed cannot be read: " + firstLine(e.getOriginalMessage()), null, e);
		}
		if (!feed.path("version").asString("").startsWith("https://jsonfeed.org/version/") || !feed.path("items").isArray()) {
			throw new ListeningUnavailable("This JSON is not a JSON Feed (https://jsonfeed.org): it has no version or items.",
					null, null);
		}
		String feedName = text(feed.path("title").asString(""));
		String feedLanguage = language(feed.path("language").asString(null));
		String home = clean(feed.path("home_page_url").asString(null));
		List<HeardPost> posts = new ArrayList<>();
		for (JsonNode item : feed.path("items")) {
			if (posts.size() == MAX_ITEMS) {
				break;
			}
			String link = clean(item.path("url").asString(null));
			String id = clean(item.path("id").asString(null));
			String key = id != null ? id : link;
			if (key == null) {
				continue;
			}
			String text = item.hasNonNull("content_text") ? item.path("content_text").asString("")
					: HtmlSanitizing.toText(item.path("content_html").asString(item.path("summary").asString("")));
			JsonNode authors = item.path("authors").isArray() ? item.path("authors") : feed.path("authors");
			String author = authors.isArray() && !authors.isEmpty() ? clean(authors.get(0).path("name").asString(null))
					: clean(item.path("author").path("name").asString(null));
			posts.add(new HeardPost(cut(key, 2000), link, null, author != null ? author : feedName, null, home,
					text(item.path("title").asString("")), text.strip(),
					item.hasNonNull("language") ? language(item.path("language").asString(null)) : feedLanguage,
					date(item.path("date_published").asString(item.path("date_modified").asString(null))), null));
		}
		return posts;
	}

	private static Instant date(String value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	/** A language tag's primary language ({@code de-DE} → {@code de}), or {@code null}. */
	static String language(String tag) {
		if (tag == null || tag.isBlank()) {
			return null;
		}
		String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
		return primary.matches("[a-z]{2,3}") ? primary : null;
	}

	private static String text(String maybeHtml) {
		if (maybeHtml == null || maybeHtml.isBlank()) {
			return null;
		}
		return cut(HtmlSanitizing.toText(maybeHtml), 500);
	}

	private static String clean(String value) {
		return value == null || value.isBlank() ? null : cut(value.strip(), 2000);
	}

	private static String cut(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}

	private static String firstLine(String message) {
		String line = message == null ? "" : message.lines().findFirst().orElse("");
		return line.length() > 200 ? line.substring(0, 200) + "…" : line;
	}
}
