package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.rapport.platform.Job;
import org.rapport.platform.Jobs;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The installation's jobs on db-scheduler: run, retried with backoff, given up, retried by hand, never run twice even
 * when several schedulers (nodes) share the database.
 */
class JobQueueIntegrationTests extends IntegrationTest {

	@Autowired
	Jobs jobs;

	@Autowired
	DataSource dataSource;

	@Autowired
	RecordingJobHandler handler;

	private String payload(String key, String extra) {
		return "{\"key\":\"" + key + "\"" + extra + "}";
	}

	private Job job(UUID id) {
		return jobs.find(workspace.id(), id).orElseThrow();
	}

	@Test
	void runsAQueuedJobOnceAndMarksItDone() {
		String key = UUID.randomUUID().toString();
		UUID id = jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), payload(key, ""), null);
		await().atMost(Duration.ofSeconds(10)).until(() -> job(id).status().equals("done"));
		assertThat(RecordingJobHandler.RUNS.get(key).get()).isEqualTo(1);
	}

	@Test
	void waitsUntilRunAt() throws InterruptedException {
		String key = UUID.randomUUID().toString();
		UUID id = jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), payload(key, ""), Instant.now().plusSeconds(3600));
		Thread.sleep(2500);
		assertThat(job(id).status()).isEqualTo("queued");
		assertThat(RecordingJobHandler.RUNS.get(key)).isNull();
	}

	@Test
	void aFailedAttemptIsRetriedAfterAMinuteWithTheErrorRecorded() {
		String key = UUID.randomUUID().toString();
		UUID id = jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), payload(key, ",\"fail\":true"), null);
		await().atMost(Duration.ofSeconds(10)).until(() -> job(id).attempts() == 1);
		Job job = job(id);
		assertThat(job.status()).isEqualTo("queued");
		assertThat(job.lastError()).isEqualTo("boom " + key);
		assertThat(job.runAt()).isBetween(Instant.now().plusSeconds(45), Instant.now().plusSeconds(61));
	}

	@Test
	void givesUpAfterTheLastBackoffAndCanBeRetriedByHand() {
		String key = UUID.randomUUID().toString();
		UUID id = jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), payload(key, ",\"fail\":true"), Instant.now().plusSeconds(3600));
		// Five attempts have failed already (1 min, 5 min, 30 min, 2 h and 12 h later); the sixth is the last.
		jdbc.sql("update scheduled_tasks set consecutive_failures = 5, execution_time = now() where task_instance = ?")
			.param(id.toString()).update();
		await().atMost(Duration.ofSeconds(10)).until(() -> job(id).failed());
		assertThat(job(id).attempts()).isEqualTo(6);
		assertThat(jobs.failed(workspace.id(), RecordingJobHandler.KIND)).extracting(Job::id).containsExactly(id);

		RecordingJobHandler.HEALED.add(key);
		Job retried = jobs.retry(workspace.id(), id);
		assertThat(retried.status()).isEqualTo("queued");
		assertThat(retried.attempts()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> job(id).status().equals("done"));
		assertThat(jobs.failed(workspace.id(), RecordingJobHandler.KIND)).isEmpty();
	}

	@Test
	void aHandlerThatGivesUpFailsAtOnce() {
		String key = UUID.randomUUID().toString();
		UUID id = jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), payload(key, ",\"giveUp\":true"), null);
		await().atMost(Duration.ofSeconds(10)).until(() -> job(id).failed());
		assertThat(job(id).lastError()).isEqualTo("gone for good: " + key);
		assertThat(RecordingJobHandler.RUNS.get(key).get()).isEqualTo(1);
	}

	@Test
	void onlyFailedJobsCanBeRetriedAndOnlyInTheirWorkspace() {
		UUID id = jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), payload("x", ""), Instant.now().plusSeconds(3600));
		assertThatThrownBy(() -> jobs.retry(workspace.id(), id)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> jobs.retry(UUID.randomUUID(), id)).isInstanceOf(org.rapport.platform.NotFoundException.class);
		assertThatThrownBy(() -> jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), "not json", null))
			.isInstanceOf(RuntimeException.class);
	}

	@Test
	void concurrentWorkersNeverRunAJobTwice() throws Exception {
		String prefix = UUID.randomUUID().toString();
		List<String> keys = new ArrayList<>();
		Instant later = Instant.now().plusSeconds(3600);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			keys.add(prefix + "-" + i);
			ids.add(jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), payload(prefix + "-" + i, ",\"sleepMillis\":5"), later));
		}
		// All become due at once, and three more schedulers (as on three more nodes) compete with this node's.
		List<Scheduler> nodes = new ArrayList<>();
		for (int n = 0; n < 3; n++) {
			nodes.add(Scheduler.create(dataSource, BackgroundWork.jobTask(handler, new SimpleMeterRegistry()))
				.serializer(JsonTaskData.INSTANCE).schedulerName(new SchedulerName.Fixed("extra-node-" + n))
				.pollingInterval(Duration.ofMillis(200)).threads(16).pollUsingLockAndFetch(0.5, 1.0).build());
		}
		nodes.forEach(Scheduler::start);
		try {
			jdbc.sql("update scheduled_tasks set execution_time = now() where task_instance in (:ids)")
				.param("ids", ids.stream().map(UUID::toString).toList()).update();
			await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
					"select count(*) from scheduled_tasks where task_instance in (:ids) and execution_time >= :parked")
				.param("ids", ids.stream().map(UUID::toString).toList()).param("parked", java.sql.Timestamp.from(Jobs.PARKED))
				.query(Integer.class).single() == ids.size());
			assertThat(ids).allMatch(id -> job(id).status().equals("done"));
		}
		finally {
			nodes.forEach(Scheduler::stop);
		}
		for (String key : keys) {
			assertThat(RecordingJobHandler.RUNS.get(key).get()).as(key).isEqualTo(1);
		}
	}
}
