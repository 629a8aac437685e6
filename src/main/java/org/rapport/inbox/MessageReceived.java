package org.rapport.inbox;

import java.util.UUID;

/** A message from a contact was stored in a conversation. */
public record MessageReceived(UUID workspaceId, UUID conversationId, UUID messageId, UUID contactId, UUID channelId) {
}
