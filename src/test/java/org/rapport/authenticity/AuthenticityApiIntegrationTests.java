package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

class AuthenticityApiIntegrationTests extends IntegrationTest {

	static final String OBSERVED = "2025-06-01T12:00:00Z";

	static Map<String, Object> bought(String id) {
		Map<String, Object> p = new HashMap<>();
		p.put("id", id);
		p.put("network", "mastodon");
		p.put("handle", "@" + id + "@example.social");
		p.put("createdAt", "2023-05-20T08:00:00Z");
		p.put("observedAt", OBSERVED);
		p.put("posts", 0);
		p.put("followers", 3);
		p.put("following", 1900);
		p.put("defaultAvatar", true);
		p.put("bio", "");
		p.put("url", "");
		return p;
	}

	static Map<String, Object> genuine(String id) {
		Map<String, Object> p = new HashMap<>();
		p.put("id", id);
		p.put("network", "bluesky");
		p.put("createdAt", "2019-02-01T08:00:00Z");
		p.put("observedAt", OBSERVED);
		p.put("posts", 3400);
		p.put("followers", 820);
		p.put("following", 310);
		p.put("listed", 12);
		p.put("bio", "Sozialarbeiterin in Köln");
		p.put("url", "https://example.org");
		p.put("defaultAvatar", false);
		return p;
	}

	@Test
	void judgesBoughtAndGenuineAccountsWithReasonsAPersonUnderstands() {
		var answer = api.post("/api/v1/authenticity/profiles/score", Map.of("profiles", List.of(bought("b1"), genuine("g1"))));
		assertThat(answer.status()).isEqualTo(200);
		JsonNode items = answer.json().get("items");
		assertThat(items.get(0).get("id").asString()).isEqualTo("b1");
		assertThat(items.get(0).get("verdict").asString()).isEqualTo("bought");
		assertThat(items.get(0).get("bought").asDouble()).isGreaterThan(0.9);
		List<String> reasons = texts(items.get(0));
		assertThat(reasons).contains("follows 1,900 accounts, followed by 3", "no post in 2 years of existence");
		assertThat(items.get(0).get("reasons").get(0).get("code").asString()).isNotBlank();
		assertThat(items.get(1).get("verdict").asString()).isEqualTo("genuine");
		assertThat(items.get(1).get("bought").asDouble()).isLessThan(0.1);
		assertThat(texts(items.get(1))).contains("3,400 posts");
	}

