package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Channel goals: a target per month and twelve months of progress against it; bad goals refused. */
class GoalsIntegrationTests extends IntegrationTest {

	@Test
	void judgesEachOfTheLastTwelveMonthsAgainstTheTarget() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		for (int i = 0; i < 4; i++) {
			assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "q" + i, "threadKey", "t" + i,
					"from", Map.of("handle", "p" + i + "@example.org"), "body", "Frage",
					"sentAt", now.minus(2, ChronoUnit.HOURS).toString())).status()).isEqualTo(201);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "a" + i, "threadKey", "t" + i,
					"direction", "out", "to", Map.of("handle", "p" + i + "@example.org"), "body", "Antwort",
					"sentAt", now.minus(1, ChronoUnit.HOURS).toString())).status()).isEqualTo(201);
		}
		Api.Response rate = api.post("/api/v1/goals", Map.of("channel", "api", "purpose", "feedback", "measure",
				"responseRate", "target", 0.8));
		assertThat(rate.status()).as(rate.body()).isEqualTo(201);
		JsonNode months = rate.json().get("months");
		assertThat(months).hasSize(12);
		JsonNode current = months.get(11);
		assertThat(current.get("month").asString()).isEqualTo(YearMonth.now(workspace.timeZone()).toString());
		assertThat(current.get("value").asDouble()).isEqualTo(0.75);
		assertThat(current.get("met").asBoolean()).isFalse();
		assertThat(months.get(0).get("value").isNull()).isTrue();

		Api.Response volume = api.post("/api/v1/goals", Map.of("purpose", "readership", "measure", "conversations",
				"target", 3));
		assertThat(volume.json().get("months").get(11).get("met").asBoolean()).isTrue();
		assertThat(volume.json().get("months").get(0).get("value").asDouble()).isZero();

		assertThat(api.get("/api/v1/goals").json().get("items")).hasSize(2);
		assertThat(api.delete("/api/v1/goals/" + volume.json().get("id").asString()).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/goals").json().get("items")).hasSize(1);
	}

	@Test
	void badGoalsAreRefusedNamingTheField() {
		Map<String, Object> good = new HashMap<>(Map.of("purpose", "support", "measure", "answeredWithin", "target", 0.8,
				"hours", 4));
		assertThat(api.post("/api/v1/goals", good).status()).isEqualTo(201);
		assertProblem(with(good, "purpose", "fame"), "purpose");
		assertProblem(with(good, "measure", "followers"), "measure");
		assertProblem(with(good, "target", 80), "target");
		assertProblem(with(good, "hours", 0), "hours");
		assertProblem(with(good, "channel", "nowhere"), "channel");
		assertProblem(with(with(good, "measure", "outcomes").map(), "outcomeKind", "Spenden!"), "outcomeKind");
	}

	private record Body(Map<String, Object> map) {
	}

	private Body with(Map<String, Object> base, String key, Object value) {
		Map<String, Object> copy = new HashMap<>(base);
		copy.put(key, value);
		return new Body(copy);
	}

	private void assertProblem(Body body, String field) {
		Api.Response r = api.post("/api/v1/goals", body.map());
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo(field);
	}
}
