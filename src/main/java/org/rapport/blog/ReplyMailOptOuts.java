package org.rapport.blog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import org.rapport.contacts.ConsentLinks;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.AuditLog;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Commenters who want no more mails about the team's answers to their comments, per blog (workspace) and email
 * address. The mail with an answer carries the link {@code /blog/{workspace}/replies/stop?e=<address>&t=<token>};
 * the token is signed the way {@link ConsentLinks} signs withdrawal links (HMAC-SHA256 with this installation's
 * secret), over a name-based id of "workspace + address" that can never equal a (random) consent id, so one kind of
 * link cannot stand in for the other. After opting out, answers still appear under the comment; only the mail stays
 * home.
 */
@Component
public class ReplyMailOptOuts {

	private final JdbcClient jdbc;
	private final ConsentLinks consentLinks;
	private final RapportProperties properties;
	private final AuditLog audit;

	ReplyMailOptOuts(JdbcClient jdbc, ConsentLinks consentLinks, RapportProperties properties, AuditLog audit) {
		this.jdbc = jdbc;
		this.consentLinks = consentLinks;
		this.properties = properties;
		this.audit = audit;
	}

	static String normalise(String email) {
		return Identities.normalise(IdentityKind.EMAIL, email.strip());
	}

	private String token(UUID workspaceId, String email) {
		UUID subject = UUID.nameUUIDFromBytes(("blog-reply-optout:" + workspaceId + ":" + normalise(email))
			.getBytes(StandardCharsets.UTF_8));
		return consentLinks.token(subject);
	}

	/** The absolute link for a mail to this address. */
	public String link(Workspace workspace, String email) {
		return properties.link(BlogPaths.home(workspace.slug()) + "/replies/stop?e="
				+ URLEncoder.encode(normalise(email), StandardCharsets.UTF_8) + "&t=" + token(workspace.id(), email));
	}

	/** Whether the link's address and token belong together for this blog. */
	public boolean verify(UUID workspaceId, String email, String token) {
		if (email == null || token == null || email.isBlank() || email.length() > 254 || token.length() > 100
				|| !Identities.isEmail(email.strip())) {
			return false;
		}
		return MessageDigest.isEqual(token(workspaceId, email).getBytes(StandardCharsets.US_ASCII),
				token.getBytes(StandardCharsets.US_ASCII));
	}

	/** Records the opt-out; doing it again changes nothing. Call only with a verified link. */
	public void optOut(Workspace workspace, String email, String ip) {
		int added = jdbc.sql("""
				insert into blog_reply_mail_optouts(workspace_id, email) values (?, ?) on conflict do nothing""")
			.params(workspace.id(), normalise(email))
			.update();
		if (added > 0) {
			audit.record(workspace.id(), null, "blog.comment.replyMailsStopped", "by the link in an answer mail", ip);
		}
	}

	public boolean optedOut(UUID workspaceId, String email) {
		return email != null && jdbc.sql("select exists(select 1 from blog_reply_mail_optouts where workspace_id = ? and email = ?)")
			.params(workspaceId, normalise(email))
			.query(Boolean.class)
			.single();
	}
}
