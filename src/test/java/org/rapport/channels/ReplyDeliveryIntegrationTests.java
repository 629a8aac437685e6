package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

class ReplyDeliveryIntegrationTests extends IntegrationTest {

	@Autowired
	ReplyDelivery delivery;

	@Autowired
	org.rapport.platform.Jobs jobs;

	@Test
	void aReplyThatCannotLeaveIsKeptWithItsReasonAndTriedAgainLater() {
		new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Ole", "email", "ole@example.net",
				"message", "Hallo", "consent", true));
		String id = api.get("/api/v1/conversations?channel=webform").json().get("items").get(0).get("id").asString();
		String reply = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Antwort", "kind", "reply"))
			.json().get("id").asString();

		await().untilAsserted(() -> {
			var message = api.get("/api/v1/conversations/" + id + "/messages").json().get("items").get(1);
			assertThat(message.get("delivery").asString()).isEqualTo("failed");
			assertThat(message.get("deliveryError").asString()).contains("Connect a mailbox");
		});
		var retry = jdbc.sql("select delivery_attempts, next_attempt_at > now() from messages where id = ?::uuid").param(reply)
			.query((rs, n) -> new Object[] { rs.getInt(1), rs.getBoolean(2) }).single();
		assertThat(retry[0]).isEqualTo(1);
		assertThat(retry[1]).isEqualTo(true);

		// The next attempt is a job of the background scheduler; when it is due, it runs and counts the attempt.
		var retries = jobs.list(workspace.id(), ReplyDelivery.RETRY, "queued", 10);
		assertThat(retries).singleElement().satisfies(job -> assertThat(job.payload()).contains(reply));
		jdbc.sql("update scheduled_tasks set execution_time = now() where task_name = ? and task_instance = ?")
			.params(ReplyDelivery.RETRY, retries.getFirst().id().toString()).update();
		await().untilAsserted(() -> assertThat(jdbc.sql("select delivery_attempts from messages where id = ?::uuid")
			.param(reply).query(Integer.class).single()).isEqualTo(2));
		assertThat(ReplyDelivery.nextAttempt(5)).as("after five failures a person decides").isNull();
	}
}
