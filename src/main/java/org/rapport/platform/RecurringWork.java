package org.rapport.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * Work that repeats: a module declares it as a bean and the installation's background scheduler runs it, on one
 * node at a time however many nodes share the database. A run that throws is logged and the next run comes at its
 * usual time; a node that stops mid-run leaves it to another node once its heartbeat is missed.
 *
 * @param name unique in the installation, stable across versions (it names the row that holds the next run)
 * @param every pause between the end of one run and the start of the next, or null when {@code cron} is set
 * @param cron a Spring-style cron expression with seconds ({@code 0 17 3 * * *}), or null when {@code every} is set
 */
public record RecurringWork(String name, Duration every, String cron, Runnable work) {

	public RecurringWork {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(work, "work");
		if ((every == null) == (cron == null)) {
			throw new IllegalArgumentException("Recurring work " + name + " needs either an interval or a cron expression.");
		}
	}

	/** Runs {@code work} again {@code interval} after each run ended. */
	public static RecurringWork every(String name, Duration interval, Runnable work) {
		return new RecurringWork(name, interval, null, work);
	}

	/** Runs {@code work} at the times of a Spring-style cron expression (six fields, seconds first). */
	public static RecurringWork cron(String name, String cron, Runnable work) {
		return new RecurringWork(name, null, cron, work);
	}
}
