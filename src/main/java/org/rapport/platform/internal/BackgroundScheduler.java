package org.rapport.platform.internal;

import java.util.function.Supplier;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.context.SmartLifecycle;

/**
 * This node's db-scheduler, started once the context (and Flyway) is ready and stopped before the data source
 * closes. A stopped db-scheduler cannot start again, so each start builds a fresh one: a context may be stopped and
 * started again (Spring pauses test contexts that are not in use).
 */
public final class BackgroundScheduler implements SmartLifecycle {

	private final Supplier<Scheduler> factory;

	private volatile Scheduler current;

	BackgroundScheduler(Supplier<Scheduler> factory) {
		this.factory = factory;
	}

	@Override
	public synchronized void start() {
		if (current == null) {
			Scheduler scheduler = factory.get();
			scheduler.start();
			current = scheduler;
		}
	}

	@Override
	public synchronized void stop() {
		Scheduler scheduler = current;
		current = null;
		if (scheduler != null) {
			scheduler.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return current != null;
	}

	/** Has this node look for due executions now instead of at its next poll; nothing when it is stopped. */
	public void checkForDueExecutions() {
		Scheduler scheduler = current;
		if (scheduler != null) {
			scheduler.triggerCheckForDueExecutions();
		}
	}
}
