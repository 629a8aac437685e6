package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class MergeIntegrationTests extends IntegrationTest {

	@Autowired
	Consents consents;

	@Autowired
	Merges merges;

	@Autowired
	ApplicationEvents events;

	String contact(String name, String... identities) {
		List<Map<String, String>> list = new java.util.ArrayList<>();
		for (int i = 0; i < identities.length; i += 2) {
			list.add(Map.of("kind", identities[i], "value", identities[i + 1]));
		}
		var created = api.post("/api/v1/contacts", Map.of("name", name, "identities", list));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	String activity(String contactId, String kind, String summary, String at) {
		var logged = api.post("/api/v1/activities", Map.of("contactId", contactId, "kind", kind, "direction", "in",
				"summary", summary, "occurredAt", at));
		assertThat(logged.status()).isEqualTo(201);
		return logged.json().get("conversationId").asString();
	}

	/** Everything that can be seen of a contact: API JSON with timeline, raw rows, consents, its conversations. */
	Map<String, String> snapshot(String contactId) {
		Map<String, String> s = new LinkedHashMap<>();
		var contact = api.get("/api/v1/contacts/" + contactId);
		s.put("status", String.valueOf(contact.status()));
		s.put("api", contact.body());
		s.put("row", jdbc.sql("select to_jsonb(c)::text from contacts c where id = ?::uuid").param(contactId)
			.query(String.class).optional().orElse("gone"));
		s.put("identities", jdbc.sql("select coalesce(jsonb_agg(to_jsonb(i) order by i.id), '[]')::text from identities i where contact_id = ?::uuid")
			.param(contactId).query(String.class).single());
		s.put("consents", jdbc.sql("select coalesce(jsonb_agg(to_jsonb(k) order by k.id), '[]')::text from consents k where contact_id = ?::uuid")
			.param(contactId).query(String.class).single());
		s.put("conversations", api.get("/api/v1/conversations?contact=" + contactId + "&limit=200").body());
		return s;
	}

	@Test
	void mergeMovesEverythingAndUndoRestoresBothContactsExactly() {
		String anna = contact("Anna Schmidt", "email", "anna@example.org", "phone", "0151 5550 1234");
		String other = contact("A. Schmidt", "email", "anna.schmidt@web.de", "handle:mastodon", "@anna@chaos.social");
		api.patch("/api/v1/contacts/" + anna, Map.of("note", "Mag Jazz."));
		api.patch("/api/v1/contacts/" + other, Map.of("note", "Kommt zum Sommerfest."));
		String c1 = activity(anna, "call", "Fragt nach Karten.", "2026-06-01T09:00:00Z");
		String c2 = activity(other, "visit", "War im Büro.", "2026-06-02T09:00:00Z");
		String c3 = activity(other, "letter", "Spendenquittung.", "2026-06-03T09:00:00Z");
		consents.record(workspace.id(), ContactId.of(UUID.fromString(other)), "newsletter", "form", 2, "Ja, ich will.", "203.0.113.7");
		consents.record(workspace.id(), ContactId.of(UUID.fromString(anna)), "events", "form", 1, "Einladungen bitte.", "203.0.113.8");
		// A table of some other module that references contacts and implements nothing: moved generically.
		jdbc.sql("""
				create table if not exists merge_test_tags (id uuid primary key,
				  contact_id uuid not null references contacts(id) on delete cascade, tag text not null)""").update();
		UUID tag = UUID.randomUUID();
		jdbc.sql("insert into merge_test_tags values (?, ?::uuid, 'vip')").params(tag, other).update();

		Map<String, String> annaBefore = snapshot(anna);
		Map<String, String> otherBefore = snapshot(other);

		var merged = api.post("/api/v1/contacts/" + anna + "/merge", Map.of("otherId", other));
		assertThat(merged.status()).isEqualTo(201);
		String mergeId = merged.json().get("mergeId").asString();

		assertThat(api.get("/api/v1/contacts/" + other).status()).isEqualTo(404);
		JsonNode survivor = api.get("/api/v1/contacts/" + anna).json();
		assertThat(survivor.get("name").asString()).isEqualTo("Anna Schmidt");
		assertThat(survivor.get("note").asString()).isEqualTo("Mag Jazz.\n\nKommt zum Sommerfest.");
		assertThat(survivor.get("identities")).extracting(i -> i.get("value").asString())
			.containsExactlyInAnyOrder("anna@example.org", "+4915155501234", "anna.schmidt@web.de", "anna@chaos.social");
		assertThat(survivor.get("timeline")).filteredOn(t -> !t.get("conversationId").isNull())
			.extracting(t -> t.get("conversationId").asString())
			.containsExactly(c3, c2, c1);
		assertThat(survivor.get("timeline")).filteredOn(t -> t.get("type").asString().equals("consent")).isNotEmpty();
		assertThat(api.get("/api/v1/conversations?contact=" + anna).json().get("items"))
			.extracting(c -> c.get("id").asString()).containsExactlyInAnyOrder(c1, c2, c3);
		assertThat(consents.of(workspace.id(), ContactId.of(UUID.fromString(anna)))).extracting(Consents.Consent::purpose)
			.containsExactlyInAnyOrder("newsletter", "events");
		assertThat(jdbc.sql("select contact_id from merge_test_tags where id = ?").param(tag).query(UUID.class).single())
			.isEqualTo(UUID.fromString(anna));
		// The record holds a full snapshot of the absorbed contact.
		assertThat(jdbc.sql("select absorbed ->> 'note' from contact_merges where id = ?::uuid").param(mergeId)
			.query(String.class).single()).isEqualTo("Kommt zum Sommerfest.");

		var undone = api.post("/api/v1/merges/" + mergeId + "/undo", Map.of());
		assertThat(undone.status()).isEqualTo(200);
		assertThat(undone.json().get("restoredId").asString()).isEqualTo(other);

		assertThat(snapshot(anna)).isEqualTo(annaBefore);
		assertThat(snapshot(other)).isEqualTo(otherBefore);
		assertThat(jdbc.sql("select contact_id from merge_test_tags where id = ?").param(tag).query(UUID.class).single())
			.isEqualTo(UUID.fromString(other));
		assertThat(api.get("/api/v1/merges/" + mergeId).json().get("undoneAt").isNull()).isFalse();
		assertThat(jdbc.sql("select count(*) from audit_log where workspace_id = ? and action in ('contact.merged', 'contact.merge-undone')")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void undoKeepsWhatWasEditedOnTheSurvivorAfterTheMerge() {
		String a = contact("Jürgen Groß", "email", "juergen@example.org");
		String b = contact("Juergen Gross", "email", "j.gross@example.com");
		String mergeId = api.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", b)).json().get("mergeId").asString();
		api.patch("/api/v1/contacts/" + a, Map.of("name", "Dr. Jürgen Groß"));
		var undone = api.post("/api/v1/merges/" + mergeId + "/undo", Map.of()).json();
		assertThat(undone.get("keptEdits")).extracting(JsonNode::asString).containsExactly("name");
		assertThat(api.get("/api/v1/contacts/" + a).json().get("name").asString()).isEqualTo("Dr. Jürgen Groß");
		assertThat(api.get("/api/v1/contacts/" + b).json().get("identities").get(0).get("value").asString())
			.isEqualTo("j.gross@example.com");
	}

	@Test
	void refusesSelfMergeForeignContactsDoubleUndoAndUndoUnderALaterMerge() {
		String a = contact("Petra Lang", "email", "petra@example.org");
		String b = contact("Petra L.", "email", "petra.lang@example.com");
		String c = contact("P. Lang", "phone", "+49 30 5550 1234");

		var self = api.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", a));
		assertThat(self.status()).isEqualTo(400);
		assertThat(self.json().get("detail").asString()).contains("itself");
		assertThat(api.post("/api/v1/contacts/" + a + "/merge", Map.of()).status()).isEqualTo(400);

		var elsewhere = workspaces.create("Elsewhere", "ws-" + UUID.randomUUID().toString().substring(0, 8));
		members.add(elsewhere.id(), "someone-" + UUID.randomUUID() + "@example.org", "Someone", PASSWORD, Role.OWNER);
		UUID foreign = jdbc.sql("insert into contacts(id, workspace_id, name) values (gen_random_uuid(), ?, 'Fremd') returning id")
			.param(elsewhere.id()).query(UUID.class).single();
		assertThat(api.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", foreign)).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/contacts/" + foreign + "/merge", Map.of("otherId", a)).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", UUID.randomUUID())).status()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from contacts where id = ?").param(foreign).query(Integer.class).single()).isEqualTo(1);

		String first = api.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", b)).json().get("mergeId").asString();
		String second = api.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", c)).json().get("mergeId").asString();
		var blocked = api.post("/api/v1/merges/" + first + "/undo", Map.of());
		assertThat(blocked.status()).isEqualTo(409);
		assertThat(blocked.json().get("detail").asString()).contains(second);
		assertThat(api.post("/api/v1/merges/" + second + "/undo", Map.of()).status()).isEqualTo(200);
		assertThat(api.post("/api/v1/merges/" + first + "/undo", Map.of()).status()).isEqualTo(200);
		var twice = api.post("/api/v1/merges/" + first + "/undo", Map.of());
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("detail").asString()).contains("already undone");
		assertThat(api.get("/api/v1/contacts?q=lang").json().get("items")).hasSize(3);

		// Another workspace cannot see or undo this workspace's merges.
		var stranger = members.add(elsewhere.id(), "s-" + UUID.randomUUID() + "@example.org", "S", PASSWORD, Role.OWNER);
		Api strangerApi = new Api(baseUrl(), tokens.create(new CurrentUser(stranger.userId(), "s", "S", elsewhere.id(),
				Role.OWNER, null), "t").token());
		assertThat(strangerApi.post("/api/v1/merges/" + first + "/undo", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void viewersMayNotMerge() {
		String a = contact("Eva Berg", "email", "eva@example.org");
		String b = contact("Eva B.", "email", "eva.berg@example.com");
		var viewer = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera", PASSWORD, Role.VIEWER);
		Api viewerApi = new Api(baseUrl(), tokens.create(new CurrentUser(viewer.userId(), "v", "Vera", workspace.id(),
				Role.VIEWER, null), "t").token());
		assertThat(viewerApi.post("/api/v1/contacts/" + a + "/merge", Map.of("otherId", b)).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/contacts/" + b).status()).isEqualTo(200);
	}

	@Test
	void publishesContactsMerged() {
		UUID a = UUID.fromString(contact("Tom Weber", "email", "tom@example.org"));
		UUID b = UUID.fromString(contact("Tom W.", "email", "tom.weber@example.com"));
		UUID mergeId = merges.merge(workspace.id(), owner.userId(), a, b, "203.0.113.1");
		assertThat(events.stream(ContactsMerged.class))
			.containsExactly(new ContactsMerged(workspace.id(), mergeId, a, b));
		merges.undo(workspace.id(), owner.userId(), mergeId, "203.0.113.1");
		assertThat(events.stream(MergeUndone.class)).containsExactly(new MergeUndone(workspace.id(), mergeId, a, b));
	}
}
