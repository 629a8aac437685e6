package org.rapport.channels.blogcomment;

import java.util.function.Function;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.contacts.IdentityKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Delivers the team's answers to blog comments. The answer itself is shown under the comment by the blog, which
 * listens for replies written on {@value #KIND} conversations (the channels module may not depend on the blog);
 * this connector tells the commenter by email through the workspace's first connected mailbox. Without a
 * mailbox the answer is on the blog only, which counts as sent. The mail ends with the lines the blog offers as
 * {@value #FOOTER} for the reply (the commenter's link to delete the comment), found by name so that this module
 * does not depend on the blog. When the blog answers {@code null}, the commenter asked for no more mails: the answer
 * is on the blog only.
 */
@Component
class BlogCommentConnector implements ChannelConnector {

	static final String KIND = "blogcomment";

	static final String FOOTER = "blogCommentMailFooter";

	private final Channels channels;
	private final ObjectProvider<Function<OutgoingReply, String>> footer;

	BlogCommentConnector(@Lazy Channels channels, @Qualifier(FOOTER) ObjectProvider<Function<OutgoingReply, String>> footer) {
		this.channels = channels;
		this.footer = footer;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		Channel mailbox = channels.of(channel.workspaceId()).stream()
			.filter(c -> c.kind().equals("email") && c.enabled())
			.findFirst()
			.orElse(null);
		if (mailbox == null || reply.first(IdentityKind.EMAIL).isEmpty()) {
			return Delivered.sent(null);
		}
		Function<OutgoingReply, String> closing = footer.getIfAvailable();
		String lines = closing == null ? "" : closing.apply(reply);
		if (lines == null) {
			return Delivered.sent(null);
		}
		OutgoingReply mail = lines.isBlank() ? reply : new OutgoingReply(reply.messageId(), reply.conversationId(),
				reply.contactName(), reply.to(), reply.threadKey(), reply.subject(),
				(reply.bodyText() == null ? "" : reply.bodyText()) + "\n\n-- \n" + lines, reply.authorName(),
				reply.references());
		try {
			return channels.connector(mailbox.kind()).deliver(mailbox, mail);
		}
		catch (DeliveryException e) {
			throw new DeliveryException("The answer is on the blog, but the mail to the commenter did not leave: "
					+ e.getMessage(), e.retryable(), e);
		}
	}
}
