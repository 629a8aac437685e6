package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

/** Settings → Background tasks and {@code /api/v1/tasks}: what gave up is listed with its error and can be tried again. */
class BackgroundTasksIntegrationTests extends IntegrationTest {

	@Autowired
	Jobs jobs;

	/** A Fediverse delivery parked as failed after its last attempt, as the scheduler leaves it. */
	private UUID failedDelivery() {
		UUID id = jobs.enqueue("activitypub-delivery", workspace.id(), "{\"inbox\":\"https://remote.example/inbox\"}",
				Instant.now().plusSeconds(3600));
		jdbc.sql("""
				update scheduled_tasks set execution_time = ?, consecutive_failures = 5,
				  task_data = convert_to(jsonb_set(jsonb_set(convert_from(task_data, 'UTF8')::jsonb, '{lastError}',
				    '"remote.example answered 503"'), '{state}', '"failed"')::text, 'UTF8')
				where task_instance = ?""")
			.params(java.sql.Timestamp.from(Jobs.FAILED), id.toString())
			.update();
		return id;
	}

	@Test
	void aTaskThatGaveUpIsListedWithItsErrorAndTriedAgainFromThePage() throws Exception {
		UUID id = failedDelivery();
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/settings/tasks");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Aufgegebene Aufgaben", "Zustellung ins Fediverse", "remote.example answered 503",
				"/settings/tasks/" + id + "/retry");

		var retried = ui.form("/settings/tasks/" + id + "/retry", Map.of("_csrf", UiSession.csrf(page.body())));
		assertThat(retried.location()).endsWith("/settings/tasks");
		assertThat(jobs.find(workspace.id(), id).orElseThrow().failed()).isFalse();
		assertThat(ui.get("/settings/tasks").body()).contains("Keine Aufgabe hat aufgegeben");
	}

	@Test
	void integratorsListAndRetryFailedTasksAndBadInputNamesTheField() {
		UUID id = failedDelivery();
		var failed = api.get("/api/v1/tasks").json().get("items");
		assertThat(failed.size()).isEqualTo(1);
		assertThat(failed.get(0).get("lastError").asString()).contains("503");

		assertThat(api.post("/api/v1/tasks/" + id + "/retry", Map.of()).json().get("status").asString()).isEqualTo("queued");
		assertThat(api.post("/api/v1/tasks/" + id + "/retry", Map.of()).status()).isEqualTo(409);
		assertThat(api.get("/api/v1/tasks?status=broken").json().get("field").asString()).isEqualTo("status");
		assertThat(api.post("/api/v1/tasks/" + UUID.randomUUID() + "/retry", Map.of()).status()).isEqualTo(404);
	}
}
