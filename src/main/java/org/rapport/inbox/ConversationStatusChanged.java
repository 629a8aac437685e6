package org.rapport.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A member marked a conversation done, or took a done conversation up again (reopened it, or undid "done"). Kept
 * in the inbox's status log too, so that {@link InboxHistory} can answer every change later.
 *
 * @param done whether it is done now
 * @param memberId who changed it
 */
public record ConversationStatusChanged(UUID workspaceId, UUID conversationId, boolean done, UUID memberId,
		Instant at) {
}
