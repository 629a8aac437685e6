package org.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.platform.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Logs a meeting that took place as an offline activity of kind {@code event} on the workspace's {@code offline}
 * channel, exactly as "Log contact" ({@code POST /api/v1/activities}) does: one new conversation through the
 * ingestion pipeline, on the contact's timeline. The channels module exposes the pipeline, not its activity logger,
 * so this goes through the pipeline directly. Runs in the caller's transaction.
 */
@Component
class EventActivities {

	private final Channels channels;
	private final Ingestion ingestion;

	EventActivities(Channels channels, Ingestion ingestion) {
		this.channels = channels;
		this.ingestion = ingestion;
	}

	record Logged(UUID messageId, UUID conversationId) {
	}

	/**
	 * @throws IllegalArgumentException when the time lies in the future, or the summary is empty or too long
	 */
	Logged log(CurrentUser by, UUID contactId, String summary, Instant occurredAt) {
		if (summary == null || summary.isBlank()) {
			throw new IllegalArgumentException("An activity needs a summary of what was said.");
		}
		if (summary.length() > 20_000) {
			throw new IllegalArgumentException("The summary has " + summary.length() + " characters; at most 20000 are allowed.");
		}
		if (occurredAt.isAfter(Instant.now().plusSeconds(300))) {
			throw new IllegalArgumentException("An activity cannot lie in the future (occurredAt " + occurredAt + ").");
		}
		Channel offline = channels.forLoggedActivities(by.workspaceId());
		String id = "activity:" + UUID.randomUUID();
		String firstLine = summary.strip().lines().findFirst().orElse("");
		String subject = firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine;
		InboundMessage message = new InboundMessage(id, id, List.of(), null, contactId, subject, summary, false, occurredAt,
				"out", "activity", "event", List.of(), Map.of("loggedBy", by.displayName() == null ? "" : by.displayName()));
		Ingestion.Result result = ingestion.ingest(offline, List.of(message));
		UUID conversation = result.conversationIds().get(id);
		if (conversation == null) {
			throw new IllegalArgumentException("This person asked for their data to be erased; Rapport stores nothing new about them.");
		}
		return new Logged(result.messageIds().get(id), conversation);
	}
}
