package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Outcomes by API and CSV, automatically from the web form, and credited to the conversations before them. */
class OutcomesIntegrationTests extends IntegrationTest {

	private UUID contact(String email) {
		return jdbc.sql("select contact_id from identities where workspace_id = ? and value = ?")
			.params(workspace.id(), email).query(UUID.class).single();
	}

	private Api.Response csv(String body, boolean dryRun) {
		return api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/outcomes/import?dryRun=" + dryRun))
			.header("Content-Type", "text/csv").header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	@Test
	void recordsByApiAndCreditsTheChannelsOfTheConversationsBefore() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "m1", "threadKey", "t1",
				"from", Map.of("handle", "anna@example.org"), "body", "Wie kann ich spenden?",
				"sentAt", now.minus(10, ChronoUnit.DAYS).toString())).status()).isEqualTo(201);
		UUID anna = contact("anna@example.org");

		Api.Response created = api.post("/api/v1/outcomes", Map.of("kind", "donation", "value", "25.50", "currency", "eur",
				"contactId", anna.toString(), "occurredAt", now.minus(1, ChronoUnit.DAYS).toString(), "note", "Online"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("currency").asString()).isEqualTo("EUR");
		// a donor who never wrote: the address becomes a contact; no conversation before it
		assertThat(api.post("/api/v1/outcomes", Map.of("kind", "donation", "value", 10, "currency", "EUR",
				"contact", "ben@example.org")).status()).isEqualTo(201);

		JsonNode report = api.get("/api/v1/insights/outcomes?model=linear").json();
		assertThat(report.get("outcomes").asLong()).isEqualTo(2);
		assertThat(report.get("byKind").get("donation").asLong()).isEqualTo(2);
		assertThat(report.get("valuesByKind").get("donation").get("EUR").asDouble()).isEqualTo(35.5);
		JsonNode credits = report.get("credits");
		assertThat(credits).hasSize(2);
		JsonNode viaApi = credits.valueStream().filter(c -> !c.get("channelId").isNull()).findFirst().orElseThrow();
		assertThat(viaApi.get("outcomes").asDouble()).isEqualTo(1.0);
		assertThat(viaApi.get("values").get("EUR").asDouble()).isEqualTo(25.5);
		// outside the window, nothing is credited to the conversation
		JsonNode narrow = api.get("/api/v1/insights/outcomes?model=first&window=5").json();
		assertThat(narrow.get("credits").valueStream().allMatch(c -> c.get("channelId").isNull())).isTrue();

		assertThat(api.get("/api/v1/outcomes?contact=" + anna).json().get("items")).hasSize(1);
		String id = created.json().get("id").asString();
		assertThat(api.delete("/api/v1/outcomes/" + id).status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/outcomes/" + id).status()).isEqualTo(404);
	}

	@Test
	void aWebFormSubmissionIsAnEnquiry() {
		assertThat(new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Mara Klein", "email",
				"mara@example.net", "message", "Gibt es noch Plätze?", "consent", true)).status()).isEqualTo(201);
		JsonNode report = api.get("/api/v1/insights/outcomes").json();
		assertThat(report.get("byKind").get("enquiry").asLong()).isEqualTo(1);
		assertThat(report.get("credits").get(0).get("channelId").isNull()).isFalse();
	}

	@Test
	void aCsvImportIsCheckedWholeAndStoresNothingWhenALineIsWrong() {
		String good = """
				kind,value,currency,occurredAt,contact,note
				donation,50,EUR,2026-11-02,carla@example.org,Sommerfest
				registration,,,2026-11-03,+49 30 5550 1234,
				""";
		Api.Response dry = csv(good, true);
		assertThat(dry.status()).as(dry.body()).isEqualTo(200);
		assertThat(dry.json().get("rows").asInt()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from outcomes where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();

		String bad = good + """
				donation,12,EURO,2026-11-04,dora@example.org,
				gift,5,EUR,yesterday,erik@example.org,
				sale,-3,EUR,2026-11-05,nobody,
				""";
		Api.Response refused = csv(bad, false);
		assertThat(refused.status()).isEqualTo(400);
		JsonNode errors = refused.json().get("errors");
		assertThat(errors).hasSize(3);
		assertThat(errors.get(0).get("line").asInt()).isEqualTo(4);
		assertThat(errors.get(0).get("field").asString()).isEqualTo("currency");
		assertThat(errors.get(1).get("field").asString()).isEqualTo("occurredAt");
		assertThat(errors.get(2).get("field").asString()).isEqualTo("value");
		assertThat(jdbc.sql("select count(*) from outcomes where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();

		Api.Response wrongColumns = csv("art,wert\ndonation,5\n", false);
		assertThat(wrongColumns.status()).isEqualTo(400);
		assertThat(wrongColumns.json().get("field").asString()).isEqualTo("csv");

		Api.Response imported = csv(good, false);
		assertThat(imported.status()).as(imported.body()).isEqualTo(201);
		assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
		assertThat(api.get("/api/v1/insights/outcomes?from=2026-11-01&to=2026-11-30").json().get("outcomes").asLong())
			.isEqualTo(2);
	}

	@Test
	void badOutcomesAreRefusedNamingTheField() {
		assertProblem(api.post("/api/v1/outcomes", Map.of("kind", "Spende!", "contact", "a@example.org")), "kind");
		assertProblem(api.post("/api/v1/outcomes", Map.of("kind", "donation", "value", "5", "contact", "a@example.org")), "currency");
		assertProblem(api.post("/api/v1/outcomes", Map.of("kind", "donation", "value", "5", "currency", "XYZ", "contact", "a@example.org")), "currency");
		assertProblem(api.post("/api/v1/outcomes", Map.of("kind", "donation", "occurredAt", "2999-01-01", "contact", "a@example.org")), "occurredAt");
		assertProblem(api.post("/api/v1/outcomes", Map.of("kind", "donation")), "contact");
		assertProblem(api.post("/api/v1/outcomes", Map.of("kind", "donation", "contactId", UUID.randomUUID().toString())), "contact");
		assertProblem(api.get("/api/v1/insights/outcomes?model=best"), "model");
		assertProblem(api.get("/api/v1/insights/outcomes?window=0"), "window");
		assertThat(jdbc.sql("select count(*) from outcomes where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
	}

	private static void assertProblem(Api.Response r, String field) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo(field);
	}
}
