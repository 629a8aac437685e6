package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

class CustomFieldsIntegrationTests extends IntegrationTest {

	String contact(String name) {
		return api.post("/api/v1/contacts", Map.of("name", name, "identities", List.of())).json().get("id").asString();
	}

	void define(String key, String label, String type, String... options) {
		var r = api.post("/api/v1/custom-fields", Map.of("key", key, "label", label, "type", type, "options", List.of(options)));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
	}

	void defineAll() {
		define("region", "Region", "text");
		define("staff", "Mitarbeitende", "number");
		define("founded", "Gegründet", "date");
		define("sector", "Bereich", "choice", "Jugendhilfe", "Pflege", "Bildung");
	}

	@Test
	void definesFieldsAndStoresTypedValuesOnContacts() {
		defineAll();
		assertThat(api.get("/api/v1/custom-fields").json().get("items")).extracting(f -> f.get("key").asString())
			.containsExactly("region", "staff", "founded", "sector");
		String anna = contact("Anna Adler");
		Map<String, Object> values = new HashMap<>();
		values.put("region", " Berlin-Mitte ");
		values.put("staff", 12.50);
		values.put("founded", "1999-03-01");
		values.put("sector", "Pflege");
		var patched = api.patch("/api/v1/contacts/" + anna, Map.of("customFields", values));
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		JsonNode fields = api.get("/api/v1/contacts/" + anna).json().get("customFields");
		assertThat(fields.get("region").asString()).isEqualTo("Berlin-Mitte");
		assertThat(fields.get("staff").isNumber()).isTrue();
		assertThat(fields.get("staff").decimalValue()).isEqualByComparingTo("12.5");
		assertThat(fields.get("founded").asString()).isEqualTo("1999-03-01");
		assertThat(fields.get("sector").asString()).isEqualTo("Pflege");
		assertThat(patched.json().get("customFields")).isEqualTo(fields);

		Map<String, Object> clear = new HashMap<>();
		clear.put("region", null);
		clear.put("staff", "");
		api.patch("/api/v1/contacts/" + anna, Map.of("customFields", clear));
		fields = api.get("/api/v1/contacts/" + anna).json().get("customFields");
		assertThat(fields.has("region")).isFalse();
		assertThat(fields.has("staff")).isFalse();
		assertThat(fields.get("sector").asString()).isEqualTo("Pflege");
	}

	@Test
	void refusesWrongTypesNamingTheFieldAndChangesNothing() {
		defineAll();
		String anna = contact("Anna Adler");
		api.patch("/api/v1/contacts/" + anna, Map.of("customFields", Map.of("staff", 3)));
		record Case(String field, Object value) {
		}
		for (Case c : List.of(new Case("staff", "zwölf"), new Case("founded", "1.3.1999"), new Case("sector", "Sport"),
				new Case("region", List.of("a", "b")), new Case("nickname", "x"))) {
			Map<String, Object> values = new java.util.LinkedHashMap<>();
			values.put("region", "Köln");
			values.put(c.field(), c.value());
			var refused = api.patch("/api/v1/contacts/" + anna, Map.of("name", "Changed", "customFields", values));
			assertThat(refused.status()).as(c.toString()).isEqualTo(400);
			assertThat(refused.json().get("detail").asString()).as(c.toString()).contains("'" + c.field() + "'");
		}
		JsonNode after = api.get("/api/v1/contacts/" + anna).json();
		assertThat(after.get("name").asString()).isEqualTo("Anna Adler");
		assertThat(after.get("customFields").toString()).isEqualTo("{\"staff\":3}");
	}

	@Test
	void refusesBadDefinitions() {
		define("region", "Region", "text");
		var unknownType = api.post("/api/v1/custom-fields", Map.of("key", "size", "label", "Größe", "type", "colour"));
		assertThat(unknownType.status()).isEqualTo(400);
		assertThat(unknownType.json().get("detail").asString()).contains("colour", "text, number, date, choice");
		assertThat(api.post("/api/v1/custom-fields", Map.of("key", "Bad Key", "label", "x", "type", "text")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/custom-fields", Map.of("key", "pick", "label", "x", "type", "choice")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/custom-fields", Map.of("key", "region", "label", "Again", "type", "text")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/custom-fields", Map.of("key", "n", "label", "", "type", "number")).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/custom-fields").json().get("items")).hasSize(1);
		assertThat(api.delete("/api/v1/custom-fields/unknown").status()).isEqualTo(404);
	}

