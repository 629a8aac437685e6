package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Jobs;
import org.rapport.support.IntegrationTest;
import org.rapport.support.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node killed with {@code kill -9} in the middle of a job loses nothing: once its heartbeats stop, another node on
 * the same PostgreSQL takes the job up and runs it.
 */
class KilledNodeIntegrationTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	Jobs jobs;

	@Autowired
	BackgroundScheduler scheduler;

	@Test
	void aJobOfANodeKilledMidRunIsRunByAnother() throws Exception {
		String key = "killed-" + UUID.randomUUID();
		scheduler.stop(); // so that the doomed node is the one that takes the job
		Process doomed = null;
		try {
			UUID id = jobs.enqueue(RecordingJobHandler.KIND, workspace.id(),
					"{\"key\":\"" + key + "\",\"sleepWhere\":\"rapport.test.doomed\",\"sleepThereMillis\":600000}", Instant.now());
			doomed = startNode("doomed-" + key);
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
				.until(() -> ("doomed-" + key).equals(pickedBy(id)));

			doomed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no goodbye to the database
			assertThat(RecordingJobHandler.RUNS.get(key)).as("not run in this JVM yet").isNull();
			scheduler.start();

			await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
				.until(() -> jobs.find(workspace.id(), id).orElseThrow().status().equals("done"));
			assertThat(RecordingJobHandler.RUNS.get(key).get()).as("runs on the surviving node").isEqualTo(1);
		}
		finally {
			if (doomed != null) {
				doomed.destroyForcibly();
			}
			scheduler.start();
		}
	}

	private String pickedBy(UUID id) {
		return jdbc.sql("select picked_by from scheduled_tasks where task_instance = ? and picked")
			.param(id.toString()).query(String.class).optional().orElse(null);
	}

	/** Another Rapport on this database in a JVM of its own, so that it can be killed. */
	private Process startNode(String name) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Drapport.test.doomed=true", "-Xmx256m",
				"-cp", System.getProperty("java.class.path"), "org.rapport.RapportApplication"));
		command.addAll(SecondNode.arguments(dataSource, "--rapport.jobs.heartbeat=1s", "--rapport.jobs.node-name=" + name));
		File log = Path.of("target", name + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}
}
