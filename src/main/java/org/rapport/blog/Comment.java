package org.rapport.blog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reader's comment under a post, or the team's answer to one. The commenter's email address is not part of it:
 * it lives with the contact and is never shown.
 *
 * @param fromTeam whether a member wrote it in the inbox
 * @param status {@code pending}, {@code approved}, {@code rejected} or {@code deleted} (by its author, who withdrew
 * the consent; name, address and text are gone)
 * @param bodyHtml the text as escaped HTML, safe to show
 * @param replies the answers shown below it (readers' and the team's), for a comment shown on a page
 */
public record Comment(UUID id, UUID postId, UUID parentId, UUID conversationId, boolean fromTeam, String authorName,
		String website, String bodyText, String bodyHtml, String status, Instant createdAt, List<Comment> replies) {

	public boolean approved() {
		return "approved".equals(status);
	}

	public boolean deleted() {
		return "deleted".equals(status);
	}
}
