package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rapport.platform.BusinessHours;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class ConversationsIntegrationTests extends IntegrationTest {

	@Autowired
	Conversations conversations;

	String post(String externalId, String handle, String body) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "from", Map.of("handle", handle),
				"subject", "Betreff " + externalId, "body", body));
		return api.get("/api/v1/conversations?status=open&q=" + externalId).json().get("items").get(0).get("id").asString();
	}

	@Test
	void pagesThroughAllConversationsWithTheCursorWithoutGapsOrRepeats() {
		List<Map<String, Object>> batch = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			batch.add(Map.of("channel", "api", "externalId", "p" + i, "from", Map.of("handle", "p" + i + "@example.org"),
					"body", "Nachricht " + i, "sentAt", "2026-05-04T10:15:00Z"));
		}
		api.post("/api/v1/messages", Map.of("messages", batch));
		Set<String> seen = new HashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = api.get("/api/v1/conversations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
			page.get("items").forEach(i -> assertThat(seen.add(i.get("id").asString())).isTrue());
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
			pages++;
		}
		while (cursor != null);
		assertThat(seen).hasSize(7);
		assertThat(pages).isEqualTo(3);
		assertThat(api.get("/api/v1/conversations?cursor=nonsense").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/conversations?limit=0").status()).isEqualTo(400);
	}

	@Test
	void namesEachLineAndFindsAPersonByAddressButNothingOnAnUnknownChannel() {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "n1",
				"from", Map.of("handle", "nora.neu@example.org", "name", "Nora Neu"), "body", "Guten Tag"));
		JsonNode found = api.get("/api/v1/conversations?q=Nora.Neu@Example.org").json().get("items");
		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("contact").get("name").asString()).isEqualTo("Nora Neu");
		assertThat(found.get(0).get("contact").get("handle").asString()).isEqualTo("nora.neu@example.org");
		assertThat(found.get(0).get("channel").get("key").asString()).isEqualTo("api");
		assertThat(found.get(0).get("channel").get("name").asString()).isNotBlank();
		assertThat(api.get("/api/v1/conversations?q=niemand@example.org").json().get("items")).isEmpty();
		assertThat(api.get("/api/v1/conversations?channel=nowhere").json().get("items")).isEmpty();
	}

	@Test
	void changesStatusAssignsLabelsAndFilters() {
		String id = post("s1", "s1@example.org", "Bitte um Rückruf");
		String other = post("s2", "s2@example.org", "Noch eine Frage");
		JsonNode changed = api.patch("/api/v1/conversations/" + id,
				Map.of("assigneeId", owner.userId().toString(), "labels", List.of("Kita", " anfrage ", "kita"))).json();
		assertThat(changed.get("summary").get("assignee").get("name").asString()).isEqualTo("Olga Owner");
		assertThat(changed.get("summary").get("labels").toString()).isEqualTo("[\"anfrage\",\"kita\"]");

		assertThat(api.get("/api/v1/conversations?label=kita").json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/conversations?assignee=" + owner.userId()).json().get("items")).hasSize(1);
		assertThat(api.get("/api/v1/conversations?assignee=none").json().get("items").get(0).get("id").asString()).isEqualTo(other);
		assertThat(api.get("/api/v1/conversations?channel=api").json().get("items")).hasSize(2);

		JsonNode done = api.patch("/api/v1/conversations/" + id, Map.of("status", "done")).json();
		assertThat(done.get("summary").get("status").asString()).isEqualTo("done");
		assertThat(done.get("resolvedAt").isNull()).isFalse();
		assertThat(api.get("/api/v1/conversations?status=done").json().get("items")).hasSize(1);

		// A new message from the contact reopens a finished conversation.
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "s1-again", "threadKey", "s1", "from",
				Map.of("handle", "s1@example.org"), "body", "Und noch etwas"));
		assertThat(api.get("/api/v1/conversations?status=done").json().get("items")).isEmpty();

		assertThat(api.patch("/api/v1/conversations/" + id, Map.of("status", "archived")).status()).isEqualTo(400);
		assertThat(api.patch("/api/v1/conversations/" + id, Map.of("assigneeId", java.util.UUID.randomUUID().toString())).status()).isEqualTo(400);
	}

	@Test
	void snoozesUntilATimeAndWakesUp() {
		String id = post("z1", "z1@example.org", "Melde mich nächste Woche");
		assertThat(api.patch("/api/v1/conversations/" + id, Map.of("status", "snoozed", "snoozeUntil", "2020-01-01T00:00:00Z")).status()).isEqualTo(400);
		String until = Instant.now().plus(1, ChronoUnit.HOURS).toString();
		assertThat(api.patch("/api/v1/conversations/" + id, Map.of("status", "snoozed", "snoozeUntil", until)).json()
			.get("summary").get("status").asString()).isEqualTo("snoozed");
		jdbc.sql("update conversations set snoozed_until = now() - interval '1 second' where id = ?::uuid").param(id).update();
		assertThat(conversations.wakeSnoozed()).isGreaterThanOrEqualTo(1);
		assertThat(api.get("/api/v1/conversations/" + id).json().get("summary").get("status").asString()).isEqualTo("open");
	}

	@Test
	void measuresFirstResponseInBusinessHoursAndClearsWaiting() {
		workspaces.updateSettings(workspace.id(), workspace.name(), workspace.timeZone(), BusinessHours.always());
		String sentAt = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "t1", "from", Map.of("handle", "t1@example.org"),
				"body", "Wie sind Ihre Öffnungszeiten?", "sentAt", sentAt));
		JsonNode item = api.get("/api/v1/conversations").json().get("items").get(0);
		assertThat(item.get("waitingSince").asString()).isEqualTo(sentAt);
		String id = item.get("id").asString();

		Api.Response reply = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Montag bis Freitag 9 bis 17 Uhr.", "kind", "reply"));
		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.json().get("kind").asString()).isEqualTo("reply");
		JsonNode detail = api.get("/api/v1/conversations/" + id).json();
		assertThat(detail.get("summary").get("waitingSince").isNull()).isTrue();
		long seconds = detail.get("firstResponseBusinessSeconds").asLong();
		assertThat(seconds).isBetween(7190L, 7300L);

		// A second reply does not move the first-response time.
		api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Nachtrag", "kind", "reply"));
		assertThat(api.get("/api/v1/conversations/" + id).json().get("firstResponseBusinessSeconds").asLong()).isEqualTo(seconds);
		// A note is internal and is no response.
		api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "intern", "kind", "note"));
		JsonNode messages = api.get("/api/v1/conversations/" + id + "/messages").json().get("items");
		assertThat(messages).hasSize(4);
		assertThat(messages.get(3).get("kind").asString()).isEqualTo("note");
		assertThat(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", " ", "kind", "reply")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "x", "kind", "tweet")).status()).isEqualTo(400);
	}

	@Test
	void fillsCannedReplyPlaceholders() {
		assertThat(CannedReplies.fill("Hallo {{contact.firstName}}, {{ agent.name }} hier. {{unknown}}",
				Map.of("contact.firstName", "Erika", "agent.name", "Olga")))
			.isEqualTo("Hallo Erika, Olga hier. {{unknown}}");
	}
}
