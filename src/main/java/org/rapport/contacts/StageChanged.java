package org.rapport.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * A member moved a contact from one relationship stage to another.
 *
 * @param changedBy the member who changed it, {@code null} if unknown
 */
public record StageChanged(UUID workspaceId, UUID contactId, String from, String to, UUID changedBy, String reason,
		Instant at) {
}
