package org.rapport.platform.internal;

import java.util.UUID;

/**
 * What a job's execution row carries in db-scheduler's {@code task_data} (as JSON): the job's input and, after a
 * failed attempt, the last error for people to read ({@code failed} once it gave up).
 *
 * @param payload the handler's input as JSON text
 * @param state null, or {@code failed} once the job gave up
 * @param createdAt epoch milliseconds of the enqueueing
 * @param updatedAt epoch milliseconds of the latest change
 */
public record JobData(UUID workspaceId, String payload, String state, String lastError, long createdAt, long updatedAt) {

	public static JobData queued(UUID workspaceId, String payload) {
		long now = System.currentTimeMillis();
		return new JobData(workspaceId, payload, null, null, now, now);
	}

	public static final String FAILED = "failed";

	JobData finished(String state, String lastError) {
		return new JobData(workspaceId, payload, state, lastError, createdAt, System.currentTimeMillis());
	}

	public JobData requeued() {
		return new JobData(workspaceId, payload, null, lastError, createdAt, System.currentTimeMillis());
	}
}
