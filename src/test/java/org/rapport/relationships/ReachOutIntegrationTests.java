package org.rapport.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;

/** The reach-out list on a small workspace whose order and reasons are known in advance. */
class ReachOutIntegrationTests extends ReachOutFixtures {

	private static Duration days(int n) {
		return Duration.ofDays(n);
	}

	@Test
	void ranksContactsByTheirReasonsAndLeavesOutPartnersAndDismissed() {
		// Anna: three messages in the last 14 days, two of them after our reply: 3*3 + 2*5 = 19.
		String anna = contact("Anna Aktiv", "anna@example.org");
		inbound("anna@example.org", "anna", days(10));
		reply(anna, days(9));
		inbound("anna@example.org", "anna", days(8));
		inbound("anna@example.org", "anna", days(2));
		// Bert: one message 20 days ago: 1.
		contact("Bert Selten", "bert@example.org");
		inbound("bert@example.org", "bert", days(20));
		// Clara: tagged with a tag of our post published this week: 4.
		String clara = contact("Clara Thema", "clara@example.org");
		api.put("/api/v1/contacts/" + clara + "/tags", Map.of("tags", List.of("pflege", "sport")));
		assertThat(api.post("/api/v1/blog/posts", Map.of("title", "Pflege im Quartier", "markdown", "Text", "status", "published",
				"tags", List.of("Pflege"))).status()).isEqualTo(201);
		// Dora: very active, but a partner already: never listed.
		String dora = contact("Dora Partner", "dora@example.org");
		for (int i = 1; i <= 5; i++) {
			inbound("dora@example.org", "dora", days(i));
		}
		assertThat(api.put("/api/v1/contacts/" + dora + "/stage", Map.of("stage", "partner")).status()).isEqualTo(200);
		// Emil: a reminder due since an hour: 25.
		String emil = contact("Emil Erinnert", "emil@example.org");
		assertThat(api.post("/api/v1/contacts/" + emil + "/reminders", Map.of("note", "Einladung zum Sommerfest",
				"dueAt", Instant.now().minus(Duration.ofHours(1)).toString())).status()).isEqualTo(201);
		// Frida: wrote three days ago and has been "in dialogue" for six weeks: 3 + 10 = 13.
		String frida = contact("Frida Stockt", "frida@example.org");
		inbound("frida@example.org", "frida", days(3));
		api.put("/api/v1/contacts/" + frida + "/stage", Map.of("stage", "in_dialogue"));
		jdbc.sql("update contact_stages set changed_at = ? where contact_id = ?::uuid")
			.params(Timestamp.from(Instant.now().minus(days(42))), frida).update();
		// Gerd: his site linked to our post (a verified webmention): 8.
		String gerd = api.post("/api/v1/contacts", Map.of("name", "Gerd Verlinkt", "identities",
				List.of(Map.of("kind", "handle:web", "value", "https://gerd.example")))).json().get("id").asString();
		String post = jdbc.sql("select id::text from blog_posts where workspace_id = ?").param(workspace.id()).query(String.class).single();
		jdbc.sql("""
				insert into linkbacks(id, workspace_id, post_id, source, target, status, received_at, verified_at)
				values (?, ?, ?::uuid, 'https://gerd.example/2026/gute-idee', 'https://verein.example/blog/pflege', 'verified', now(), now())""")
			.params(UUID.randomUUID(), workspace.id(), post).update();
		// A mention from someone else's site on the same host name prefix does not count for Gerd.
		jdbc.sql("""
				insert into linkbacks(id, workspace_id, post_id, source, target, status, received_at, verified_at)
				values (?, ?, ?::uuid, 'https://gerd.example.net/x', 'https://verein.example/blog/pflege', 'verified', now(), now())""")
			.params(UUID.randomUUID(), workspace.id(), post).update();
		// Hans: active, but dismissed for now.
		String hans = contact("Hans Später", "hans@example.org");
		inbound("hans@example.org", "hans", days(1));
		assertThat(api.post("/api/v1/reach-out/" + hans + "/dismiss", Map.of()).status()).isEqualTo(200);

		JsonNode items = api.get("/api/v1/reach-out?limit=20").json().get("items");
		List<String> order = new ArrayList<>();
		List<Integer> scores = new ArrayList<>();
		items.forEach(i -> {
			order.add(i.get("contact").get("name").asString());
			scores.add(i.get("score").asInt());
		});
		assertThat(order).containsExactly("Emil Erinnert", "Anna Aktiv", "Frida Stockt", "Gerd Verlinkt", "Clara Thema", "Bert Selten");
		assertThat(scores).containsExactly(25, 19, 13, 8, 4, 1);

		JsonNode emilReasons = items.get(0).get("reasons");
		assertThat(codes(emilReasons)).containsExactly("reminder_due");
		assertThat(emilReasons.get(0).get("text").asString()).contains("Einladung zum Sommerfest");

		JsonNode annaReasons = items.get(1).get("reasons");
		assertThat(codes(annaReasons)).containsExactly("recent_activity", "replied");
		assertThat(annaReasons.get(1).get("evidence").asString()).isEqualTo(conversationOf(anna));
		assertThat(annaReasons.get(1).get("points").asInt()).isEqualTo(10);

		JsonNode fridaReasons = items.get(2).get("reasons");
		assertThat(codes(fridaReasons)).containsExactly("recent_activity", "stage_stalled");
		assertThat(fridaReasons.get(1).get("evidence").asString()).isEqualTo("in_dialogue");
		assertThat(fridaReasons.get(1).get("text").asString()).contains("6");

		JsonNode gerdReasons = items.get(3).get("reasons");
		assertThat(codes(gerdReasons)).containsExactly("mentioned_our_posts");
		assertThat(gerdReasons.get(0).get("evidence").asString()).isEqualTo("https://gerd.example/2026/gute-idee");

		JsonNode claraReasons = items.get(4).get("reasons");
		assertThat(codes(claraReasons)).containsExactly("common_topics");
		assertThat(claraReasons.get(0).get("evidence").asString()).isEqualTo("pflege");

		// The limit cuts from the bottom.
		assertThat(api.get("/api/v1/reach-out?limit=2").json().get("items")).hasSize(2);
		// The dismissal is stored for 30 days.
		Instant until = jdbc.sql("select until from reach_out_dismissals where contact_id = ?::uuid").param(hans)
			.query(Timestamp.class).single().toInstant();
		assertThat(until).isBetween(Instant.now().plus(days(29)), Instant.now().plus(days(31)));
		// Dismissing again does not stack rows.
		api.post("/api/v1/reach-out/" + hans + "/dismiss", Map.of());
		assertThat(jdbc.sql("select count(*) from reach_out_dismissals where contact_id = ?::uuid").param(hans).query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void reasonsSpeakTheReadersLanguage() {
		contact("Ida Deutsch", "ida@example.org");
		inbound("ida@example.org", "ida", days(1));
		var german = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/reach-out"))
			.header("Authorization", "Bearer " + token).header("Accept-Language", "de"));
		assertThat(german.json().get("items").get(0).get("reasons").get(0).get("text").asString())
			.isEqualTo("1 Nachricht in den letzten 14 Tagen, 1 in den letzten 30");
		var english = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/reach-out"))
			.header("Authorization", "Bearer " + token).header("Accept-Language", "en"));
		assertThat(english.json().get("items").get(0).get("reasons").get(0).get("text").asString())
			.isEqualTo("1 message in the last 14 days, 1 in the last 30");
	}