	@Test
	void valuesGoIntoAccessExportAndCsvAndAwayWithErasureOrTheField() {
		defineAll();
		String anna = contact("Anna Adler");
		String bert = contact("Bert Braun");
		api.patch("/api/v1/contacts/" + anna, Map.of("customFields", Map.of("region", "Berlin", "sector", "Bildung")));
		api.patch("/api/v1/contacts/" + bert, Map.of("customFields", Map.of("region", "Hamburg, Altona")));

		JsonNode exported = api.get("/api/v1/contacts/" + anna + "/export").json().get("data").get("organisations").get("customFields");
		assertThat(exported).extracting(v -> v.get("key").asString() + "=" + v.get("value").asString())
			.containsExactly("region=Berlin", "sector=Bildung");

		String csv = api.get("/api/v1/contacts/export.csv").body();
		String[] lines = csv.split("\r\n");
		assertThat(lines[0]).isEqualTo("id,name,emails,phones,tags,note,created_at,region,staff,founded,sector");
		assertThat(lines[1]).startsWith(anna + ",Anna Adler,").endsWith(",Berlin,,,Bildung");
		assertThat(lines[2]).startsWith(bert + ",Bert Braun,").endsWith(",\"Hamburg, Altona\",,,");

		assertThat(api.delete("/api/v1/contacts/" + anna + "?erase=true").status()).isIn(200, 204);
		assertThat(jdbc.sql("select count(*) from contact_field_values where contact_id = ?::uuid").param(anna)
			.query(Integer.class).single()).isZero();

		assertThat(api.delete("/api/v1/custom-fields/region").status()).isEqualTo(204);
		assertThat(api.get("/api/v1/contacts/" + bert).json().get("customFields").size()).isZero();
	}

	@Test
	void csvExportImportsIntoAnotherWorkspaceWithTheSameFieldsAndBadCellsRefuseTheImport() {
		defineAll();
		String anna = contact("Anna Adler");
		api.patch("/api/v1/contacts/" + anna, Map.of("customFields", Map.of("region", "Berlin, Mitte", "staff", 12.5,
				"founded", "1999-03-01", "sector", "Pflege")));
		contact("Bert Braun");
		String csv = api.get("/api/v1/contacts/export.csv").body();

		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		var ws = workspaces.create("Other " + slug, slug);
		var m = members.add(ws.id(), "o-" + slug + "@example.org", "O", PASSWORD, Role.OWNER);
		Api other = new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "O", ws.id(), Role.OWNER, null), "t").token());
		other.post("/api/v1/custom-fields", Map.of("key", "staff", "label", "Staff", "type", "number"));
		other.post("/api/v1/custom-fields", Map.of("key", "sector", "label", "Sector", "type", "choice", "options", List.of("Bildung")));
		// "Pflege" is no option there: the preview says so, and the whole import is refused, naming the line and the field.
		var preview = other.post("/api/v1/contacts/import/preview", Map.of("format", "csv", "content", csv));
		assertThat(preview.json().get("importable").asBoolean()).isFalse();
		assertThat(preview.json().get("errors").get(0).get("line").asInt()).isEqualTo(2);
		assertThat(preview.json().get("errors").get(0).get("reason").asString()).contains("'sector'", "Pflege");
		var refused = other.post("/api/v1/contacts/import", Map.of("format", "csv", "content", csv));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("'sector'");
		assertThat(other.get("/api/v1/contacts").json().get("items")).isEmpty();

		other.delete("/api/v1/custom-fields/sector");
		other.post("/api/v1/custom-fields", Map.of("key", "region", "label", "Region", "type", "text"));
		var imported = other.post("/api/v1/contacts/import", Map.of("format", "csv", "content", csv));
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		String annaThere = other.get("/api/v1/contacts?q=anna").json().get("items").get(0).get("id").asString();
		// Columns of fields the workspace does not have (founded, sector) are ignored.
		assertThat(other.get("/api/v1/contacts/" + annaThere).json().get("customFields").toString())
			.isEqualTo("{\"staff\":12.5,\"region\":\"Berlin, Mitte\"}");
	}

	@Test
	void fieldsAreTheWorkspacesOwnAndOnlyManagersDefineThem() {
		define("region", "Region", "text");
		String anna = contact("Anna Adler");
		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		var ws = workspaces.create("Other " + slug, slug);
		var m = members.add(ws.id(), "o-" + slug + "@example.org", "O", PASSWORD, Role.OWNER);
		Api stranger = new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "O", ws.id(), Role.OWNER, null), "t").token());
		assertThat(stranger.get("/api/v1/custom-fields").json().get("items")).isEmpty();
		assertThat(stranger.patch("/api/v1/contacts/" + anna, Map.of("customFields", Map.of("region", "x"))).status()).isEqualTo(404);
		assertThat(stranger.delete("/api/v1/custom-fields/region").status()).isEqualTo(404);

		var agent = members.add(workspace.id(), "agent-" + UUID.randomUUID() + "@example.org", "Aga", PASSWORD, Role.AGENT);
		Api agentApi = new Api(baseUrl(), tokens.create(new CurrentUser(agent.userId(), agent.email(), "Aga", workspace.id(),
				Role.AGENT, null), "t").token());
		assertThat(agentApi.post("/api/v1/custom-fields", Map.of("key", "x", "label", "X", "type", "text")).status()).isEqualTo(403);
		assertThat(agentApi.patch("/api/v1/contacts/" + anna, Map.of("customFields", Map.of("region", "Köln"))).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/contacts/" + anna).json().get("customFields").get("region").asString()).isEqualTo("Köln");
	}
}
