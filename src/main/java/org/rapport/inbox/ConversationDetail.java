package org.rapport.inbox;

import java.time.Instant;

/** A conversation with its timers, for the conversation view. */
public record ConversationDetail(ConversationSummary summary, Instant createdAt, Instant firstResponseAt,
		Long firstResponseBusinessSeconds, Instant resolvedAt, Long resolutionBusinessSeconds) {
}
