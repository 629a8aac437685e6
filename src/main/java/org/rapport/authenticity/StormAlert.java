package org.rapport.authenticity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A storm alert: a channel's negative messages, or a topic's negative hits, rose beyond what is normal for the hour
 * and weekday.
 *
 * @param channelId the channel it is about, or {@code null} for a topic's
 * @param monitorId the topic (listening monitor) it is about, or {@code null} for a channel's
 * @param startedAt the start of the window that made the detector signal
 * @param raisedAt when the alert was raised
 * @param lastSignalAt the latest signal of the same storm (the figures are those of the strongest window seen)
 * @param messages inbound messages in that window
 * @param negative negative messages in it
 * @param negativeAuthors distinct authors of negative messages in it
 * @param newAuthors distinct authors in it who never wrote on the channel (on the topic) before
 * @param expected the distinct negative authors normal for such a window
 * @param negativeShare negative over all messages of the window
 * @param growth negative messages of the last 15 minutes over those of the 15 minutes before
 * @param sampleMessageIds the negative messages that caused it, newest first (a topic's: the hits)
 * @param conversationIds their conversations (none for a topic's)
 */
public record StormAlert(UUID id, UUID workspaceId, UUID channelId, UUID monitorId, Instant startedAt, Instant raisedAt,
		Instant lastSignalAt, int messages, int negative, int negativeAuthors, int newAuthors, double expected,
		double negativeShare, double growth, double pValue, List<UUID> sampleMessageIds, List<UUID> conversationIds,
		UUID acknowledgedBy, Instant acknowledgedAt) {

	public boolean acknowledged() {
		return acknowledgedAt != null;
	}

	/** Whether it is about a topic (a listening monitor's hits) rather than a channel. */
	public boolean topic() {
		return monitorId != null;
	}
}
