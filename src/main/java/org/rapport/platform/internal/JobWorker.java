package org.rapport.platform.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rapport.platform.JobHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs due jobs of the queue on every node. Each poll claims a batch with {@code FOR UPDATE SKIP LOCKED} and marks
 * it running with a lease, so two nodes never claim the same job; a job whose node stopped mid-run is claimed again
 * when its lease ran out. Claimed jobs run side by side on virtual threads, since most wait on the network.
 */
@Component
class JobWorker {

	private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

	/** Pauses after the 1st, 2nd, ... failed attempt; after the last the job is failed. */
	static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
			Duration.ofHours(2), Duration.ofHours(12));

	private static final Duration LEASE = Duration.ofMinutes(10);

	private final JdbcClient jdbc;
	private final Map<String, JobHandler> handlers;
	private final int batch;

	private final MeterRegistry meters;

	JobWorker(JdbcClient jdbc, List<JobHandler> handlers, @Value("${rapport.jobs.batch:64}") int batch,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
		this.batch = batch;
		this.meters = meters;
		Gauge.builder("rapport.jobs.waiting", () -> count("queued")).description("Jobs queued, due or not").register(meters);
		Gauge.builder("rapport.jobs.failed", () -> count("failed")).description("Jobs that gave up").register(meters);
	}

	private long count(String status) {
		return jdbc.sql("select count(*) from jobs where status = ?").param(status).query(Long.class).single();
	}

	private record Claimed(UUID id, String kind, String payload, int attempts) {
	}

	/**
	 * Claims and runs due jobs until none are left, keeping up to {@code batch} running at once: a new chunk is
	 * claimed as soon as a quarter of the slots are free, so one slow job does not hold up the others.
	 */
	@Scheduled(fixedDelayString = "${rapport.jobs.poll-interval:1s}")
	void poll() {
		if (handlers.isEmpty()) {
			return;
		}
		int chunk = Math.max(1, batch / 4);
		Semaphore slots = new Semaphore(batch);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			while (true) {
				slots.acquireUninterruptibly(chunk);
				int free = chunk + slots.drainPermits();
				List<Claimed> claimed = claim(free);
				slots.release(free - claimed.size());
				if (claimed.isEmpty()) {
					return; // closing the executor waits for the jobs still running
				}
				for (Claimed job : claimed) {
					threads.submit(() -> {
						try {
							run(job);
						}
						finally {
							slots.release();
						}
					});
				}
			}
		}
	}

	private List<Claimed> claim(int limit) {
		return jdbc.sql("""
				update jobs set status = 'running', locked_until = :lease, updated_at = now()
				where id in (
				  select id from jobs
				  where kind in (:kinds) and ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
				  order by run_at limit :batch for update skip locked)
				returning id, kind, payload::text, attempts""")
			.param("lease", Timestamp.from(Instant.now().plus(LEASE)))
			.param("kinds", new ArrayList<>(handlers.keySet()))
			.param("batch", limit)
			.query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

	private void run(Claimed job) {
		long started = System.nanoTime();
		String outcome = "done";
		try {
			handlers.get(job.kind()).run(job.payload());
			jdbc.sql("update jobs set status = 'done', locked_until = null, updated_at = now() where id = ?")
				.param(job.id()).update();
		}
		catch (Exception e) {
			outcome = failed(job, e) ? "failed" : "retry";
		}
		Timer.builder("rapport.jobs.run").description("Time a job's attempt took, by kind and outcome")
			.tag("kind", job.kind()).tag("outcome", outcome)
			.register(meters).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
	}

	/** Records a failed attempt; true when the job gave up. */
	private boolean failed(Claimed job, Exception e) {
		int attempts = job.attempts() + 1;
		boolean giveUp = e instanceof JobHandler.GiveUp || attempts > BACKOFF.size();
		String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		if (error.length() > 2000) {
			error = error.substring(0, 2000) + "…";
		}
		Instant next = giveUp ? Instant.now() : Instant.now().plus(BACKOFF.get(attempts - 1));
		log.info("Job {} ({}) failed on attempt {}{}: {}", job.id(), job.kind(), attempts,
				giveUp ? ", giving up" : ", next attempt " + next, error);
		jdbc.sql("""
				update jobs set status = ?, attempts = ?, last_error = ?, run_at = ?, locked_until = null, updated_at = now()
				where id = ?""")
			.params(giveUp ? "failed" : "queued", attempts, error, Timestamp.from(next), job.id())
			.update();
		return giveUp;
	}

	/** Forgets finished jobs after a week; failed ones stay until retried or the workspace goes. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void forgetDone() {
		jdbc.sql("delete from jobs where status = 'done' and updated_at < now() - interval '7 days'").update();
	}
}
