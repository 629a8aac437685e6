package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

/** Tags, stage and stage history belong to the person: they are in the access export and go with an erasure. */
class RelationshipExportIntegrationTests extends IntegrationTest {

	@Test
	void exportsAndErasesTagsAndStages() {
		String id = api.post("/api/v1/contacts", Map.of("name", "Rita Rot", "identities",
				List.of(Map.of("kind", "email", "value", "rita@example.org")))).json().get("id").asString();
		api.put("/api/v1/contacts/" + id + "/tags", Map.of("tags", List.of("ehrenamt", "presse")));
		api.put("/api/v1/contacts/" + id + "/stage", Map.of("stage", "engaged", "reason", "kommentiert oft"));

		var relationship = api.get("/api/v1/contacts/" + id + "/export").json().get("data").get("relationship");
		assertThat(relationship.get("tags").toString()).isEqualTo("[\"ehrenamt\",\"presse\"]");
		assertThat(relationship.get("stage").asString()).isEqualTo("engaged");
		assertThat(relationship.get("stageHistory").get(0).get("reason").asString()).isEqualTo("kommentiert oft");

		assertThat(api.delete("/api/v1/contacts/" + id + "?erase=true").status()).isEqualTo(204);
		for (String table : List.of("contact_tags", "contact_stages", "stage_changes")) {
			assertThat(jdbc.sql("select count(*) from " + table + " where contact_id = ?::uuid").param(id)
				.query(Integer.class).single()).as(table).isZero();
		}
	}
}
