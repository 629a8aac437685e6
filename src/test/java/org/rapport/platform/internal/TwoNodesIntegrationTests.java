package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.Jobs;
import org.rapport.support.IntegrationTest;
import org.rapport.support.SecondNode;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL: this test's application and a second one started on the first one's database. Every
 * job runs exactly once across both, and recurring work runs on one node at a time.
 */
class TwoNodesIntegrationTests extends IntegrationTest {

	static ConfigurableApplicationContext second;

	@Autowired
	DataSource dataSource;

	@Autowired
	Jobs jobs;

	@BeforeEach
	void startSecondNode() throws Exception {
		if (second != null) {
			return;
		}
		second = SecondNode.start(dataSource);
	}

	@AfterAll
	static void stopSecondNode() {
		RecordingRecurringWork.ENABLED = false;
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void aPersonSignedInOnOneNodeStaysSignedInOnTheOther() throws Exception {
		UiSession onA = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession onB = onA.at("http://localhost:" + SecondNode.port(second));
		UiSession.Page inbox = onB.get("/inbox");
		assertThat(inbox.status()).isEqualTo(200);
		assertThat(inbox.body()).contains("Olga Owner");
		// A form posted to the other node carries the session's CSRF token and is accepted there.
		UiSession.Page saved = onB.form("/settings/tokens", java.util.Map.of("name", "from node B",
				"_csrf", UiSession.csrf(onA.get("/settings").body())));
		assertThat(saved.location()).endsWith("/settings#tokens");
		assertThat(tokens.visibleTo(owner)).anyMatch(t -> t.name().equals("from node B"));
	}

	@Test
	void everyJobRunsExactlyOnceAcrossBothNodes() {
		String prefix = UUID.randomUUID().toString();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			ids.add(jobs.enqueue(RecordingJobHandler.KIND, workspace.id(), "{\"key\":\"" + prefix + "-" + i
					+ "\",\"sleepMillis\":200}", Instant.now().plusSeconds(3600)));
		}
		RecordingJobHandler.RUNS_BY_NODE.clear();
		// All become due at once; each node finds them at its next poll.
		jdbc.sql("update scheduled_tasks set execution_time = now() where task_instance in (:ids)")
			.param("ids", ids.stream().map(UUID::toString).toList()).update();
		await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().map(id -> jobs.find(workspace.id(), id))
			.allMatch(job -> job.orElseThrow().status().equals("done")));
		for (int i = 0; i < ids.size(); i++) {
			assertThat(RecordingJobHandler.RUNS.get(prefix + "-" + i).get()).as("runs of job %d", i).isEqualTo(1);
		}
		assertThat(RecordingJobHandler.RUNS_BY_NODE.values().stream().mapToInt(c -> c.get()).sum()).isEqualTo(ids.size());
		// At least both; in a full test run, other application contexts cached on the same database are nodes too.
		assertThat(RecordingJobHandler.RUNS_BY_NODE).as("both nodes took some").hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void recurringWorkRunsOnOneNodeAtATime() throws InterruptedException {
		RecordingRecurringWork.MOST_AT_ONCE.set(0);
		RecordingRecurringWork.RUNS_BY_NODE.clear();
		RecordingRecurringWork.ENABLED = true;
		try {
			// Runs take 1.5 s, once a second: on both nodes at once they would overlap.
			Thread.sleep(8000);
		}
		finally {
			RecordingRecurringWork.ENABLED = false;
		}
		int runs = RecordingRecurringWork.RUNS_BY_NODE.values().stream().mapToInt(c -> c.get()).sum();
		assertThat(runs).isBetween(2, 5);
		assertThat(RecordingRecurringWork.MOST_AT_ONCE.get()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = ?").param(RecordingRecurringWork.NAME)
			.query(Integer.class).single()).isEqualTo(1);
	}
}
