package org.rapport.blog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A blog post.
 *
 * @param status {@code draft}, {@code published} or {@code scheduled}
 * @param publishAt when a scheduled post goes public
 * @param publishedAt when it went public; kept when a post is taken back to draft, so its address stays
 */
public record Post(UUID id, UUID workspaceId, String title, String slug, String markdown, String html,
		String excerpt, int readingMinutes, String status, Instant publishAt, Instant publishedAt, UUID authorId,
		String authorName, List<Term> categories, List<Term> tags, Instant createdAt, Instant updatedAt) {

	/** A category or tag: its name and the slug used in its address. */
	public record Term(String slug, String name) {
	}

	public boolean published() {
		return "published".equals(status);
	}

	/** The date the post carries: when it went public, else when it will, else when it was written. */
	public Instant date() {
		return publishedAt != null ? publishedAt : publishAt != null ? publishAt : createdAt;
	}

	/** The post's address below the site, {@code /blog/{workspace}/{yyyy}/{mm}/{slug}}, by its date in a zone. */
	public String path(String workspaceSlug, ZoneId zone) {
		ZonedDateTime at = date().atZone(zone);
		return BlogPaths.home(workspaceSlug) + "/%04d/%02d/%s".formatted(at.getYear(), at.getMonthValue(), slug);
	}
}
