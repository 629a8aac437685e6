package org.rapport.platform.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.rapport.platform.JobHandler;
import org.rapport.platform.Jobs;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The installation's one background engine: db-scheduler on the application's PostgreSQL (table
 * {@code scheduled_tasks}, created by Flyway). Every node runs a scheduler; a node picks due executions with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and every later change of an execution row checks its version, so each
 * execution runs on one node at a time. Jobs ({@link JobHandler}) become one-time tasks with their kind's retry
 * policy; {@link RecurringWork} beans become recurring tasks, each with a single execution row, hence one run at a
 * time across all nodes. Executions run on virtual threads, since most wait on the network or the database.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundWork {

	private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);


	@Bean
	RecurringWork forgetFinishedJobs(Jobs jobs) {
		return RecurringWork.every("forget-finished-jobs", Duration.ofHours(1), jobs::forgetFinished);
	}

	@Bean
	BackgroundScheduler backgroundScheduler(DataSource dataSource, List<JobHandler> handlers,
			List<RecurringWork> recurring, MeterRegistry meters, Jobs jobs,
			@Value("${rapport.jobs.poll-interval:1s}") Duration pollInterval,
			@Value("${rapport.jobs.batch:64}") int concurrency,
			@Value("${rapport.jobs.heartbeat:30s}") Duration heartbeat,
			@Value("${rapport.jobs.node-name:}") String nodeName) {
		List<Task<?>> tasks = new ArrayList<>();
		for (JobHandler handler : handlers) {
			tasks.add(jobTask(handler, meters));
		}
		// startTasks registers the recurring ones as known tasks too
		List<RecurringTask<Void>> startTasks = recurring.stream().map(BackgroundWork::recurringTask).toList();
		List<Task<?>> all = new ArrayList<>(tasks);
		all.addAll(startTasks);
		Gauge.builder("rapport.jobs.waiting", () -> jobs.countAll("queued")).description("Jobs queued, due or not")
			.register(meters);
		Gauge.builder("rapport.jobs.failed", () -> jobs.countAll("failed")).description("Jobs that gave up")
			.register(meters);
		return new BackgroundScheduler(() -> Scheduler.create(dataSource, tasks)
			.startTasks(startTasks)
			.serializer(JsonTaskData.INSTANCE)
			.schedulerName(new SchedulerName.Fixed(nodeName.isBlank() ? nodeName() : nodeName))
			.pollingInterval(pollInterval)
			.threads(concurrency)
			.executorService(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("background-", 0).factory()))
			.pollUsingLockAndFetch(0.75, 1.0) // fetch more once a quarter of the slots are free, as the old worker did
			.heartbeatInterval(heartbeat)
			.statsRegistry(new MicrometerStatsRegistry(meters, all))
			.failureLogging(LogLevel.DEBUG, false)
			.shutdownMaxWait(Duration.ofSeconds(20))
			.build());
	}

	private static String nodeName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception e) {
			host = "node";
		}
		return host + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static RecurringTask<Void> recurringTask(RecurringWork work) {
		return Tasks.recurring(work.name(), work.every() != null ? FixedDelay.of(work.every()) : Schedules.cron(work.cron()))
			.execute((instance, context) -> work.work().run());
	}

	/** A failed attempt, carrying the handler's exception to the failure handler. */
	private static final class Attempt extends RuntimeException {

		Attempt(Exception cause) {
			super(cause.getMessage(), cause, false, false);
		}
	}

	static Task<JobData> jobTask(JobHandler handler, MeterRegistry meters) {
		List<Duration> backoff = handler.backoff();
		return Tasks.custom(handler.kind(), JobData.class)
			.onDeadExecution(new DeadExecutionHandler.ReviveDeadExecution<>())
			.onFailure((complete, operations) -> {
				Execution execution = complete.getExecution();
				JobData data = (JobData) execution.taskInstance.getData();
				Throwable cause = complete.getCause().map(c -> c instanceof Attempt ? c.getCause() : c).orElse(null);
				int attempts = execution.consecutiveFailures + 1;
				boolean giveUp = givesUp(cause, attempts, backoff);
				String error = message(cause);
				Instant next = giveUp ? Jobs.FAILED : Instant.now().plus(backoff.get(attempts - 1));
				log.info("Job {} ({}) failed on attempt {}{}: {}", execution.taskInstance.getId(), handler.kind(), attempts,
						giveUp ? ", giving up" : ", next attempt " + next, error);
				operations.reschedule(complete, next,
						giveUp ? data.finished(JobData.FAILED, error) : data.finished(null, error));
			})
			.execute((instance, context) -> {
				long started = System.nanoTime();
				String outcome = "done";
				try {
					handler.run(instance.getData().payload());
				}
				catch (Exception e) {
					outcome = givesUp(e, context.getExecution().consecutiveFailures + 1, backoff) ? "failed" : "retry";
					throw new Attempt(e);
				}
				finally {
					Timer.builder("rapport.jobs.run").description("Time a job's attempt took, by kind and outcome")
						.tag("kind", handler.kind()).tag("outcome", outcome)
						.register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
				}
				// Parked as done without rewriting the task data: the completion is one small update.
				return (complete, operations) -> operations.reschedule(complete, Jobs.DONE);
			});
	}

	private static boolean givesUp(Throwable cause, int attempts, List<Duration> backoff) {
		return cause instanceof JobHandler.GiveUp || attempts > backoff.size();
	}

	private static String message(Throwable cause) {
		if (cause == null) {
			return "failed";
		}
		String error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		return error.length() > 2000 ? error.substring(0, 2000) + "…" : error;
	}
}
