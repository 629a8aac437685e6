package org.rapport.blog.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.blog.Post;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a list of posts as RSS 2.0, Atom 1.0 or JSON Feed 1.1. Entries carry the full sanitised HTML of each post;
 * Atom and JSON Feed ids are the post's {@code urn:uuid}, stable when a title changes.
 */
final class FeedWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FeedWriter() {
	}

	/** One feed: what it is called, where it lives, and its entries with their public addresses. */
	record Feed(String title, String description, String language, String homeUrl, String selfUrl,
			List<Entry> entries) {

		Instant updated() {
			return entries.stream().map(e -> e.post().updatedAt()).max(Instant::compareTo).orElse(Instant.EPOCH);
		}
	}

	/** A post in a feed with its address, and its author's page and photo (absolute addresses, or null). */
	record Entry(Post post, String url, String authorUrl, String authorAvatar) {

		Entry(Post post, String url) {
			this(post, url, null, null);
		}
	}

	static String rss(Feed feed) {
		StringBuilder xml = new StringBuilder(4096);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
			.append("<channel>\n");
		element(xml, "title", feed.title());
		element(xml, "link", feed.homeUrl());
		element(xml, "description", feed.description().isBlank() ? feed.title() : feed.description());
		element(xml, "language", feed.language());
		xml.append("<atom:link href=\"").append(escape(feed.selfUrl())).append("\" rel=\"self\" type=\"application/rss+xml\"/>\n");
		element(xml, "lastBuildDate", rfc822(feed.updated()));
		element(xml, "generator", "Rapport");
		for (Entry entry : feed.entries()) {
			Post post = entry.post();
			xml.append("<item>\n");
			element(xml, "title", post.title());
			element(xml, "link", entry.url());
			xml.append("<guid isPermaLink=\"true\">").append(escape(entry.url())).append("</guid>\n");
			element(xml, "pubDate", rfc822(post.publishedAt()));
			element(xml, "dc:creator", post.authorName());
			for (Post.Term term : post.categories()) {
				element(xml, "category", term.name());
			}
			for (Post.Term term : post.tags()) {
				element(xml, "category", term.name());
			}
			element(xml, "description", post.html());
			xml.append("</item>\n");
		}
		return xml.append("</channel>\n</rss>\n").toString();
	}

	static String atom(Feed feed) {
		StringBuilder xml = new StringBuilder(4096);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"").append(escape(feed.language())).append("\">\n");
		element(xml, "title", feed.title());
		if (!feed.description().isBlank()) {
			element(xml, "subtitle", feed.description());
		}
		element(xml, "id", feed.homeUrl());
		xml.append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(feed.homeUrl())).append("\"/>\n");
		xml.append("<link rel=\"self\" type=\"application/atom+xml\" href=\"").append(escape(feed.selfUrl())).append("\"/>\n");
		element(xml, "updated", rfc3339(feed.updated()));
		xml.append("<author><name>").append(escape(feed.title())).append("</name></author>\n");
		element(xml, "generator", "Rapport");
		for (Entry entry : feed.entries()) {
			Post post = entry.post();
			xml.append("<entry>\n");
			element(xml, "title", post.title());
			xml.append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(entry.url())).append("\"/>\n");
			element(xml, "id", "urn:uuid:" + post.id());
			element(xml, "published", rfc3339(post.publishedAt()));
			element(xml, "updated", rfc3339(post.updatedAt()));
			xml.append("<author><name>").append(escape(post.authorName())).append("</name>");
			if (entry.authorUrl() != null) {
				xml.append("<uri>").append(escape(entry.authorUrl())).append("</uri>");
			}
			xml.append("</author>\n");
			for (Post.Term term : post.categories()) {
				xml.append("<category term=\"").append(escape(term.slug())).append("\" label=\"").append(escape(term.name()))
					.append("\"/>\n");
			}
			for (Post.Term term : post.tags()) {
				xml.append("<category term=\"").append(escape(term.slug())).append("\" label=\"").append(escape(term.name()))
					.append("\"/>\n");
			}
			xml.append("<summary type=\"text\">").append(escape(post.excerpt())).append("</summary>\n");
			xml.append("<content type=\"html\">").append(escape(post.html())).append("</content>\n");
			xml.append("</entry>\n");
		}
		return xml.append("</feed>\n").toString();
	}

	static String json(Feed feed) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("version", "https://jsonfeed.org/version/1.1");
		json.put("title", feed.title());
		json.put("home_page_url", feed.homeUrl());
		json.put("feed_url", feed.selfUrl());
		if (!feed.description().isBlank()) {
			json.put("description", feed.description());
		}
		json.put("language", feed.language());
		List<Map<String, Object>> items = new ArrayList<>();
		for (Entry entry : feed.entries()) {
			Post post = entry.post();
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", "urn:uuid:" + post.id());
			item.put("url", entry.url());
			item.put("title", post.title());
			item.put("content_html", post.html());
			item.put("summary", post.excerpt());
			item.put("date_published", rfc3339(post.publishedAt()));
			item.put("date_modified", rfc3339(post.updatedAt()));
			Map<String, Object> author = new LinkedHashMap<>();
			author.put("name", post.authorName());
			if (entry.authorUrl() != null) {
				author.put("url", entry.authorUrl());
			}
			if (entry.authorAvatar() != null) {
				author.put("avatar", entry.authorAvatar());
			}
			item.put("authors", List.of(author));
			List<String> tags = new ArrayList<>();
			post.categories().forEach(t -> tags.add(t.name()));
			post.tags().forEach(t -> tags.add(t.name()));
			if (!tags.isEmpty()) {
				item.put("tags", tags);
			}
			items.add(item);
		}
		json.put("items", items);
		return JSON.writeValueAsString(json);
	}

	/** A sitemap of the given addresses with the time each last changed (or null). */
	static String sitemap(Map<String, Instant> urls) {
		StringBuilder xml = new StringBuilder(2048);
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		urls.forEach((url, modified) -> {
			xml.append("<url><loc>").append(escape(url)).append("</loc>");
			if (modified != null) {
				xml.append("<lastmod>").append(rfc3339(modified)).append("</lastmod>");
			}
			xml.append("</url>\n");
		});
		return xml.append("</urlset>\n").toString();
	}

	private static void element(StringBuilder xml, String name, String text) {
		xml.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
	}

	/** Escapes text for XML content and attributes, dropping characters XML 1.0 does not allow. */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		text.codePoints().forEach(c -> {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
							|| c >= 0x10000) {
						out.appendCodePoint(c);
					}
				}
			}
		});
		return out.toString();
	}

	private static String rfc822(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format((instant == null ? Instant.EPOCH : instant).atZone(ZoneOffset.UTC));
	}

	private static String rfc3339(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format((instant == null ? Instant.EPOCH : instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}
}
