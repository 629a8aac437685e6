package org.rapport.blog;

import java.time.Instant;
import java.util.UUID;

/**
 * A static page of a blog (about us, privacy, imprint): Markdown like a post, but without date, author, terms or
 * comments, listed in the theme's navigation while published.
 *
 * @param status {@code draft} or {@code published}
 * @param position its place in the navigation, lowest first
 * @param privacy whether it is the blog's privacy policy, linked from the consent texts
 */
public record Page(UUID id, UUID workspaceId, String title, String slug, String markdown, String html, String excerpt,
		String status, int position, boolean privacy, Instant createdAt, Instant updatedAt) {

	public boolean published() {
		return "published".equals(status);
	}

	/** The page's address below the site: {@code /blog/{workspace}/page/{slug}}. */
	public String path(String workspaceSlug) {
		return BlogPaths.page(workspaceSlug, slug);
	}
}
