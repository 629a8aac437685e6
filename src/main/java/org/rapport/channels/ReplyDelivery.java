package org.rapport.channels;

import java.util.List;

import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.inbox.Messages;
import org.rapport.inbox.ReplyWritten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends each written reply through its conversation's channel, after the reply is committed. The event is kept
 * in the publication registry until delivery was attempted, so a crash in between sends it on restart.
 */
@Component
class ReplyDelivery {

	private static final Logger log = LoggerFactory.getLogger(ReplyDelivery.class);

	private final Channels channels;
	private final Messages messages;
	private final Contacts contacts;

	ReplyDelivery(Channels channels, Messages messages, Contacts contacts) {
		this.channels = channels;
		this.messages = messages;
		this.contacts = contacts;
	}

	@ApplicationModuleListener
	void on(ReplyWritten event) {
		deliver(event.workspaceId(), event.messageId());
	}

	/** Delivers a queued or failed reply; a reply that already left is not sent again. */
	public void deliver(java.util.UUID workspaceId, java.util.UUID messageId) {
		Messages.Outgoing out = messages.outgoing(workspaceId, messageId);
		if (!"queued".equals(out.delivery()) && !"failed".equals(out.delivery())) {
			return;
		}
		Channel channel = channels.get(workspaceId, messages.channelOf(messageId));
		Contact contact = contacts.get(workspaceId, out.contactId());
		OutgoingReply reply = new OutgoingReply(messageId, out.conversationId(), contact.name(),
				contact.identities().stream().map(i -> new OutgoingReply.Address(i.kind(), i.value())).toList(),
				out.threadKey(), out.subject(), out.bodyText(), out.authorName(), List.copyOf(out.references()));
		try {
			ChannelConnector.Delivered delivered = channels.connector(channel.kind()).deliver(channel, reply);
			messages.delivered(messageId, delivered.externalId(), delivered.delivery());
		}
		catch (DeliveryException e) {
			log.warn("Reply {} on channel {} not delivered: {}", messageId, channel.key(), e.getMessage());
			messages.failed(messageId, e.getMessage());
		}
		catch (RuntimeException e) {
			log.error("Reply {} on channel {} failed", messageId, channel.key(), e);
			messages.failed(messageId, "Unexpected error: " + e.getMessage());
		}
	}
}
