package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** The stage funnel from stage changes, counted per stage and rebuilt to the same figures. */
class FunnelIntegrationTests extends IntegrationTest {

	private UUID contact(String email) {
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", email, "from",
				Map.of("handle", email), "body", "Hallo")).status()).isEqualTo(201);
		return jdbc.sql("select contact_id from identities where workspace_id = ? and value = ?")
			.params(workspace.id(), email).query(UUID.class).single();
	}

	private void move(UUID contact, String stage) {
		Api.Response r = api.put("/api/v1/contacts/" + contact + "/stage", Map.of("stage", stage));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
	}

	@Test
	void countsWhoMovedUpIntoEachStageOnceAndWhoIsThereNow() {
		UUID a = contact("a@example.org");
		UUID b = contact("b@example.org");
		contact("c@example.org");
		move(a, "engaged");
		move(a, "in_dialogue");
		move(b, "met_in_person"); // jumps: reached engaged and in_dialogue on the way
		move(b, "engaged"); // and went back down: still counted once for what it reached

		JsonNode funnel = api.get("/api/v1/insights/funnel").json();
		assertThat(funnel.get("advanced").asLong()).isEqualTo(2);
		Map<String, JsonNode> byKey = new java.util.HashMap<>();
		funnel.get("stages").forEach(s -> byKey.put(s.get("key").asString(), s));
		assertThat(byKey.get("observed").get("now").asLong()).isEqualTo(1);
		assertThat(byKey.get("engaged").get("reached").asLong()).isEqualTo(2);
		assertThat(byKey.get("engaged").get("now").asLong()).isEqualTo(1);
		assertThat(byKey.get("in_dialogue").get("reached").asLong()).isEqualTo(2);
		assertThat(byKey.get("in_dialogue").get("now").asLong()).isEqualTo(1);
		assertThat(byKey.get("met_in_person").get("reached").asLong()).isEqualTo(1);
		assertThat(byKey.get("partner").get("reached").asLong()).isZero();

		String live = funnel.toString();
		Api.Response rebuilt = api.post("/api/v1/insights/rebuild", Map.of());
		assertThat(rebuilt.json().get("stageMoves").asInt()).isEqualTo(4);
		assertThat(api.get("/api/v1/insights/funnel").json().toString()).isEqualTo(live);
		assertThat(api.get("/api/v1/insights/funnel?from=2020-01-01&to=2020-12-31").json().get("advanced").asLong()).isZero();
	}
}
