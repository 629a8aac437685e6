package org.rapport.blog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reader's comment under a post, or the team's answer to one. The commenter's email address is not part of it:
 * it lives with the contact and is never shown.
 *
 * @param fromTeam whether a member wrote it in the inbox
 * @param status {@code pending}, {@code approved}, {@code rejected}, {@code spam} or {@code deleted} (by its author, who withdrew
 * the consent, or by the team; name, address and text are gone)
 * @param bodyHtml the text as escaped HTML, safe to show
 * @param replies the answers shown below it (readers' and the team's), for a comment shown on a page
 * @param deletedByTeam for a deleted comment: the team removed it, not its author (the placeholder says which)
 */
public record Comment(UUID id, UUID postId, UUID parentId, UUID conversationId, boolean fromTeam, String authorName,
		String website, String bodyText, String bodyHtml, String status, Instant createdAt, List<Comment> replies,
		boolean deletedByTeam) {

	public Comment(UUID id, UUID postId, UUID parentId, UUID conversationId, boolean fromTeam, String authorName,
			String website, String bodyText, String bodyHtml, String status, Instant createdAt, List<Comment> replies) {
		this(id, postId, parentId, conversationId, fromTeam, authorName, website, bodyText, bodyHtml, status, createdAt,
				replies, false);
	}

	public boolean approved() {
		return "approved".equals(status);
	}

	public boolean deleted() {
		return "deleted".equals(status);
	}
}
