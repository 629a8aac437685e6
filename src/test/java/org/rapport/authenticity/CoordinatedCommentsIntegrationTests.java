package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

import tools.jackson.databind.JsonNode;

/**
 * Coordinated comments: a template sent with small changes by four people through the message API forms one group,
 * shown side by side; one person writing the same twice, short thank-yous and unrelated messages do not; the same
 * for comments a user supplies; and bad input is refused naming the field.
 */
class CoordinatedCommentsIntegrationTests extends IntegrationTest {

	static final String[] TEMPLATE = {
			"Ich bin so begeistert von eurem neuen Programm, absolut empfehlenswert für alle Familien in der Stadt!",
			"Ich bin total begeistert von eurem neuen Programm, absolut empfehlenswert für alle Familien in der Stadt!!",
			"Bin so begeistert von eurem neuen Programm – absolut empfehlenswert für alle Familien in unserer Stadt 😍",
			"Ich bin so begeistert von eurem neuen Programm, wirklich empfehlenswert für alle Familien in der Stadt." };

	private void send(String handle, String thread, String body) {
		Map<String, Object> message = new HashMap<>(Map.of("channel", "api", "externalId", UUID.randomUUID().toString(),
				"threadKey", thread, "from", Map.of("handle", handle, "name", "Person " + handle), "body", body));
		var sent = api.post("/api/v1/messages", Map.of("messages", List.of(message)));
		assertThat(sent.status()).as(sent.body()).isEqualTo(201);
	}

	@Test
	void aTemplateSentByFourPeopleIsOneGroupAndOnePersonRepeatingThemselfIsNot() throws Exception {
		for (int i = 0; i < TEMPLATE.length; i++) {
			send("fan" + i + "@example.org", "fan" + i, TEMPLATE[i]);
		}
		send("fan0@example.org", "fan0-again", TEMPLATE[0]);
		for (int i = 0; i < 3; i++) {
			send("thanks" + i + "@example.org", "thanks" + i, "Danke für die schnelle Antwort!");
		}
		send("solo1@example.org", "solo1", "Wann öffnet die Bibliothek am Samstag, und kann ich dort Bücher zurückgeben?");
		send("solo2@example.org", "solo2", "Die Heizung im Gemeindesaal ist seit Tagen kaputt, bitte kümmert euch darum.");
		send("copy1@example.org", "copy1", "Das Sommerfest war wunderbar organisiert, danke an alle Helferinnen und Helfer!");
		send("copy2@example.org", "copy2", "Das Sommerfest war wunderbar organisiert, danke an alle Helferinnen und Helfer!");

		JsonNode groups = api.get("/api/v1/authenticity/coordinated").json().get("groups");
		assertThat(groups).as(groups.toString()).hasSize(1);
		JsonNode group = groups.get(0);
		assertThat(group.get("authors").asInt()).isEqualTo(4);
		assertThat(group.get("items")).hasSize(5);
		assertThat(group.get("similarity").asDouble()).isGreaterThanOrEqualTo(Coordination.MIN_SIMILARITY);
		List<String> texts = new ArrayList<>();
		group.get("items").forEach(i -> texts.add(i.get("text").asString()));
		assertThat(texts).allMatch(t -> t.contains("begeistert von eurem neuen Programm"));
		assertThat(group.get("items").get(0).get("conversationId").isNull()).isFalse();

		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page page = ui.get("/authenticity/coordinated");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Koordinierte Kommentare").contains("4 Menschen, mindestens")
			.contains("begeistert von eurem neuen Programm");
		assertThat(ui.get("/authenticity").body()).contains("id=\"coordinated-link\"");
	}

	@Test
	void commentsAUserSuppliesAreGroupedByAuthor() {
		List<Map<String, Object>> comments = new ArrayList<>();
		for (int i = 0; i < TEMPLATE.length; i++) {
			comments.add(Map.of("id", "c" + i, "author", "account" + i, "text", TEMPLATE[i],
					"postedAt", Instant.parse("2026-11-0" + (i + 1) + "T10:00:00Z").toString()));
		}
		comments.add(Map.of("id", "same-author", "author", "ACCOUNT0", "text", TEMPLATE[0]));
		comments.add(Map.of("id", "other", "author", "someone", "text", "Völlig andere Meinung zum Thema Verkehr in der Innenstadt heute."));
		JsonNode groups = api.post("/api/v1/authenticity/comments/coordinated", Map.of("comments", comments)).json().get("groups");
		assertThat(groups).hasSize(1);
		assertThat(groups.get(0).get("authors").asInt()).isEqualTo(4);
		List<String> ids = new ArrayList<>();
		groups.get(0).get("items").forEach(i -> ids.add(i.get("id").asString()));
		assertThat(ids).as("the same author's copy is in the group, but counts once").containsExactlyInAnyOrder("c0", "c1",
				"c2", "c3", "same-author");
		assertThat(groups.get(0).get("first").asString()).isEqualTo("2026-11-01T10:00:00Z");

		// two authors only: no group
		assertThat(api.post("/api/v1/authenticity/comments/coordinated", Map.of("comments", comments.subList(0, 2)))
			.json().get("groups")).isEmpty();
	}

	@Test
	void badInputIsRefusedNamingTheField() {
		var tooLong = api.get("/api/v1/authenticity/coordinated?days=365");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("field").asString()).isEqualTo("days");
		assertThat(api.get("/api/v1/authenticity/coordinated?days=zwei").status()).isEqualTo(400);
		List<Map<String, Object>> many = new ArrayList<>();
		for (int i = 0; i < 5_001; i++) {
			many.add(Map.of("id", "c" + i, "text", "Text " + i));
		}
		var refused = api.post("/api/v1/authenticity/comments/coordinated", Map.of("comments", many));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("comments");
		var empty = api.post("/api/v1/authenticity/comments/coordinated", Map.of("comments", List.of(Map.of("id", "x", "text", ""))));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("field").asString()).isEqualTo("comments[0].text");
	}

	@Test
	void theFingerprintSeesATemplateThroughChangedWordsAndPunctuation() {
		int[] a = Fingerprint.of(TEMPLATE[0]);
		int[] b = Fingerprint.of(TEMPLATE[1]);
		int[] unrelated = Fingerprint.of("Die Heizung im Gemeindesaal ist seit Tagen kaputt, bitte kümmert euch darum.");
		assertThat(Fingerprint.similarity(a, b)).isGreaterThan(0.6);
		assertThat(Fingerprint.similarity(a, unrelated)).isLessThan(0.2);
		assertThat(Fingerprint.of("Danke für eure Antwort!")).as("five words: too short to compare").isNull();
		assertThat(Fingerprint.words("Über-Straße, ÄRGER!")).containsExactly("uber", "straße", "arger");
	}
}
