package org.rapport.inbox;

import java.util.UUID;

/** Identifies a conversation. */
public record ConversationId(UUID value) {
}
