package org.rapport.blog;

import java.util.UUID;

import org.rapport.channels.OutgoingReply;
import org.rapport.channels.blogcomment.BlogCommentReplies;
import org.rapport.platform.ConversationId;
import org.rapport.platform.Workspaces;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The blog's part of the team's answer to a comment, asked for by the blog-comment channel: the answer appears
 * under the comment ({@link Comments#answer}), and the mail telling the commenter ends with the commenter's own link
 * to delete the comment answered and withdraw their consent ({@link CommentLinks}); an empty text means there is
 * nothing to add (the comment is gone or had no consent recorded). The lines also carry the link to get no more
 * such mails ({@link ReplyMailOptOuts}); for an address that used it the answer is {@code null}, which tells the
 * channel to send nothing.
 */
@Component
class CommentReplies implements BlogCommentReplies {

	private final Comments comments;
	private final JdbcClient jdbc;
	private final CommentLinks links;
	private final BlogSettings settings;
	private final Workspaces workspaces;
	private final ReplyMailOptOuts optOuts;

	CommentReplies(@Lazy Comments comments, JdbcClient jdbc, CommentLinks links, BlogSettings settings,
			Workspaces workspaces, ReplyMailOptOuts optOuts) {
		this.comments = comments;
		this.optOuts = optOuts;
		this.jdbc = jdbc;
		this.links = links;
		this.settings = settings;
		this.workspaces = workspaces;
	}

	@Override
	public boolean publish(UUID workspaceId, UUID conversationId, UUID replyMessageId) {
		return comments.answer(workspaceId, ConversationId.of(conversationId), replyMessageId);
	}

	@Override
	public java.util.Optional<UUID> waitingComment(UUID workspaceId, UUID conversationId) {
		return jdbc.sql("""
				select id from blog_comments where workspace_id = ? and conversation_id = ? and status = 'pending'
				and not from_team order by created_at desc limit 1""")
			.params(workspaceId, conversationId)
			.query(UUID.class)
			.optional();
	}

	@Override
	public String mailFooter(OutgoingReply reply) {
		UUID workspaceId = jdbc.sql("select workspace_id from blog_comments where conversation_id = ? limit 1")
			.param(reply.conversationId()).query(UUID.class).optional().orElse(null);
		String email = reply.first(org.rapport.contacts.IdentityKind.EMAIL).orElse(null);
		if (workspaceId == null || email == null) {
			return "";
		}
		if (optOuts.optedOut(workspaceId, email)) {
			return null;
		}
		var workspace = workspaces.get(workspaceId);
		boolean english = "en".equals(settings.of(workspace).language());
		String stop = (english ? "No more mails about my comments: " : "Keine Mails mehr zu meinen Kommentaren: ")
				+ optOuts.link(workspace, email);
		var answered = jdbc.sql("""
				select id, workspace_id from blog_comments where conversation_id = ? and not from_team and status <> 'deleted'
				order by created_at desc limit 1""")
			.param(reply.conversationId())
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.optional();
		if (answered.isEmpty()) {
			return stop;
		}
		return links.link(answered.get()[0]).map(link -> (english ? "Delete your comment and withdraw your consent: "
				: "Ihren Kommentar löschen und Ihre Einwilligung widerrufen: ") + link + "\n" + stop).orElse(stop);
	}
}
