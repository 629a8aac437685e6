package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Roles in organisations and custom field values follow a merge, and an undo gives each contact its own back. */
class OrganisationMergeIntegrationTests extends IntegrationTest {

	String contact(String name, String email) {
		return api.post("/api/v1/contacts", Map.of("name", name, "identities", List.of(Map.of("kind", "email", "value", email))))
			.json().get("id").asString();
	}

	String organisation(String name, String kind) {
		return api.post("/api/v1/organisations", Map.of("name", name, "kind", kind)).json().get("id").asString();
	}

	void role(String organisation, String contact, String role) {
		assertThat(api.post("/api/v1/organisations/" + organisation + "/members", Map.of("contactId", contact, "role", role)).status())
			.isEqualTo(201);
	}

	/** The full access export without the moment it was made. */
	String export(String contactId) {
		var r = api.get("/api/v1/contacts/" + contactId + "/export");
		assertThat(r.status()).isEqualTo(200);
		ObjectNode json = (ObjectNode) r.json();
		json.remove("exportedAt");
		return json.toString();
	}

	@Test
	void mergeMovesRolesAndFieldValuesKeepingTheSurvivorsAndUndoRestoresBothExports() {
		api.post("/api/v1/custom-fields", Map.of("key", "region", "label", "Region", "type", "text"));
		api.post("/api/v1/custom-fields", Map.of("key", "staff", "label", "Staff", "type", "number"));
		String anna = contact("Anna Schmidt", "anna@example.org");
		String other = contact("A. Schmidt", "a.schmidt@example.com");
		String tageblatt = organisation("Tageblatt", "press");
		String verein = organisation("Sportverein", "association");
		role(tageblatt, anna, "Redakteurin");
		role(tageblatt, other, "Pressesprecherin");
		role(verein, other, "Kassenwartin");
		api.patch("/api/v1/contacts/" + anna, Map.of("customFields", Map.of("region", "Berlin")));
		api.patch("/api/v1/contacts/" + other, Map.of("customFields", Map.of("region", "Hamburg", "staff", 5)));

		String annaBefore = export(anna);
		String otherBefore = export(other);
		String tageblattBefore = api.get("/api/v1/organisations/" + tageblatt).body();
		String vereinBefore = api.get("/api/v1/organisations/" + verein).body();
		assertThat(otherBefore).contains("Kassenwartin", "Hamburg");

		var merged = api.post("/api/v1/contacts/" + anna + "/merge", Map.of("otherId", other));
		assertThat(merged.status()).isEqualTo(201);
		JsonNode survivor = api.get("/api/v1/contacts/" + anna).json();
		assertThat(survivor.get("organisations")).extracting(o -> o.get("name").asString() + "/" + o.get("role").asString())
			.containsExactly("Sportverein/Kassenwartin", "Tageblatt/Redakteurin");
		assertThat(survivor.get("customFields").get("region").asString()).isEqualTo("Berlin");
		assertThat(survivor.get("customFields").get("staff").asInt()).isEqualTo(5);
		assertThat(api.get("/api/v1/organisations/" + tageblatt).json().get("members")).hasSize(1);
		// What the absorbed contact had where the survivor had its own is still stored about the person: exported.
		JsonNode data = api.get("/api/v1/contacts/" + anna + "/export").json().get("data").get("organisations");
		assertThat(data.get("rolesHeldFromMerge").get(0).get("role").asString()).isEqualTo("Pressesprecherin");
		assertThat(data.get("customFieldsHeldFromMerge").get(0).get("value").asString()).isEqualTo("Hamburg");
		// Segments see the survivor's own value only.
		String hamburg = api.post("/api/v1/segments", Map.of("name", "Hamburg", "filter",
				Map.of("fields", List.of(Map.of("key", "region", "value", "Hamburg"))))).json().get("id").asString();
		assertThat(api.get("/api/v1/segments/" + hamburg + "/contacts").json().get("items")).isEmpty();

		var undone = api.post("/api/v1/merges/" + merged.json().get("mergeId").asString() + "/undo", Map.of());
		assertThat(undone.status()).isEqualTo(200);
		assertThat(export(anna)).isEqualTo(annaBefore);
		assertThat(export(other)).isEqualTo(otherBefore);
		assertThat(api.get("/api/v1/organisations/" + tageblatt).body()).isEqualTo(tageblattBefore);
		assertThat(api.get("/api/v1/organisations/" + verein).body()).isEqualTo(vereinBefore);
		assertThat(api.get("/api/v1/segments/" + hamburg + "/contacts").json().get("items")).extracting(c -> c.get("name").asString())
			.containsExactly("A. Schmidt");
	}

	@Test
	void aChainOfMergesUndoneInReverseRestoresEveryone() {
		api.post("/api/v1/custom-fields", Map.of("key", "region", "label", "Region", "type", "text"));
		String a = contact("Petra Lang", "petra@example.org");
		String b = contact("Petra L.", "petra.l@example.com");
		String c = contact("P. Lang", "p.lang@example.net");
		String org = organisation("Amt", "authority");
		for (var e : Map.of(a, "Leitung", b, "Sachbearbeitung", c, "Praktikum").entrySet()) {
			role(org, e.getKey(), e.getValue());
		}
		api.patch("/api/v1/contacts/" + a, Map.of("customFields", Map.of("region", "Nord")));
		api.patch("/api/v1/contacts/" + b, Map.of("customFields", Map.of("region", "Süd")));
		api.patch("/api/v1/contacts/" + c, Map.of("customFields", Map.of("region", "West")));
		Map<String, String> before = Map.of(a, export(a), b, export(b), c, export(c));

		// c into b (b's value wins, c's is held for c), then b into a (b's and the one held for c go to a).
		String first = api.post("/api/v1/contacts/" + b + "/merge", Map.of("otherId", c)).json().get("mergeId").asString();
		String second = api.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", b)).json().get("mergeId").asString();
		JsonNode survivor = api.get("/api/v1/contacts/" + a).json();
		assertThat(survivor.get("customFields").get("region").asString()).isEqualTo("Nord");
		assertThat(survivor.get("organisations")).extracting(o -> o.get("role").asString()).containsExactly("Leitung");

		assertThat(api.post("/api/v1/merges/" + second + "/undo", Map.of()).status()).isEqualTo(200);
		assertThat(api.post("/api/v1/merges/" + first + "/undo", Map.of()).status()).isEqualTo(200);
		for (String id : List.of(a, b, c)) {
			assertThat(export(id)).isEqualTo(before.get(id));
		}
	}
}
