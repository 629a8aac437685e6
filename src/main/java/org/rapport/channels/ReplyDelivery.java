package org.rapport.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.inbox.Messages;
import org.rapport.inbox.ReplyWritten;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends each written reply through its conversation's channel, after the reply is committed. The event is kept
 * in the publication registry until delivery was attempted, so a crash in between sends it on restart.
 */
@Component
public class ReplyDelivery {

	private static final Logger log = LoggerFactory.getLogger(ReplyDelivery.class);

	private final Channels channels;
	private final ReplyRoutes routes;
	private final Messages messages;
	private final Contacts contacts;

	ReplyDelivery(Channels channels, ReplyRoutes routes, Messages messages, Contacts contacts) {
		this.channels = channels;
		this.routes = routes;
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
			ChannelConnector.Delivered delivered = routes.send(channel, reply);
			messages.delivered(messageId, delivered.externalId(), delivered.delivery());
		}
		catch (DeliveryException e) {
			Instant retry = e.retryable() ? nextAttempt(messages.failedAttempts(messageId)) : null;
			log.warn("Reply {} on channel {} not delivered{}: {}", messageId, channel.key(),
					retry == null ? "" : ", next attempt " + retry, e.getMessage());
			messages.failed(messageId, e.getMessage(), retry);
		}
		catch (RuntimeException e) {
			String reference = Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
			log.error("Reply {} on channel {} failed (reference {})", messageId, channel.key(), reference, e);
			messages.failed(messageId, "The reply could not be sent because of a fault in Rapport; it is logged under reference "
					+ reference + ".", null);
		}
	}

	/** Pauses after the 1st, 2nd, ... failed attempt: 1, 5, 15, 60, 240 minutes; then a person must decide. */
	static Instant nextAttempt(int failedSoFar) {
		int[] minutes = { 1, 5, 15, 60, 240 };
		return failedSoFar < minutes.length ? Instant.now().plus(Duration.ofMinutes(minutes[failedSoFar])) : null;
	}

	/** Runs {@link #retryDue} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork retryDueRecurring(@Value("${rapport.delivery.retry-interval:30s}") Duration interval) {
		return RecurringWork.every("replies-retry-due", interval, this::retryDue);
	}

	/** Tries due replies again. Each node claims its own with SKIP LOCKED, so none is sent twice at once. */
	void retryDue() {
		for (Messages.Due due : messages.claimDueRetries(20)) {
			deliver(due.workspaceId(), due.messageId());
		}
	}
}