	@Test
	void speaksGermanWhenTheReaderDoes() {
		String body = Api.JSON.writeValueAsString(Map.of("profiles", List.of(bought("b1"))));
		var answer = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/authenticity/profiles/score"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.header("Accept-Language", "de-DE,de;q=0.9").POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(texts(answer.json().get("items").get(0))).contains("folgt 1.900 Konten, hat 3 Follower",
				"kein Beitrag in 2 Jahren seines Bestehens");
	}

	@Test
	void learnsFromTheTeamsJudgements() {
		// Accounts of a kind the built-in model takes for genuine (many followers and posts), which the team knows
		// to be bought: they never like anything, nobody lists them, no location, no header image.
		List<Map<String, Object>> judged = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Map<String, Object> pod = podAccount("pod" + i, 480 + i * 7);
			pod.put("label", "bought");
			judged.add(pod);
			Map<String, Object> person = genuine("person" + i);
			person.put("likes", 200 + i * 13);
			person.put("location", "Köln");
			person.put("hasBanner", true);
			person.put("label", "genuine");
			judged.add(person);
		}
		var before = api.post("/api/v1/authenticity/profiles/score", Map.of("profiles", List.of(podAccount("new", 530))));
		assertThat(before.json().get("items").get(0).get("verdict").asString()).isEqualTo("genuine");

		var taught = api.post("/api/v1/authenticity/profiles/labels", Map.of("profiles", judged));
		assertThat(taught.status()).isEqualTo(200);
		assertThat(taught.json().get("trained").asInt()).isEqualTo(40);
		assertThat(taught.json().get("total").asInt()).isEqualTo(40);

		var after = api.post("/api/v1/authenticity/profiles/score", Map.of("profiles", List.of(podAccount("new", 530))));
		JsonNode item = after.json().get("items").get(0);
		assertThat(item.get("verdict").asString()).isEqualTo("bought");
		assertThat(item.get("bought").asDouble()).isGreaterThan(before.json().get("items").get(0).get("bought").asDouble());

		// Judging the same account again replaces the judgement instead of counting it twice.
		var again = api.post("/api/v1/authenticity/profiles/labels", Map.of("profiles", List.of(judged.getFirst())));
		assertThat(again.json().get("total").asInt()).isEqualTo(40);
	}

	static Map<String, Object> podAccount(String id, int followers) {
		Map<String, Object> p = new HashMap<>();
		p.put("id", id);
		p.put("network", "instagram");
		p.put("createdAt", "2021-01-01T00:00:00Z");
		p.put("observedAt", OBSERVED);
		p.put("posts", 900);
		p.put("followers", followers);
		p.put("following", 600);
		p.put("likes", 0);
		p.put("listed", 0);
		p.put("location", "");
		p.put("hasBanner", false);
		p.put("bio", "Lifestyle");
		p.put("url", "https://example.com");
		return p;
	}

	@Test
	void refusesBadProfilesNamingTheFieldAndLearnsNothing() {
		Map<String, Object> negative = genuine("g2");
		negative.put("followers", -5);
		refused("/api/v1/authenticity/profiles/score", "profiles", List.of(genuine("g1"), negative), "profiles[1].followers");

		Map<String, Object> absurd = genuine("g3");
		absurd.put("following", 90_000_000_000L);
		refused("/api/v1/authenticity/profiles/score", "profiles", List.of(absurd), "profiles[0].following");

		Map<String, Object> future = genuine("g4");
		future.put("createdAt", Instant.now().plusSeconds(86_400 * 30).toString());
		future.remove("observedAt");
		refused("/api/v1/authenticity/profiles/score", "profiles", List.of(future), "profiles[0].createdAt");

		Map<String, Object> noId = genuine("x");
		noId.remove("id");
		refused("/api/v1/authenticity/profiles/score", "profiles", List.of(noId), "profiles[0].id");

		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 5_001; i++) {
			tooMany.add(Map.of("id", "a" + i));
		}
		refused("/api/v1/authenticity/profiles/score", "profiles", tooMany, "profiles");

		Map<String, Object> fine = bought("b1");
		fine.put("label", "bought");
		Map<String, Object> unknownLabel = genuine("g5");
		unknownLabel.put("label", "fake");
		refused("/api/v1/authenticity/profiles/labels", "profiles", List.of(fine, unknownLabel), "profiles[1].label");
		Map<String, Object> unlabelled = genuine("g6");
		refused("/api/v1/authenticity/profiles/labels", "profiles", List.of(fine, unlabelled), "profiles[1].label");
		Map<String, Object> negativeLabelled = bought("b2");
		negativeLabelled.put("posts", -1);
		negativeLabelled.put("label", "bought");
		refused("/api/v1/authenticity/profiles/labels", "profiles", List.of(fine, negativeLabelled), "profiles[1].posts");

		assertThat(jdbc.sql("select count(*) from authenticity_judgements where workspace_id = ? and kind = 'profiles'").param(workspace.id())
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from authenticity_models where workspace_id = ?").param(workspace.id())
			.query(Long.class).single()).isZero();
	}

	@Test
	void judgesCommentSpamAndLeavesShortThanksAlone() {
		var answer = api.post("/api/v1/authenticity/comments/score", Map.of("comments", List.of(
				Map.of("id", "c1", "text", "Check out my channel http://cheap-views.example.com and subscribe to me!!!"),
				Map.of("id", "c2", "text", "Danke!"),
				Map.of("id", "c3", "text", "👍"),
				Map.of("id", "c4", "author", "Anna", "text", "Thank you for the clear answer about the opening hours on Sunday."))));
		assertThat(answer.status()).isEqualTo(200);
		JsonNode items = answer.json().get("items");
		assertThat(items.get(0).get("verdict").asString()).isEqualTo("spam");
		assertThat(codes(items.get(0))).contains("link", "self-promotion");
		assertThat(items.get(1).get("verdict").asString()).isEqualTo("ham");
		assertThat(codes(items.get(1))).containsExactly("short");
		assertThat(items.get(2).get("verdict").asString()).isEqualTo("ham");
		assertThat(items.get(3).get("verdict").asString()).isEqualTo("ham");

		// before the team judged anything, the starting filter catches what no built-in cue names, in words and in German
		String body = Api.JSON.writeValueAsString(Map.of("comments", List.of(
				Map.of("id", "s1", "text", "Check out this video on YouTube:"),
				Map.of("id", "s2", "text", "Vielen Dank für die schnelle Antwort zu den Öffnungszeiten am Sonntag."))));
		var starting = api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/authenticity/comments/score"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.header("Accept-Language", "de-DE,de;q=0.9").POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(starting.status()).isEqualTo(200);
		JsonNode started = starting.json().get("items");
		assertThat(started.get(0).get("verdict").asString()).isEqualTo("spam");
		assertThat(codes(started.get(0))).containsExactly("like-known-spam");
		assertThat(started.get(0).get("reasons").get(0).get("text").asString()).contains("Startfilter");
		assertThat(started.get(1).get("verdict").asString()).isEqualTo("ham");
	}

	@Test
	void theTeamsDecisionsSendTheNextSimilarCommentToSpam() {
		String next = "Great article! Replica watches and cheap handbags, best prices at watchdeals today";
		var before = api.post("/api/v1/authenticity/comments/score", Map.of("comments", List.of(Map.of("id", "n", "text", next))));
		assertThat(before.json().get("items").get(0).get("verdict").asString()).isEqualTo("ham");

		List<Map<String, Object>> judged = new ArrayList<>();
		String[] goods = { "watches", "handbags", "sunglasses", "sneakers", "perfume" };
		for (int i = 0; i < 5; i++) {
			judged.add(Map.of("id", "s" + i, "label", "spam", "text",
					"Nice post! Replica " + goods[i] + " and cheap " + goods[(i + 1) % 5] + ", best prices at watchdeals"));
			judged.add(Map.of("id", "h" + i, "label", "ham", "text",
					"Thank you for the article about volunteering " + i + ", we will join the next meeting in the community centre"));
		}
		var taught = api.post("/api/v1/authenticity/comments/labels", Map.of("comments", judged));
		assertThat(taught.status()).isEqualTo(200);
		assertThat(taught.json().get("trained").asInt()).isEqualTo(10);

		var after = api.post("/api/v1/authenticity/comments/score", Map.of("comments", List.of(
				Map.of("id", "n", "text", next),
				Map.of("id", "m", "text", "Thank you for the article, we will join the next meeting"),
				Map.of("id", "d", "text", "Danke!"))));
		JsonNode items = after.json().get("items");
		assertThat(items.get(0).get("verdict").asString()).isEqualTo("spam");
		assertThat(codes(items.get(0))).contains("team-spam-words");
		assertThat(items.get(1).get("verdict").asString()).isEqualTo("ham");
		assertThat(items.get(2).get("verdict").asString()).isEqualTo("ham");

		// a filter stored in an older format (before the features last changed) is trained again from the judgements
		assertThat(jdbc.sql("""
				update authenticity_models set model = set_byte(model, 3, 1), version = version + 1
				where workspace_id = ? and kind = 'comments'""").param(workspace.id()).update()).isOne();
		var again = api.post("/api/v1/authenticity/comments/score", Map.of("comments", List.of(Map.of("id", "n", "text", next))));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("items").get(0).get("verdict").asString()).isEqualTo("spam");
		assertThat(again.json().get("items").get(0).get("spam").asDouble())
			.isEqualTo(items.get(0).get("spam").asDouble());
	}

	@Test
	void refusesBadCommentsNamingTheFieldAndLearnsNothing() {
		refused("/api/v1/authenticity/comments/score", "comments", List.of(Map.of("id", "c1", "text", "  ")), "comments[0].text");
		refused("/api/v1/authenticity/comments/score", "comments",
				List.of(Map.of("id", "c1", "text", "fine"), Map.of("id", "c2", "text", "x".repeat(1_000_000))), "comments[1].text");
		refused("/api/v1/authenticity/comments/score", "comments", List.of(Map.of("text", "no id")), "comments[0].id");
		refused("/api/v1/authenticity/comments/labels", "comments", List.of(Map.of("id", "c1", "text", "spam?", "label", "spam"),
				Map.of("id", "c2", "text", "maybe", "label", "maybe")), "comments[1].label");
		assertThat(api.post("/api/v1/authenticity/comments/score", Map.of()).json().get("field").asString()).isEqualTo("comments");
		assertThat(jdbc.sql("select count(*) from authenticity_judgements where workspace_id = ? and kind = 'comments'").param(workspace.id())
			.query(Long.class).single()).isZero();
	}

	private void refused(String path, String key, List<?> items, String field) {
		var answer = api.post(path, Map.of(key, items));
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.json().get("field").asString()).isEqualTo(field);
		assertThat(answer.json().get("detail").asString()).contains(field);
	}

	private static List<String> texts(JsonNode item) {
		List<String> texts = new ArrayList<>();
		item.get("reasons").forEach(r -> texts.add(r.get("text").asString()));
		return texts;
	}

	private static List<String> codes(JsonNode item) {
		List<String> codes = new ArrayList<>();
		item.get("reasons").forEach(r -> codes.add(r.get("code").asString()));
		return codes;
	}
}
