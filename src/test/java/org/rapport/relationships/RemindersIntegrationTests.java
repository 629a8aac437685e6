package org.rapport.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;

/** Reminders once and "every N weeks", moved by contact in either direction, marked done, and refused bad input. */
class RemindersIntegrationTests extends ReachOutFixtures {

	private JsonNode remind(String contact, Map<String, Object> body) {
		var created = api.post("/api/v1/contacts/" + contact + "/reminders", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private List<String> dueIds() {
		List<String> ids = new ArrayList<>();
		api.get("/api/v1/reminders?due=true").json().get("items").forEach(r -> ids.add(r.get("id").asString()));
		return ids;
	}

	private Instant dueAt(String reminder) {
		for (JsonNode r : api.get("/api/v1/reminders").json().get("items")) {
			if (r.get("id").asString().equals(reminder)) {
				return Instant.parse(r.get("dueAt").asString());
			}
		}
		throw new AssertionError("reminder " + reminder + " is not open");
	}

	private void anchor(String reminder, Duration ago) {
		jdbc.sql("update reminders set anchor_at = ? where id = ?::uuid").params(Timestamp.from(Instant.now().minus(ago)), reminder).update();
	}

	@Test
	void aOneOffReminderFallsDueAtItsTimeAndIsDoneOnce() {
		String anna = contact("Anna Einmal", "anna@example.org");
		Instant later = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		JsonNode future = remind(anna, Map.of("note", "Nach dem Kongress anrufen", "dueAt", later.toString()));
		assertThat(future.get("due").asBoolean()).isFalse();
		assertThat(future.get("everyWeeks").isNull()).isTrue();
		assertThat(Instant.parse(future.get("dueAt").asString())).isEqualTo(later);
		assertThat(future.get("assigneeName").asString()).isEqualTo("Olga Owner");
		JsonNode past = remind(anna, Map.of("note", "Termin ausmachen", "dueAt", Instant.now().minusSeconds(60).toString()));
		assertThat(past.get("due").asBoolean()).isTrue();

		assertThat(dueIds()).containsExactly(past.get("id").asString());
		assertThat(api.get("/api/v1/reminders").json().get("items")).hasSize(2);
		assertThat(api.get("/api/v1/contacts/" + anna + "/reminders").json().get("items")).hasSize(2);

		var done = api.post("/api/v1/reminders/" + past.get("id").asString() + "/done", Map.of());
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.json().get("doneAt").isNull()).isFalse();
		assertThat(done.json().get("due").asBoolean()).isFalse();
		assertThat(dueIds()).isEmpty();
		assertThat(api.get("/api/v1/reminders").json().get("items")).hasSize(1);
		var again = api.post("/api/v1/reminders/" + past.get("id").asString() + "/done", Map.of());
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("detail").asString()).contains("already");

		assertThat(api.delete("/api/v1/reminders/" + future.get("id").asString()).status()).isEqualTo(204);
		assertThat(api.delete("/api/v1/reminders/" + future.get("id").asString()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/reminders").json().get("items")).isEmpty();
	}

	@Test
	void stayInTouchIsDueNWeeksAfterTheLastContactInEitherDirection() {
		String bert = contact("Bert Rhythmus", "bert@example.org");
		inbound("bert@example.org", "bert", Duration.ofDays(10));
		JsonNode created = remind(bert, Map.of("note", "Kurz melden", "everyWeeks", 2));
		String id = created.get("id").asString();
		assertThat(created.get("everyWeeks").asInt()).isEqualTo(2);
		// Created just now: the first round starts now, not with the older message.
		assertThat(dueAt(id)).isBetween(Instant.now().plus(Duration.ofDays(14)).minusSeconds(60), Instant.now().plus(Duration.ofDays(14)));

		// As if set a month ago: due two weeks after the message ten days ago.
		anchor(id, Duration.ofDays(30));
		Instant fromMessage = dueAt(id);
		assertThat(fromMessage).isBetween(Instant.now().plus(Duration.ofDays(4)).minusSeconds(60), Instant.now().plus(Duration.ofDays(4)));
		assertThat(dueIds()).doesNotContain(id);

		// Nothing for 20 days: due since six days.
		jdbc.sql("update messages set sent_at = sent_at - interval '10 days' where conversation_id = ?::uuid").param(conversationOf(bert)).update();
		assertThat(dueIds()).containsExactly(id);
		assertThat(api.get("/api/v1/reach-out").json().get("items").get(0).get("reasons").get(0).get("code").asString())
			.isEqualTo("reminder_due");

		// An internal note is no contact with the person.
		api.post("/api/v1/conversations/" + conversationOf(bert) + "/messages", Map.of("body", "intern", "kind", "note"));
		assertThat(dueIds()).containsExactly(id);

		// We called him: two weeks from now.
		assertThat(api.post("/api/v1/activities", Map.of("contactId", bert, "kind", "call", "direction", "out", "summary", "Angerufen"))
			.status()).isEqualTo(201);
		assertThat(dueIds()).isEmpty();
		assertThat(dueAt(id)).isBetween(Instant.now().plus(Duration.ofDays(14)).minusSeconds(60), Instant.now().plus(Duration.ofDays(14)));

		// A new message from him a week later moves it again.
		jdbc.sql("update messages set sent_at = sent_at - interval '30 days' where conversation_id in (select id from conversations where contact_id = ?::uuid)")
			.param(bert).update();
		anchor(id, Duration.ofDays(60));
		assertThat(dueIds()).containsExactly(id);
		inbound("bert@example.org", "bert", Duration.ofDays(1));
		assertThat(dueIds()).isEmpty();
		assertThat(dueAt(id)).isBetween(Instant.now().plus(Duration.ofDays(13)).minusSeconds(60), Instant.now().plus(Duration.ofDays(13)));
	}

	@Test
	void markingARecurringReminderDoneStartsTheNextRound() {
		String clara = contact("Clara Runde", "clara@example.org");
		String id = remind(clara, Map.of("everyWeeks", 4)).get("id").asString();
		anchor(id, Duration.ofDays(40));
		assertThat(dueIds()).containsExactly(id);
		JsonNode done = api.post("/api/v1/reminders/" + id + "/done", Map.of()).json();
		assertThat(done.get("doneAt").isNull()).isTrue();
		assertThat(done.get("due").asBoolean()).isFalse();
		assertThat(Instant.parse(done.get("dueAt").asString()))
			.isBetween(Instant.now().plus(Duration.ofDays(28)).minusSeconds(60), Instant.now().plus(Duration.ofDays(28)));
		assertThat(api.get("/api/v1/reminders").json().get("items")).hasSize(1);
	}

	@Test
	void refusesRemindersWithoutATimeWithABadRhythmOrForStrangers() {
		String dora = contact("Dora Falsch", "dora@example.org");
		var neither = api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("note", "irgendwann"));
		assertThat(neither.status()).isEqualTo(400);
		assertThat(neither.json().get("detail").asString()).contains("dueAt", "everyWeeks");
		assertThat(api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("everyWeeks", 0)).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("everyWeeks", -3)).json().get("detail").asString())
			.contains("between 1 and 520");
		assertThat(api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("everyWeeks", 521)).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + dora + "/reminders",
				Map.of("everyWeeks", 2, "dueAt", Instant.now().toString())).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("everyWeeks", "oft")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("dueAt", "morgen")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("everyWeeks", 2, "note", "x".repeat(1001))).status())
			.isEqualTo(400);
		var stranger = api.post("/api/v1/contacts/" + dora + "/reminders", Map.of("everyWeeks", 2, "assigneeId", UUID.randomUUID().toString()));
		assertThat(stranger.status()).isEqualTo(400);
		assertThat(stranger.json().get("detail").asString()).contains("not a member");
		assertThat(api.post("/api/v1/contacts/" + UUID.randomUUID() + "/reminders", Map.of("everyWeeks", 2)).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/reminders/" + UUID.randomUUID() + "/done", Map.of()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/reminders?limit=0").status()).isEqualTo(400);

		Api other = otherWorkspaceApi();
		assertThat(other.post("/api/v1/contacts/" + dora + "/reminders", Map.of("everyWeeks", 2)).status()).isEqualTo(404);
		String id = remind(dora, Map.of("everyWeeks", 2)).get("id").asString();
		assertThat(other.post("/api/v1/reminders/" + id + "/done", Map.of()).status()).isEqualTo(404);
		assertThat(other.delete("/api/v1/reminders/" + id).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/reminders").json().get("items")).isEmpty();

		Api viewer = new Api(baseUrl(), tokenAs(Role.VIEWER));
		assertThat(viewer.get("/api/v1/reminders").json().get("items")).hasSize(1);
		assertThat(viewer.post("/api/v1/reminders/" + id + "/done", Map.of()).status()).isEqualTo(403);
		assertThat(viewer.delete("/api/v1/reminders/" + id).status()).isEqualTo(403);
		// Nothing refused was stored.
		assertThat(api.get("/api/v1/reminders").json().get("items")).hasSize(1);
	}

	@Test
	void anAssigneeGetsTheReminderAndTheBadgeCountsOnlyTheirs() {
		String emil = contact("Emil Zuweisung", "emil@example.org");
		var mia = members.add(workspace.id(), "mia-" + UUID.randomUUID() + "@example.org", "Mia Team", "some long password", Role.AGENT);
		Map<String, Object> body = new HashMap<>();
		body.put("dueAt", Instant.now().minusSeconds(5).toString());
		body.put("assigneeId", mia.userId().toString());
		JsonNode forMia = remind(emil, body);
		assertThat(forMia.get("assigneeId").asString()).isEqualTo(mia.userId().toString());
		assertThat(forMia.get("assigneeName").asString()).isEqualTo("Mia Team");
		remind(emil, Map.of("dueAt", Instant.now().minusSeconds(5).toString()));
		assertThat(reminders.dueFor(workspace.id(), mia.userId())).isEqualTo(1);
		assertThat(reminders.dueFor(workspace.id(), owner.userId())).isEqualTo(1);
	}

	@org.springframework.beans.factory.annotation.Autowired
	Reminders reminders;
}
