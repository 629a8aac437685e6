package org.rapport.insights;

import java.time.Instant;
import java.util.UUID;

/**
 * One opening of a conversation: from its first message, or from the first message after it was done, until it is
 * done again. The figures of {@code docs/metrics.md} are counted over openings.
 *
 * @param seq 0 for the first opening of the conversation, then 1, 2, …
 * @param needsAnswer a person wrote to us and waits for an answer (not a machine, not a logged call, not a note)
 * @param waitingSince when the first message that waits for an answer arrived
 * @param answeredAt the first answer from us after {@code waitingSince}
 * @param answeredBy the member who wrote that answer, when written in Rapport
 * @param turns how often the word passed from one side to the other, the first message counting as one
 */
public record Opening(UUID workspaceId, UUID conversationId, int seq, UUID channelId, UUID contactId,
		Instant openedAt, boolean needsAnswer, Instant waitingSince, Instant answeredAt, UUID answeredBy,
		Long firstResponseSeconds, Long firstResponseBusinessSeconds, Instant resolvedAt, Long resolutionSeconds,
		Long resolutionBusinessSeconds, int inbound, int replies, int turns) {
}
