package org.rapport.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation was given to a member, or taken from everyone.
 *
 * @param assigneeId the member it now belongs to, {@code null} for nobody
 * @param byId the member who assigned it, {@code null} when a routing rule did
 */
public record ConversationAssigned(UUID workspaceId, UUID conversationId, UUID assigneeId, UUID byId, Instant at) {
}
