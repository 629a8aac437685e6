package org.rapport.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Giving first: gifts on the timelines, refused input, merge and undo, export and erasure, and suggestions. */
class GiftsIntegrationTests extends ReachOutFixtures {

	private JsonNode give(String contact, Map<String, Object> body) {
		var created = api.post("/api/v1/contacts/" + contact + "/gifts", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private List<JsonNode> giftsOnTimeline(String contact) {
		List<JsonNode> gifts = new ArrayList<>();
		api.get("/api/v1/contacts/" + contact).json().get("timeline").forEach(t -> {
			if (t.get("type").asString().equals("gift")) {
				gifts.add(t);
			}
		});
		return gifts;
	}

	@Test
	void anIntroductionAppearsOnBothTimelinesEachNamingTheOther() {
		String anna = contact("Anna Netz", "anna@example.org");
		String bert = contact("Bert Brücke", "bert@example.org");
		JsonNode intro = give(anna, Map.of("kind", "introduction", "otherContactId", bert, "note", "Beide planen ein Nachbarschaftsfest"));
		assertThat(intro.get("otherContactName").asString()).isEqualTo("Bert Brücke");
		assertThat(intro.get("byName").asString()).isEqualTo("Olga Owner");

		List<JsonNode> annas = giftsOnTimeline(anna);
		assertThat(annas).singleElement().satisfies(t -> {
			assertThat(t.get("channel").asString()).isEqualTo("introduction");
			assertThat(t.get("direction").asString()).isEqualTo("out");
			assertThat(t.get("title").asString()).isEqualTo("→ Bert Brücke");
			assertThat(t.get("excerpt").asString()).isEqualTo("→ Bert Brücke · Beide planen ein Nachbarschaftsfest");
		});
		assertThat(giftsOnTimeline(bert)).singleElement()
			.satisfies(t -> assertThat(t.get("title").asString()).isEqualTo("→ Anna Netz"));
		assertThat(api.get("/api/v1/contacts/" + bert + "/gifts").json().get("items")).singleElement()
			.satisfies(g -> assertThat(g.get("id").asString()).isEqualTo(intro.get("id").asString()));

		// Recommendations and shares, newest first.
		give(anna, Map.of("kind", "recommendation", "note", "Im Newsletter empfohlen", "occurredAt",
				Instant.now().minus(Duration.ofDays(3)).toString()));
		give(anna, Map.of("kind", "share", "url", "https://anna.example/beitrag", "note", "Auf Mastodon geteilt"));
		List<String> kinds = new ArrayList<>();
		api.get("/api/v1/contacts/" + anna + "/gifts").json().get("items").forEach(g -> kinds.add(g.get("kind").asString()));
		assertThat(kinds).containsExactly("share", "introduction", "recommendation");
		assertThat(giftsOnTimeline(anna)).hasSize(3);
		assertThat(giftsOnTimeline(bert)).hasSize(1);
	}

	@Test
	void refusesBadGiftsWithAReadableProblem() {
		String anna = contact("Anna Prüf", "anna@example.org");
		String bert = contact("Bert Prüf", "bert@example.org");
		var unknown = api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "bribe", "note", "x"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("detail").asString()).contains("bribe", "recommendation");
		var noOther = api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "introduction", "note", "x"));
		assertThat(noOther.status()).isEqualTo(400);
		assertThat(noOther.json().get("detail").asString()).contains("otherContactId");
		assertThat(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "introduction", "otherContactId", anna)).status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "recommendation", "otherContactId", bert)).status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "share", "note", "ohne Adresse")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "share", "url", "javascript:alert(1)")).status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "recommendation", "occurredAt",
				Instant.now().plus(Duration.ofDays(2)).toString())).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "recommendation", "note", "x".repeat(2001))).status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/contacts/" + UUID.randomUUID() + "/gifts", Map.of("kind", "recommendation")).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "introduction", "otherContactId",
				UUID.randomUUID().toString())).status()).isEqualTo(404);

		// A contact of another workspace is not found, from either side.
		Api other = otherWorkspaceApi();
		String stranger = other.post("/api/v1/contacts", Map.of("name", "Fremd")).json().get("id").asString();
		var across = api.post("/api/v1/contacts/" + anna + "/gifts", Map.of("kind", "introduction", "otherContactId", stranger));
		assertThat(across.status()).isEqualTo(404);
		assertThat(across.json().get("detail").asString()).contains(stranger);
		assertThat(other.post("/api/v1/contacts/" + stranger + "/gifts", Map.of("kind", "introduction", "otherContactId", anna)).status())
			.isEqualTo(404);
		assertThat(other.get("/api/v1/contacts/" + anna + "/gifts").status()).isEqualTo(404);

		assertThat(api.get("/api/v1/contacts/" + anna + "/gifts").json().get("items")).isEmpty();
		assertThat(jdbc.sql("select count(*) from gifts").query(Integer.class).single()).isNotNegative();
		assertThat(jdbc.sql("select count(*) from gifts where workspace_id = ?").param(workspace.id()).query(Integer.class).single()).isZero();
	}

	private JsonNode export(String contact) {
		ObjectNode export = (ObjectNode) api.get("/api/v1/contacts/" + contact + "/export").json();
		export.remove("exportedAt");
		return export;
	}

	@Test
	void mergeMovesGiftsAndRemindersAndUndoRestoresBothContactsExactly() {
		String anna = contact("Anna Doppelt", "anna@example.org");
		String anna2 = contact("Anna Doppelt", "anna.d@example.net");
		String carl = contact("Carl Dritter", "carl@example.org");
		give(anna, Map.of("kind", "recommendation", "note", "Empfohlen"));
		give(anna2, Map.of("kind", "share", "url", "https://anna.example/x"));
		give(carl, Map.of("kind", "introduction", "otherContactId", anna2, "note", "Carl trifft Anna"));
		api.post("/api/v1/contacts/" + anna + "/reminders", Map.of("everyWeeks", 3));
		api.post("/api/v1/contacts/" + anna2 + "/reminders", Map.of("note", "Zweite Adresse", "dueAt", Instant.now().toString()));
		api.post("/api/v1/reach-out/" + anna2 + "/dismiss", Map.of());
		JsonNode annaBefore = export(anna);
		JsonNode anna2Before = export(anna2);
		JsonNode carlBefore = export(carl);
		assertThat(anna2Before.get("data").get("reachOut").get("gifts")).hasSize(2);
		assertThat(anna2Before.get("data").get("reachOut").get("reminders")).hasSize(1);
		assertThat(anna2Before.get("data").get("reachOut").get("reachOutDismissedUntil").isNull()).isFalse();

		var merged = api.post("/api/v1/contacts/" + anna + "/merge", Map.of("otherId", anna2));
		assertThat(merged.status()).isEqualTo(201);
		assertThat(api.get("/api/v1/contacts/" + anna + "/gifts").json().get("items")).hasSize(3);
		assertThat(api.get("/api/v1/contacts/" + anna + "/reminders").json().get("items")).hasSize(2);
		assertThat(giftsOnTimeline(carl)).singleElement()
			.satisfies(t -> assertThat(t.get("title").asString()).isEqualTo("→ Anna Doppelt"));
		assertThat(jdbc.sql("select other_contact_id::text from gifts where contact_id = ?::uuid").param(carl).query(String.class).single())
			.isEqualTo(anna);
		assertThat(jdbc.sql("select count(*) from reach_out_dismissals where contact_id = ?::uuid").param(anna).query(Integer.class).single())
			.isEqualTo(1);

		assertThat(api.post("/api/v1/merges/" + merged.json().get("mergeId").asString() + "/undo", Map.of()).status()).isEqualTo(200);
		assertThat(export(anna)).isEqualTo(annaBefore);
		assertThat(export(anna2)).isEqualTo(anna2Before);
		assertThat(export(carl)).isEqualTo(carlBefore);
	}

	@Test
	void exportListsRemindersAndGiftsAndErasureRemovesThemOnBothSides() {
		String anna = contact("Anna Export", "anna@example.org");
		String bert = contact("Bert Bleibt", "bert@example.org");
		give(anna, Map.of("kind", "introduction", "otherContactId", bert, "note", "Vorgestellt"));
		give(bert, Map.of("kind", "recommendation", "note", "Bert empfohlen"));
		api.post("/api/v1/contacts/" + anna + "/reminders", Map.of("note", "Anna anrufen", "everyWeeks", 6));

		JsonNode reachOut = api.get("/api/v1/contacts/" + anna + "/export").json().get("data").get("reachOut");
		assertThat(reachOut.get("reminders")).singleElement().satisfies(r -> {
			assertThat(r.get("note").asString()).isEqualTo("Anna anrufen");
			assertThat(r.get("everyWeeks").asInt()).isEqualTo(6);
		});
		assertThat(reachOut.get("gifts")).singleElement().satisfies(g -> {
			assertThat(g.get("kind").asString()).isEqualTo("introduction");
			assertThat(g.get("introducedTo").asString()).isEqualTo("Bert Bleibt");
		});
		JsonNode bertsGifts = api.get("/api/v1/contacts/" + bert + "/export").json().get("data").get("reachOut").get("gifts");
		assertThat(bertsGifts).hasSize(2);

		assertThat(api.delete("/api/v1/contacts/" + anna + "?erase=true").status()).isEqualTo(204);
		assertThat(jdbc.sql("select count(*) from gifts where contact_id = ?::uuid or other_contact_id = ?::uuid").params(anna, anna)
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from reminders where contact_id = ?::uuid").param(anna).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from gifts where note like '%Vorgestellt%' or note like '%Anna%'").query(Integer.class).single())
			.isZero();
		// Bert keeps what was his alone; the introduction that named Anna is gone from his timeline too.
		assertThat(giftsOnTimeline(bert)).singleElement()
			.satisfies(t -> assertThat(t.get("channel").asString()).isEqualTo("recommendation"));
	}

	@Test
	void suggestsIntroductionsSharesAndGivingBackUntilTheyAreDone() {
		// Two people in dialogue with us who share a tag.
		String anna = contact("Anna Garten", "anna@example.org");
		String bert = contact("Bert Garten", "bert@example.org");
		for (String[] p : new String[][] { { anna, "anna@example.org" }, { bert, "bert@example.org" } }) {
			inbound(p[1], p[1], Duration.ofDays(5));
			reply(p[0], Duration.ofDays(4));
			api.put("/api/v1/contacts/" + p[0] + "/tags", Map.of("tags", List.of("urban gardening")));
		}
		// A third with the tag but never answered: no dialogue, no suggestion.
		String cleo = contact("Cleo Still", "cleo@example.org");
		inbound("cleo@example.org", "cleo", Duration.ofDays(5));
		api.put("/api/v1/contacts/" + cleo + "/tags", Map.of("tags", List.of("urban gardening")));
		// Someone whose site linked to us twice.
		String gerd = api.post("/api/v1/contacts", Map.of("name", "Gerd Blog", "identities",
				List.of(Map.of("kind", "handle:web", "value", "https://gerd.example/")))).json().get("id").asString();
		String post = api.post("/api/v1/blog/posts", Map.of("title", "Gärten", "markdown", "Text", "status", "published")).json()
			.get("id").asString();
		for (int i = 1; i <= 2; i++) {
			jdbc.sql("""
					insert into linkbacks(id, workspace_id, post_id, source, target, status, received_at, verified_at)
					values (?, ?, ?::uuid, ?, 'https://verein.example/blog/gaerten', 'verified', now() - make_interval(days => ?), now())""")
				.params(UUID.randomUUID(), workspace.id(), post, "https://gerd.example/beitrag-" + i, i).update();
		}

		JsonNode suggestions = api.get("/api/v1/reach-out").json().get("suggestions");
		assertThat(kinds(suggestions)).containsExactlyInAnyOrder("give_back", "introduce", "share");
		JsonNode introduce = find(suggestions, "introduce");
		assertThat(List.of(introduce.get("contact").get("id").asString(), introduce.get("other").get("id").asString()))
			.containsExactlyInAnyOrder(anna, bert);
		assertThat(introduce.get("tag").asString()).isEqualTo("urban gardening");
		assertThat(find(suggestions, "share").get("url").asString()).isEqualTo("https://gerd.example/beitrag-1");
		assertThat(find(suggestions, "give_back").get("count").asInt()).isEqualTo(2);
		assertThat(find(suggestions, "give_back").get("contact").get("id").asString()).isEqualTo(gerd);
		// On Anna's page, Anna comes first.
		JsonNode annas = api.get("/api/v1/contacts/" + anna + "/gifts").json().get("suggestions");
		assertThat(annas).singleElement().satisfies(s -> {
			assertThat(s.get("contact").get("id").asString()).isEqualTo(anna);
			assertThat(s.get("other").get("id").asString()).isEqualTo(bert);
		});

		give(bert, Map.of("kind", "introduction", "otherContactId", anna));
		give(gerd, Map.of("kind", "share", "url", "https://gerd.example/beitrag-1"));
		suggestions = api.get("/api/v1/reach-out").json().get("suggestions");
		// Shared his newest post, and so gave back too.
		assertThat(suggestions).isEmpty();
	}

	private static List<String> kinds(JsonNode suggestions) {
		List<String> kinds = new ArrayList<>();
		suggestions.forEach(s -> kinds.add(s.get("kind").asString()));
		return kinds;
	}

	private static JsonNode find(JsonNode suggestions, String kind) {
		for (JsonNode s : suggestions) {
			if (s.get("kind").asString().equals(kind)) {
				return s;
			}
		}
		throw new AssertionError("no " + kind + " suggestion in " + suggestions);
	}
}
