package org.rapport.blog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

import org.rapport.contacts.ConsentLinks;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The commenter's own link to delete a comment and withdraw the consent given with it:
 * {@code /blog/{workspace}/comments/{comment id}/delete?t=<token>}. The token is the one {@link ConsentLinks} signs
 * for withdrawing that very consent (an HMAC-SHA256 of the consent id with this installation's secret), so the
 * link proves the same thing a withdrawal link does and needs no secret of its own; the consent id itself never
 * appears in it. A comment given without a recorded consent has no link.
 */
@Component
public class CommentLinks {

	private final JdbcClient jdbc;
	private final ConsentLinks consentLinks;
	private final Workspaces workspaces;
	private final RapportProperties properties;

	CommentLinks(JdbcClient jdbc, ConsentLinks consentLinks, Workspaces workspaces, RapportProperties properties) {
		this.jdbc = jdbc;
		this.consentLinks = consentLinks;
		this.workspaces = workspaces;
		this.properties = properties;
	}

	/** The path (below the site) of a comment's link, if it has a consent to withdraw. */
	public Optional<String> path(UUID commentId) {
		return jdbc.sql("select workspace_id, consent_id from blog_comments where id = ? and consent_id is not null")
			.param(commentId)
			.query((rs, n) -> BlogPaths.home(workspaces.get(rs.getObject(1, UUID.class)).slug()) + "/comments/" + commentId
					+ "/delete?t=" + consentLinks.token(rs.getObject(2, UUID.class)))
			.optional();
	}

	/** The absolute link, for mails. */
	public Optional<String> link(UUID commentId) {
		return path(commentId).map(properties::link);
	}

	/**
	 * The comment a link names, if the token is right for it and it belongs to the workspace; empty for anything
	 * tampered with or unknown.
	 */
	public Optional<UUID> verify(UUID workspaceId, String commentId, String token) {
		if (commentId == null || token == null || commentId.length() > 36 || token.length() > 100) {
			return Optional.empty();
		}
		UUID id;
		try {
			id = UUID.fromString(commentId);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		return jdbc.sql("select consent_id from blog_comments where id = ? and workspace_id = ? and consent_id is not null")
			.params(id, workspaceId)
			.query(UUID.class)
			.optional()
			.filter(consent -> MessageDigest.isEqual(consentLinks.token(consent).getBytes(StandardCharsets.US_ASCII),
					token.getBytes(StandardCharsets.US_ASCII)))
			.map(consent -> id);
	}
}
