package org.rapport.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * A stage the evidence suggests for a contact, not applied until a member accepts it.
 *
 * @param to the proposed stage key
 * @param reason why, as a code: {@code two_way_conversation}, {@code visit}, {@code event}
 * @param evidence the conversation or message that supports it, as {@code conversation:<id>} or {@code message:<id>}
 * @param conversationId the conversation to look at
 * @param at when the evidence happened
 */
public record StageProposal(String to, String reason, String evidence, UUID conversationId, Instant at) {
}
