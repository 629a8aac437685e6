package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The figures filtered by a label of conversations: insights keeps its own record of the labels from the inbox's
 * {@code ConversationLabelled} (one by one and in bulk, added and removed), counts label-filtered periods exactly
 * from the openings, makes the record anew on a rebuild, and refuses a label no conversation has.
 */
class InsightsLabelFilterIntegrationTests extends IntegrationTest {

	@Autowired
	DaySummaries summaries;

	@AfterEach
	void exactAgain() {
		summaries.exactUpTo(DaySummaries.EXACT_UP_TO);
	}

	private UUID conversation(String thread, boolean answered) {
		Instant at = Instant.now().minus(2, ChronoUnit.DAYS);
		Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", thread + "-q",
				"threadKey", thread, "from", Map.of("handle", thread + "@example.org", "name", "Person " + thread),
				"body", "Question", "sentAt", at.toString()));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		if (answered) {
			r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", thread + "-a", "threadKey", thread,
					"direction", "out", "to", Map.of("handle", thread + "@example.org"), "body", "Answer",
					"sentAt", at.plusSeconds(600).toString()));
			assertThat(r.status()).as(r.body()).isEqualTo(201);
		}
		return jdbc.sql("select id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), thread).query(UUID.class).single();
	}

	private JsonNode totals(String query) {
		Api.Response r = api.get("/api/v1/insights/metrics?" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return r.json().get("totals");
	}

	private void label(UUID conversation, String... labels) {
		Api.Response r = api.patch("/api/v1/conversations/" + conversation, Map.of("labels", List.of(labels)));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
	}

	@Test
	void theFiguresOfOneLabelFollowTheInboxAndARebuild() {
		UUID a = conversation("a", true);
		UUID b = conversation("b", false);
		UUID c = conversation("c", false);
		conversation("d", true);
		label(a, "Press");
		label(b, "press", "urgent");
		Api.Response bulk = api.post("/api/v1/conversations/bulk", Map.of("ids", List.of(c), "addLabels", List.of("Events")));
		assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);

		assertThat(totals("").get("conversations").asInt()).isEqualTo(4);
		JsonNode press = totals("label=PRESS");
		assertThat(press.get("conversations").asInt()).isEqualTo(2);
		assertThat(press.get("answered").asInt()).isEqualTo(1);
		assertThat(press.get("responseRate").asDouble()).isEqualTo(0.5);
		assertThat(totals("label=events").get("conversations").asInt()).as("a label added in bulk").isEqualTo(1);
		assertThat(totals("label=press&channel=api").get("conversations").asInt()).isEqualTo(2);

		label(b, "urgent");
		assertThat(totals("label=press").get("conversations").asInt()).as("the label taken off b").isEqualTo(1);

		// However small the threshold, a label is counted exactly from the openings.
		summaries.exactUpTo(0);
		summaries.summarise();
		Api.Response labelled = api.get("/api/v1/insights/metrics?label=urgent");
		assertThat(labelled.json().get("exact").asBoolean()).isTrue();
		assertThat(labelled.json().get("totals").get("conversations").asInt()).isEqualTo(1);
		assertThat(api.get("/api/v1/insights/metrics").json().get("exact").asBoolean()).as("unfiltered: summaries")
			.isFalse();

		Api.Response csv = api.get("/api/v1/insights/openings.csv?label=press");
		assertThat(csv.status()).as(csv.body()).isEqualTo(200);
		assertThat(csv.body().lines().count()).as("header and one opening").isEqualTo(2);
		assertThat(csv.body()).contains(a.toString()).doesNotContain(b.toString());

		// Lost, and made anew from the inbox by a rebuild.
		jdbc.sql("delete from insight_conversation_labels where workspace_id = ?").param(workspace.id()).update();
		Api.Response rebuilt = api.post("/api/v1/insights/rebuild", Map.of());
		assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
		assertThat(rebuilt.json().get("labelledConversations").asInt()).isEqualTo(3);
		assertThat(totals("label=press").get("conversations").asInt()).isEqualTo(1);
		assertThat(totals("label=urgent").get("conversations").asInt()).isEqualTo(1);
		assertThat(totals("label=events").get("conversations").asInt()).isEqualTo(1);
	}

	@Test
	void aLabelNoConversationHasIsRefusedNamingTheField() {
		UUID a = conversation("a", false);
		label(a, "press");
		for (String label : List.of("nothing", "x".repeat(41), "press,urgent")) {
			Api.Response r = api.get("/api/v1/insights/metrics?label=" + java.net.URLEncoder.encode(label,
					java.nio.charset.StandardCharsets.UTF_8));
			assertThat(r.status()).as(r.body()).isEqualTo(400);
			assertThat(r.json().get("field").asString()).isEqualTo("label");
		}
		assertThat(api.get("/api/v1/insights/openings.csv?label=nothing").status()).isEqualTo(400);
	}
}
