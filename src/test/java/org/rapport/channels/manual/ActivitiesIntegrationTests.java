package org.rapport.channels.manual;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

class ActivitiesIntegrationTests extends IntegrationTest {

	@Test
	void logsACallForANewPersonAndShowsItOnTheContactTimeline() {
		var logged = api.post("/api/v1/activities", Map.of("from", Map.of("handle", "0151 5550 9876", "name", "Petra Lang"),
				"kind", "call", "direction", "in", "summary", "Fragt nach dem Sommerfest.", "occurredAt", "2026-06-01T09:00:00Z"));
		assertThat(logged.status()).isEqualTo(201);
		String contactId = logged.json().get("contactId").asString();

		JsonNode contact = api.get("/api/v1/contacts/" + contactId).json();
		assertThat(contact.get("name").asString()).isEqualTo("Petra Lang");
		assertThat(contact.get("identities").get(0).get("kind").asString()).isEqualTo("phone");
		assertThat(contact.get("identities").get(0).get("value").asString()).isEqualTo("+4915155509876");
		assertThat(contact.get("timeline").get(0).get("channel").asString()).isEqualTo("call");
		assertThat(contact.get("timeline").get(0).get("excerpt").asString()).contains("Sommerfest");

		// The same number again is the same person; a visit logged by contact id joins the timeline.
		api.post("/api/v1/activities", Map.of("from", Map.of("handle", "+49 151 55509876"), "kind", "letter", "direction", "out",
				"summary", "Einladung geschickt."));
		api.post("/api/v1/activities", Map.of("contactId", contactId, "kind", "visit", "direction", "in", "summary", "War im Büro."));
		assertThat(api.get("/api/v1/contacts/" + contactId).json().get("timeline")).hasSize(3);
		assertThat(api.get("/api/v1/contacts?q=petra").json().get("items")).hasSize(1);
	}

	@Test
	void aReplyToAnOfflineActivityIsLoggedAsOutgoing() {
		var logged = api.post("/api/v1/activities", Map.of("from", Map.of("handle", "visit@example.org"), "kind", "visit",
				"direction", "in", "summary", "Beschwerde über den Lärm.")).json();
		String conversation = logged.get("conversationId").asString();
		var reply = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Zurückgerufen, geklärt.", "kind", "reply")).json();
		Awaitility.await().untilAsserted(() -> assertThat(api.get("/api/v1/conversations/" + conversation + "/messages").json()
			.get("items").get(1).get("delivery").asString()).isEqualTo("logged"));
		assertThat(reply.get("direction").asString()).isEqualTo("out");
	}

	@Test
	void anAnswerToALoggedCallIsLoggedAtOnceAndIsNoFirstResponse() {
		var logged = api.post("/api/v1/activities", Map.of("from", Map.of("handle", "+49 30 5550777"), "kind", "call",
				"direction", "in", "summary", "Fragt nach dem Sommerfest.")).json();
		String conversation = logged.get("conversationId").asString();
		var reply = api.post("/api/v1/conversations/" + conversation + "/messages",
				Map.of("body", "Im Gespräch beantwortet.", "kind", "reply")).json();
		assertThat(reply.get("delivery").asString()).as("never 'queued' or 'sent': nothing leaves").isEqualTo("logged");
		var detail = api.get("/api/v1/conversations/" + conversation).json();
		assertThat(detail.get("firstResponseAt").isNull()).as("no 0-minute first response").isTrue();
		assertThat(detail.get("firstResponseBusinessSeconds").isNull()).isTrue();
	}

	@Test
	void refusesActivitiesThatMakeNoSense() {
		assertThat(api.post("/api/v1/activities", Map.of("from", Map.of("handle", "a@example.org"), "kind", "fax", "direction", "in", "summary", "x")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/activities", Map.of("kind", "call", "direction", "in", "summary", "x")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/activities", Map.of("from", Map.of("handle", "a@example.org"), "kind", "call", "direction", "in",
				"summary", "x", "occurredAt", Instant.now().plusSeconds(86400).toString())).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/activities", Map.of("contactId", java.util.UUID.randomUUID().toString(), "kind", "call",
				"direction", "in", "summary", "x")).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/conversations").json().get("items")).isEmpty();
	}
}
