package org.rapport.blog;

import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Comments that were written elsewhere, such as replies to a post on the Fediverse. They wait for approval like a
 * new reader's first comment (the back office's moderation list shows them) and, once approved, show under the
 * post with a link to the original. The caller has stored the message in the inbox and sanitised the HTML.
 */
@Component("remoteComments")
public class RemoteComments {

	private final JdbcClient jdbc;
	private final BlogVersions versions;

	RemoteComments(JdbcClient jdbc, BlogVersions versions) {
		this.jdbc = jdbc;
		this.versions = versions;
	}

	/**
	 * Records a comment from elsewhere as pending; recording the same original again changes nothing.
	 *
	 * @param originUrl the original's address, unique per workspace
	 * @param safeHtml sanitised HTML of the text
	 * @return the comment's id
	 */
	public UUID record(UUID workspaceId, UUID postId, ConversationId conversation, ContactId contact, String authorName,
			String website, String originUrl, String text, String safeHtml) {
		UUID conversationId = conversation == null ? null : conversation.value();
		UUID contactId = contact == null ? null : contact.value();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into blog_comments(id, workspace_id, post_id, conversation_id, contact_id, author_name, website,
				  body_text, body_html, status, origin_url)
				select ?, ?, p.id, ?, ?, ?, ?, ?, ?, 'pending', ? from blog_posts p where p.id = ? and p.workspace_id = ?
				on conflict (workspace_id, origin_url) where origin_url is not null do nothing""")
			.params(id, workspaceId, conversationId, contactId, shorten(authorName, 100), shorten(website, 300), text,
					safeHtml, originUrl, postId, workspaceId)
			.update();
		return byOrigin(workspaceId, originUrl).orElse(id);
	}

	public Optional<UUID> byOrigin(UUID workspaceId, String originUrl) {
		return jdbc.sql("select id from blog_comments where workspace_id = ? and origin_url = ?").params(workspaceId, originUrl)
			.query(UUID.class).optional();
	}

	/** Replaces the text of a comment from elsewhere after its author edited the original. */
	public boolean update(UUID workspaceId, String originUrl, String text, String safeHtml) {
		return changed(workspaceId, jdbc.sql("update blog_comments set body_text = ?, body_html = ? where workspace_id = ? and origin_url = ?")
			.params(text, safeHtml, workspaceId, originUrl).update());
	}

	/** Removes a comment whose original was deleted, with the team's answers below it. */
	public boolean remove(UUID workspaceId, String originUrl) {
		return changed(workspaceId, jdbc.sql("delete from blog_comments where workspace_id = ? and origin_url = ?")
			.params(workspaceId, originUrl).update());
	}

	private boolean changed(UUID workspaceId, int rows) {
		if (rows > 0) {
			versions.changed(workspaceId);
		}
		return rows > 0;
	}

	/** The original's address of a comment from elsewhere, or null for a comment written on the blog. */
	public String origin(UUID commentId) {
		return jdbc.sql("select origin_url from blog_comments where id = ?").param(commentId).query(String.class)
			.optional().orElse(null);
	}

	private static String shorten(String value, int max) {
		String v = value == null ? "" : value.strip();
		return v.length() > max ? v.substring(0, max) : v;
	}
}