	@Test
	void viewersSeeTheListButCannotActAndBadInputIsRefused() {
		String ida = contact("Ida Sicht", "ida@example.org");
		inbound("ida@example.org", "ida", days(1));
		assertThat(new Api(baseUrl(), null).get("/api/v1/reach-out").status()).isEqualTo(401);
		assertThat(new Api(baseUrl(), null).get("/api/v1/reminders").status()).isEqualTo(401);
		Api viewer = new Api(baseUrl(), tokenAs(Role.VIEWER));
		assertThat(viewer.get("/api/v1/reach-out").json().get("items").get(0).get("contact").get("id").asString()).isEqualTo(ida);
		assertThat(viewer.post("/api/v1/reach-out/" + ida + "/dismiss", Map.of()).status()).isEqualTo(403);
		assertThat(viewer.post("/api/v1/contacts/" + ida + "/reminders", Map.of("everyWeeks", 4)).status()).isEqualTo(403);
		assertThat(viewer.post("/api/v1/contacts/" + ida + "/gifts", Map.of("kind", "recommendation")).status()).isEqualTo(403);

		var badLimit = api.get("/api/v1/reach-out?limit=0");
		assertThat(badLimit.status()).isEqualTo(400);
		assertThat(badLimit.json().get("detail").asString()).contains("limit");
		assertThat(api.post("/api/v1/reach-out/" + UUID.randomUUID() + "/dismiss", Map.of()).status()).isEqualTo(404);
		// Another workspace sees nothing of this one.
		Api stranger = otherWorkspaceApi();
		assertThat(stranger.get("/api/v1/reach-out").json().get("items")).isEmpty();
		assertThat(stranger.post("/api/v1/reach-out/" + ida + "/dismiss", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void anErasedContactDisappearsFromTheList() {
		String jan = contact("Jan Weg", "jan@example.org");
		inbound("jan@example.org", "jan", days(1));
		assertThat(api.get("/api/v1/reach-out").json().get("items")).hasSize(1);
		assertThat(api.delete("/api/v1/contacts/" + jan + "?erase=true").status()).isEqualTo(204);
		assertThat(api.get("/api/v1/reach-out").json().get("items")).isEmpty();
	}

	private static List<String> codes(JsonNode reasons) {
		List<String> codes = new ArrayList<>();
		reasons.forEach(r -> codes.add(r.get("code").asString()));
		return codes;
	}
}
