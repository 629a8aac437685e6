package org.rapport.blog.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.blog.Author;
import org.rapport.blog.Post;

import tools.jackson.databind.json.JsonMapper;

/**
 * Schema.org data for search engines as JSON-LD: a post as {@code BlogPosting} with its author, an author as
 * {@code Person}. Written into a {@code <script type="application/ld+json">} data block, which browsers never run
 * (so the strict CSP allows it); {@code <} is escaped so no text can close the block.
 */
final class JsonLd {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonLd() {
	}

	static String posting(Post post, String url, String blogTitle, Author author, String authorUrl, String photoUrl) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("@context", "https://schema.org");
		json.put("@type", "BlogPosting");
		json.put("headline", post.title());
		json.put("url", url);
		json.put("mainEntityOfPage", url);
		json.put("datePublished", post.publishedAt() == null ? null : post.publishedAt().toString());
		json.put("dateModified", post.updatedAt().toString());
		json.put("description", post.excerpt());
		json.put("author", person(author, authorUrl, photoUrl, false));
		json.put("publisher", Map.of("@type", "Organization", "name", blogTitle));
		List<String> keywords = new ArrayList<>();
		post.categories().forEach(t -> keywords.add(t.name()));
		post.tags().forEach(t -> keywords.add(t.name()));
		if (!keywords.isEmpty()) {
			json.put("keywords", String.join(", ", keywords));
		}
		return write(json);
	}

	static String person(Author author, String url, String photoUrl) {
		return write(person(author, url, photoUrl, true));
	}

	private static Map<String, Object> person(Author author, String url, String photoUrl, boolean withContext) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (withContext) {
			json.put("@context", "https://schema.org");
		}
		json.put("@type", "Person");
		json.put("name", author.displayName());
		json.put("url", url);
		if (!author.photoUrl().isBlank()) {
			json.put("image", photoUrl);
		}
		if (!author.bio().isBlank()) {
			json.put("description", author.bio());
		}
		List<String> sameAs = new ArrayList<>();
		if (!author.website().isBlank()) {
			sameAs.add(author.website());
		}
		if (!author.mastodon().isBlank()) {
			sameAs.add(author.mastodon());
		}
		if (!sameAs.isEmpty()) {
			json.put("sameAs", sameAs);
		}
		return json;
	}

	private static String write(Map<String, Object> json) {
		json.values().removeIf(java.util.Objects::isNull);
		return JSON.writeValueAsString(json).replace("<", "\\u003c");
	}
}
