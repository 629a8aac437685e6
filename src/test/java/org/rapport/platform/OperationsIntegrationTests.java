package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/** Health for anyone without details, metrics only with the metrics token, sessions kept in PostgreSQL, the icon for anyone. */
class OperationsIntegrationTests extends IntegrationTest {

	@Test
	void answersHealthToAnyoneWithoutDetails() {
		Api anonymous = new Api(baseUrl(), null);
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" }) {
			Api.Response health = anonymous.get(path);
			assertThat(health.status()).as(path).isEqualTo(200);
			assertThat(health.json().get("status").asString()).isEqualTo("UP");
			assertThat(health.body()).doesNotContain("components").doesNotContain("db");
		}
		assertThat(anonymous.get("/actuator/env").status()).isIn(401, 403, 404);
	}

	@Test
	void theLoginPageNamesAnIconThatAnyoneMayLoad() {
		Api anonymous = new Api(baseUrl(), null);
		assertThat(anonymous.get("/login").body()).contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/img/icon.svg\">");
		Api.Response icon = anonymous.get("/img/icon.svg");
		assertThat(icon.status()).isEqualTo(200);
		assertThat(icon.body()).startsWith("<svg");
	}

	@Test
	void servesMetricsOnlyWithTheToken() {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "metrics-1",
				"from", Map.of("handle", "m@example.org"), "body", "Hallo"));
		assertThat(new Api(baseUrl(), null).get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
		Api.Response metrics = new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
			.header("Authorization", "Bearer " + METRICS_TOKEN).GET());
		assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
		assertThat(metrics.body()).contains("rapport_messages_received_total").contains("rapport_jobs_waiting")
			.contains("jvm_memory_used_bytes");
	}

	@Test
	void keepsSessionsInTheDatabase() throws Exception {
		new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(ownerEmail)
			.query(Integer.class).single()).isPositive();
	}
}
