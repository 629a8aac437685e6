package org.rapport.platform;

/**
 * Runs the jobs of one kind from the installation's job queue ({@link Jobs}). Implementations are Spring beans,
 * found by {@link #kind()}.
 * <p>
 * A job may run more than once (a node may stop after the work was done but before it was recorded), so a handler
 * must be idempotent or tolerate a repeat. It never runs on two nodes at the same time.
 */
public interface JobHandler {

	/** The kind of job this handler runs, e.g. {@code "activitypub-delivery"}. */
	String kind();

	/**
	 * Does the work. Returning normally marks the job done. Throwing schedules another attempt after a growing pause
	 * (1 minute, 5 minutes, 30 minutes, 2 hours, 12 hours), after which the job is {@code failed} until someone
	 * retries it; {@link GiveUp} marks it failed at once.
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
