package org.rapport.platform;

import java.time.Duration;
import java.util.List;

/**
 * Runs the jobs of one kind from the installation's job queue ({@link Jobs}). Implementations are Spring beans,
 * found by {@link #kind()}; each kind is a one-time task of the installation's background scheduler (db-scheduler).
 * <p>
 * A job may run more than once (a node may stop after the work was done but before it was recorded), so a handler
 * must be idempotent or tolerate a repeat. It never runs on two nodes at the same time.
 */
public interface JobHandler {

	/** The pauses after the 1st, 2nd, ... failed attempt unless a kind says otherwise. */
	List<Duration> STANDARD_BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
			Duration.ofHours(2), Duration.ofHours(12));

	/** The kind of job this handler runs, e.g. {@code "activitypub-delivery"}. */
	String kind();

	/**
	 * This kind's retry policy: the pause after each failed attempt; after the last one the job is failed. The
	 * standard is 1 minute, 5 minutes, 30 minutes, 2 hours, 12 hours.
	 */
	default List<Duration> backoff() {
		return STANDARD_BACKOFF;
	}

	/**
	 * Does the work. Returning normally marks the job done. Throwing schedules another attempt after the next pause
	 * of {@link #backoff()}, after the last of which the job is {@code failed} until someone retries it;
	 * {@link GiveUp} marks it failed at once.
	 *
	 * @param payload the JSON text the job was enqueued with
	 */
	void run(String payload) throws Exception;

	/** Thrown by a handler when trying again cannot help (the target is gone, the payload is unusable). */
	class GiveUp extends Exception {

		public GiveUp(String message) {
			super(message);
		}
	}
}
