package org.rapport.channels.webform;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.contacts.IdentityKind;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A web form has no way back of its own: replies go by email, through the workspace's first connected mailbox.
 */
@Component
class WebformConnector implements ChannelConnector {

	private final Channels channels;

	WebformConnector(@Lazy Channels channels) {
		this.channels = channels;
	}

	@Override
	public String kind() {
		return "webform";
	}

	@Override
	public Delivered deliver(Channel channel, OutgoingReply reply) throws DeliveryException {
		if (reply.first(IdentityKind.EMAIL).isEmpty()) {
			throw new DeliveryException("The contact has no email address to answer to.", false, null);
		}
		Channel mailbox = channels.of(channel.workspaceId()).stream()
			.filter(c -> c.kind().equals("email") && c.enabled())
			.findFirst()
			.orElseThrow(() -> new DeliveryException(
					"Connect a mailbox (Settings → Channels) to answer web form messages by email.", true, null));
		return channels.connector(mailbox.kind()).deliver(mailbox, reply);
	}
}
