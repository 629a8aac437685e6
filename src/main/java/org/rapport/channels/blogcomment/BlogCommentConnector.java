package org.rapport.channels.blogcomment;

import java.util.Optional;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.OutgoingReply;
import org.rapport.channels.Text;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Delivers the team's answers to blog comments: the blog shows the answer under the comment, and the commenter is
 * told by mail through the workspace's mailbox, with the closing lines the blog gives. Without a mailbox the answer
 * is on the blog only, which counts as sent; a commenter who asked for no more mails gets none.
 */
@Component
class BlogCommentConnector implements ChannelConnector {

	static final String KIND = "blogcomment";

	private final BlogCommentReplies blog;

	BlogCommentConnector(@Lazy BlogCommentReplies blog) {
		this.blog = blog;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Text name() {
		return Text.of("Blog comments", "Blog-Kommentare");
	}

	@Override
	public String icon() {
		return "M4 4h16v12H8l-4 4z";
	}

	@Override
	public Optional<DefaultChannel> defaultChannel() {
		return Optional.of(new DefaultChannel(BlogCommentChannel.KEY, name(), true));
	}

	@Override
	public Replies replies() {
		return Replies.OWN;
	}

	/** A comment waiting for approval: answering it publishes it too, so say so and offer approve and spam here. */
	@Override
	public Optional<Notice> noticeFor(Channel channel, java.util.UUID conversationId) {
		return blog.waitingComment(channel.workspaceId(), conversationId).map(comment -> new Notice(
				Text.of("This comment waits for approval. Answering it approves it: the comment and your answer appear under the post.",
						"Dieser Kommentar wartet auf Freigabe. Eine Antwort gibt ihn frei: Kommentar und Antwort erscheinen unter dem Beitrag."),
				java.util.List.of(new Action(Text.of("Approve", "Freigeben"), "/blog/admin/comments/" + comment + "/approve"),
						new Action(Text.of("Spam", "Spam"), "/blog/admin/comments/" + comment + "/spam"))));
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) {
		blog.publish(channel.workspaceId(), reply.conversationId(), reply.messageId());
		String lines = blog.mailFooter(reply);
		if (lines == null) {
			return Delivered.sent(null);
		}
		OutgoingReply mail = lines.isBlank() ? reply : new OutgoingReply(reply.messageId(), reply.conversationId(),
				reply.contactName(), reply.to(), reply.threadKey(), reply.subject(),
				(reply.bodyText() == null ? "" : reply.bodyText()) + "\n\n-- \n" + lines, reply.authorName(),
				reply.references());
		return Delivered.sent(null).andByMail(mail);
	}
}
