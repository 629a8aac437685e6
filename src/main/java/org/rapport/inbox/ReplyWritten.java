package org.rapport.inbox;

import java.util.UUID;

/** A member wrote a reply that must now leave through the conversation's channel. */
public record ReplyWritten(UUID workspaceId, UUID conversationId, UUID messageId, UUID channelId) {
}
