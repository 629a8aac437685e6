package org.rapport.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.inbox.Messages;
import org.rapport.inbox.ReplyWritten;
import org.rapport.platform.JobHandler;
import org.rapport.platform.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each written reply through its conversation's channel, after the reply is committed. The event is kept
 * in the publication registry until delivery was attempted, so a crash in between sends it on restart. A reply
 * that failed in a way that may pass is tried again as a job of the background scheduler ({@value #RETRY}), one
 * job per attempt, after 1, 5, 15, 60 and 240 minutes, or when the network said it takes messages again; then a
 * person decides ("send again" in the inbox).
 */
@Component
public class ReplyDelivery implements JobHandler {

	/** The job kind of a later attempt. */
	static final String RETRY = "reply-delivery";

	private static final Logger log = LoggerFactory.getLogger(ReplyDelivery.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Channels channels;
	private final ReplyRoutes routes;
	private final Messages messages;
	private final Contacts contacts;
	private final Jobs jobs;

	ReplyDelivery(Channels channels, ReplyRoutes routes, Messages messages, Contacts contacts, @Lazy Jobs jobs) {
		this.channels = channels;
		this.routes = routes;
		this.messages = messages;
		this.contacts = contacts;
		this.jobs = jobs;
	}

	@Override
	public String kind() {
		return RETRY;
	}

	/** A later attempt; it never fails as a job, because each attempt queues the next itself. */
	@Override
	public void run(String payload) {
		JsonNode job = JSON.readTree(payload);
		deliver(UUID.fromString(job.get("workspaceId").asString()), UUID.fromString(job.get("messageId").asString()));
	}

	@ApplicationModuleListener
	void on(ReplyWritten event) {
		deliver(event.workspaceId(), event.messageId());
	}

	/** Delivers a queued or failed reply; a reply that already left is not sent again. */
	public void deliver(UUID workspaceId, UUID messageId) {
		Messages.Outgoing out = messages.outgoing(workspaceId, messageId);
		if (!"queued".equals(out.delivery()) && !"failed".equals(out.delivery())) {
			return;
		}
		Channel channel = channels.get(workspaceId, messages.channelOf(messageId));
		Contact contact = contacts.get(workspaceId, ContactId.of(out.contactId()));
		OutgoingReply reply = new OutgoingReply(messageId, out.conversationId(), contact.name(),
				contact.identities().stream().map(i -> new OutgoingReply.Address(i.kind(), i.value())).toList(),
				out.threadKey(), out.subject(), out.bodyText(), out.authorName(), List.copyOf(out.references()), out.files());
		try {
			ChannelConnector.Delivered delivered = routes.send(channel, reply);
			messages.delivered(messageId, delivered.externalId(), delivered.delivery());
		}
		catch (DeliveryException e) {
			Instant retry = e.retryable() ? nextAttempt(messages.failedAttempts(messageId), e.notBefore()) : null;
			log.warn("Reply {} on channel {} not delivered{}: {}", messageId, channel.key(),
					retry == null ? "" : ", next attempt " + retry, e.getMessage());
			messages.failed(messageId, e.getMessage(), retry);
			if (retry != null) {
				jobs.enqueue(RETRY, workspaceId, JSON.writeValueAsString(java.util.Map.of("workspaceId", workspaceId.toString(),
						"messageId", messageId.toString())), retry);
			}
		}
		catch (RuntimeException e) {
			String reference = Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
			log.error("Reply {} on channel {} failed (reference {})", messageId, channel.key(), reference, e);
			messages.failed(messageId, "The reply could not be sent because of a fault in Rapport; it is logged under reference "
					+ reference + ".", null);
		}
	}

	/** Pauses after the 1st, 2nd, ... failed attempt; then a person must decide. */
	static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(60), Duration.ofMinutes(240));

	/**
	 * This kind's retry policy. Each attempt is a job of its own that queues the next after the pause its failure
	 * count gives, so the scheduler never retries a reply by itself.
	 */
	@Override
	public List<Duration> backoff() {
		return BACKOFF;
	}

	/** When to try again after {@code failedSoFar} failed attempts, or {@code null} when a person must decide. */
	static Instant nextAttempt(int failedSoFar) {
		return nextAttempt(failedSoFar, null);
	}

	/**
	 * When to try again: at the time the network named if it named one (it knows when it takes messages again),
	 * else after the pause the failure count gives; {@code null} after the last attempt, when a person must decide.
	 */
	static Instant nextAttempt(int failedSoFar, Instant notBefore) {
		if (failedSoFar >= BACKOFF.size()) {
			return null;
		}
		return notBefore != null ? notBefore : Instant.now().plus(BACKOFF.get(failedSoFar));
	}
}
