package org.rapport.channels.blogcomment;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.contacts.IdentityKind;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Delivers the team's answers to blog comments. The answer itself is shown under the comment by the blog, which
 * listens for replies written on {@value #KIND} conversations (the channels module may not depend on the blog);
 * this connector tells the commenter by email through the workspace's first connected mailbox. Without a
 * mailbox the answer is on the blog only, which counts as sent.
 */
@Component
class BlogCommentConnector implements ChannelConnector {

	static final String KIND = "blogcomment";

	private final Channels channels;

	BlogCommentConnector(@Lazy Channels channels) {
		this.channels = channels;
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
		try {
			return channels.connector(mailbox.kind()).deliver(mailbox, reply);
		}
		catch (DeliveryException e) {
			throw new DeliveryException("The answer is on the blog, but the mail to the commenter did not leave: "
					+ e.getMessage(), e.retryable(), e);
		}
	}
}
