package org.rapport.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * One unit of background work in the installation's job queue.
 *
 * @param kind names the {@link JobHandler} that runs it
 * @param workspaceId the workspace it belongs to, or null for installation-wide work
 * @param payload the handler's input as JSON text
 * @param status {@code queued}, {@code running}, {@code done} or {@code failed}
 * @param attempts how many runs failed so far
 * @param lastError the message of the latest failure, for people to read
 */
public record Job(UUID id, String kind, UUID workspaceId, String payload, String status, int attempts,
		Instant runAt, String lastError, Instant createdAt, Instant updatedAt) {

	public boolean failed() {
		return "failed".equals(status);
	}
}
