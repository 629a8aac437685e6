package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Coordinated comments: a template sent with small changes by four people through the message API forms one group,
 * shown side by side; one person writing the same twice, short thank-yous and unrelated messages do not; the same
 * for comments a user supplies; a burst of praise under one post is found while regulars praise another post of the
 * channel, and so is applause spread thin over four posts at once; and bad input is refused naming the field.
 */
class CoordinatedCommentsIntegrationTests extends IntegrationTest {

	@Autowired
	Ingestion ingestion;

	@Autowired
	Channels channels;

	static final String[] TEMPLATE = {
			"Ich bin so begeistert von eurem neuen Programm, absolut empfehlenswert für alle Familien in der Stadt!",
			"Ich bin total begeistert von eurem neuen Programm, absolut empfehlenswert für alle Familien in der Stadt!!",
			"Bin so begeistert von eurem neuen Programm – absolut empfehlenswert für alle Familien in unserer Stadt 😍",
			"Ich bin so begeistert von eurem neuen Programm, wirklich empfehlenswert für alle Familien in der Stadt." };

	/** Each message twenty minutes after the one before: apart enough that no burst of praise forms. */
	private Instant next = Instant.now().minus(Duration.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);

	private void send(String handle, String thread, String body) {
		next = next.plus(Duration.ofMinutes(20));
		send(handle, "Person " + handle, thread, body, next);
	}

	private void send(String handle, String name, String thread, String body, Instant at) {
		Map<String, Object> message = new HashMap<>(Map.of("channel", "api", "externalId", UUID.randomUUID().toString(),
				"threadKey", thread, "from", Map.of("handle", handle, "name", name), "body", body, "sentAt", at.toString()));
		var sent = api.post("/api/v1/messages", Map.of("messages", List.of(message)));
		assertThat(sent.status()).as(sent.body()).isEqualTo(201);
	}

	/** The conversations of the whole list (all statuses), by their contact's name, with their coordinated group. */
	private Map<String, String> marks(String query) {
		Map<String, String> marks = new HashMap<>();
		var listed = api.get("/api/v1/conversations?limit=100" + query);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		listed.json().get("items").forEach(i -> marks.put(
				i.get("contact").get("name").asString(), i.get("coordinatedGroup").isNull() ? null : i.get("coordinatedGroup").asString()));
		return marks;
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
		assertThat(group.get("kind").asString()).isEqualTo("near-duplicates");
		assertThat(group.get("reason").asString()).startsWith("Near-duplicate texts: 5 messages from 4 different people");
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
		String key = group.get("key").asString();
		assertThat(page.body()).contains("id=\"group-" + key + "\"").contains("Fast gleiche Texte");

		// the inbox marks the conversations of the group, and only those, and filters by the mark
		Map<String, String> marks = marks("");
		assertThat(marks).as("one person's two conversations are one name").hasSize(11);
		Map<String, String> marked = new HashMap<>();
		marks.forEach((name, g) -> {
			if (g != null) {
				marked.put(name, g);
			}
		});
		assertThat(marked).as(marks.toString()).containsOnlyKeys("Person fan0@example.org", "Person fan1@example.org",
				"Person fan2@example.org", "Person fan3@example.org").allSatisfy((name, g) -> assertThat(g).isEqualTo(key));
		assertThat(marks("&coordinated=true")).containsOnlyKeys(marked.keySet());
		UiSession.Page list = ui.get("/inbox?status=all");
		assertThat(list.body().split("class=\"chip coordinated\"", -1)).hasSize(5 + 1);
		assertThat(list.body()).contains(">koordiniert</span>");
		UiSession.Page filtered = ui.get("/inbox?status=all&coordinated=true");
		assertThat(filtered.body()).contains("Person fan1@example.org").doesNotContain("Person solo1@example.org")
			.contains("<option value=\"true\" selected=\"selected\"");
		String fan = group.get("items").get(1).get("conversationId").asString();
		UiSession.Page open = ui.get("/inbox/" + fan);
		assertThat(open.body()).contains("id=\"coordinated-notice\"")
			.contains("/authenticity/coordinated?days=30#group-" + key);
		String solo = api.get("/api/v1/conversations?limit=100").json().get("items").valueStream()
			.filter(i -> i.get("contact").get("name").asString().equals("Person solo1@example.org")).findFirst().orElseThrow()
			.get("id").asString();
		assertThat(ui.get("/inbox/" + solo).body()).doesNotContain("id=\"coordinated-notice\"");
	}

	@Test
	void aMessageThatNamesNoSenderIsShownUnderItsContactsName() throws Exception {
		for (int i = 0; i < 3; i++) {
			var created = api.post("/api/v1/contacts", Map.of("name", "Elternteil " + i, "identities",
					List.of(Map.of("kind", "email", "value", "eltern" + i + "@example.org"))));
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			next = next.plus(Duration.ofMinutes(20));
			Map<String, Object> message = Map.of("channel", "api", "externalId", UUID.randomUUID().toString(), "threadKey",
					"eltern" + i, "from", Map.of("handle", "eltern" + i + "@example.org"), "body", TEMPLATE[i], "sentAt",
					next.toString());
			var sent = api.post("/api/v1/messages", Map.of("messages", List.of(message)));
			assertThat(sent.status()).as(sent.body()).isEqualTo(201);
		}
		JsonNode groups = api.get("/api/v1/authenticity/coordinated").json().get("groups");
		assertThat(groups).as(groups.toString()).hasSize(1);
		List<String> authors = new ArrayList<>();
		groups.get(0).get("items").forEach(i -> authors.add(i.get("author").asString()));
		assertThat(authors).containsExactlyInAnyOrder("Elternteil 0", "Elternteil 1", "Elternteil 2");
		assertThat(new UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/authenticity/coordinated").body())
			.contains("<strong>Elternteil 1</strong>");
	}

	/** Regulars of the channel: each asked a question days ago and praises today. */
	private static final String[] REGULARS = { "Maria Schulz", "Jonas Becker", "Aylin Kaya" };

	private static final String[] QUESTIONS = { "Wann ist der nächste Termin für das Treffen?",
			"Gibt es noch Plätze im Kurs am Dienstag?", "Kann ich meine Tochter zum Ferienprogramm anmelden?" };

	@Test
	void aBurstOfPraiseFromNewLookAlikeAccountsIsAGroupAndOrdinaryPraiseIsNot() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// three regulars who wrote days ago praise today, an hour apart from each other
		for (int i = 0; i < REGULARS.length; i++) {
			String handle = REGULARS[i].toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org";
			send(handle, REGULARS[i], "regular" + i, QUESTIONS[i], now.minus(Duration.ofDays(5)));
			send(handle, REGULARS[i], "regular" + i, "Danke, ihr seid großartig!", now.minus(Duration.ofHours(3 - i)));
		}
		// six new accounts with look-alike handles praise within ten minutes, each in other words
		String[] praise = { "Super, ihr seid großartig! 😍", "Toll gemacht, wirklich super!", "Einfach wunderbar, danke!",
				"Großartige Arbeit, weiter so!", "Wunderbar, ich bin begeistert!", "Klasse, einfach super!" };
		for (int i = 0; i < praise.length; i++) {
			send("sunny_fan" + (11 * (i + 1)) + "@example.org", "Sunny Fan " + (11 * (i + 1)), "burst" + i, praise[i],
					now.minus(Duration.ofMinutes(40 - 2 * i)));
		}

		JsonNode groups = api.get("/api/v1/authenticity/coordinated?days=7").json().get("groups");
		assertThat(groups).as(groups.toString()).hasSize(1);
		JsonNode burst = groups.get(0);
		assertThat(burst.get("kind").asString()).isEqualTo("praise-burst");
		assertThat(burst.get("authors").asInt()).isEqualTo(6);
		assertThat(burst.get("newAuthors").asInt()).isEqualTo(6);
		assertThat(burst.get("lookAlikeAuthors").asInt()).isEqualTo(6);
		assertThat(burst.get("reason").asString()).startsWith("Burst of praise from new or look-alike accounts: 6 positive"
				+ " messages on one channel within 10 minutes from 6 different people");
		assertThat(burst.get("items")).hasSize(6);
		burst.get("items").forEach(i -> assertThat(i.get("author").asString()).startsWith("Sunny Fan"));
		assertThat(burst.get("items").get(0).get("newAccount").asBoolean()).isTrue();

		Map<String, String> marks = marks("&coordinated=true");
		assertThat(marks.keySet()).hasSize(6).allMatch(name -> name.startsWith("Sunny Fan"));
		assertThat(marks.values()).containsOnly(burst.get("key").asString());

		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String body = ui.get("/authenticity/coordinated?days=7").body();
		assertThat(body).contains("Lob-Welle aus neuen oder ähnlich benannten Konten").contains("6 Menschen loben innerhalb von 10 Minuten")
			.contains("neues Konto").contains("ähnlicher Name");
	}

	/** A comment under a post of the channel's account (or, post null, a message on no post), as a connector gives it. */
	private void comment(String post, String thread, String email, String name, String body, Instant at) {
		InboundMessage m = new InboundMessage(UUID.randomUUID().toString(), thread, List.of(),
				new IdentityClaim(IdentityKind.EMAIL, email, name), null, null, body, false, at, "in", "message", null,
				List.of(), Map.of()).onPost(post);
		assertThat(ingestion.ingest(channels.byKey(workspace.id(), "api").orElseThrow(), List.of(m)).accepted()).isEqualTo(1);
	}

	@Test
	void aBurstUnderOnePostIsAGroupWhileRegularsPraiseAnotherPostOfTheChannel() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		// three regulars who wrote days ago praise the channel's photo in the same minutes: on the channel as a whole,
		// a third of the praise, enough to hide the burst below
		for (int i = 0; i < REGULARS.length; i++) {
			String email = REGULARS[i].toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org";
			comment(null, "regular" + i, email, REGULARS[i], QUESTIONS[i], now.minus(Duration.ofDays(5)));
			comment("photo-2", "photo-2/" + i, email, REGULARS[i], "Danke, ihr seid großartig!",
					now.minus(Duration.ofMinutes(39 - 4 * i)));
		}
		// six new accounts with look-alike handles praise the channel's video within ten minutes
		String[] praise = { "Super, ihr seid großartig! 😍", "Toll gemacht, wirklich super!", "Einfach wunderbar, danke!",
				"Großartige Arbeit, weiter so!", "Wunderbar, ich bin begeistert!", "Klasse, einfach super!" };
		for (int i = 0; i < praise.length; i++) {
			comment("video-1", "video-1/" + i, "sunny_fan" + (11 * (i + 1)) + "@example.org", "Sunny Fan " + (11 * (i + 1)),
					praise[i], now.minus(Duration.ofMinutes(40 - 2 * i)));
		}

		JsonNode groups = api.get("/api/v1/authenticity/coordinated?days=7").json().get("groups");
		assertThat(groups).as(groups.toString()).hasSize(1);
		JsonNode burst = groups.get(0);
		assertThat(burst.get("kind").asString()).isEqualTo("praise-burst");
		assertThat(burst.get("post").asString()).isEqualTo("video-1");
		assertThat(burst.get("authors").asInt()).isEqualTo(6);
		assertThat(burst.get("reason").asString()).startsWith("Burst of praise from new or look-alike accounts: 6 positive"
				+ " messages under one post within 10 minutes from 6 different people");
		assertThat(burst.get("items")).hasSize(6);
		burst.get("items").forEach(i -> assertThat(i.get("author").asString()).startsWith("Sunny Fan"));

		Map<String, String> marks = marks("&coordinated=true");
		assertThat(marks.keySet()).hasSize(6).allMatch(name -> name.startsWith("Sunny Fan"));
		assertThat(marks.values()).containsOnly(burst.get("key").asString());

		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String body = ui.get("/authenticity/coordinated?days=7").body();
		assertThat(body).contains("Lob-Welle aus neuen oder ähnlich benannten Konten")
			.contains("6 positive Nachrichten unter einem Beitrag innerhalb von 10 Minuten");
	}

	@Test
	void applauseSpreadThinOverFourPostsIsOneGroupWhileRegularsPraiseAnotherPost() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		for (int i = 0; i < REGULARS.length; i++) {
			String email = REGULARS[i].toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org";
			comment(null, "regular" + i, email, REGULARS[i], QUESTIONS[i], now.minus(Duration.ofDays(5)));
			comment("story-5", "story-5/" + i, email, REGULARS[i], "Danke, ihr seid großartig!",
					now.minus(Duration.ofMinutes(38 - 4 * i)));
		}
		// eight new accounts praise four posts within fourteen minutes: two under each, too few for a burst under one
		String[] people = { "Lena Hofmann", "Tarek Aziz", "Mia Wolf", "Paul Krüger", "Ida Sommer", "Ole Brandt", "Eva Roth",
				"Jan Vogel" };
		String[] posts = { "photo-2", "video-1", "reel-3", "post-4" };
		String[] praise = { "Super, ihr seid großartig! 😍", "Toll gemacht, wirklich super!", "Einfach wunderbar, danke!",
				"Großartige Arbeit, weiter so!", "Wunderbar, ich bin begeistert!", "Klasse, einfach super!",
				"Ganz toll, danke euch!", "Einfach spitze, großartig!" };
		for (int i = 0; i < people.length; i++) {
			String post = posts[i % posts.length];
			comment(post, post + "/" + i, "fan" + i + "@example.net", people[i], praise[i],
					now.minus(Duration.ofMinutes(40 - 2 * i)));
		}

		JsonNode groups = api.get("/api/v1/authenticity/coordinated?days=7").json().get("groups");
		assertThat(groups).as(groups.toString()).hasSize(1);
		JsonNode burst = groups.get(0);
		assertThat(burst.get("kind").asString()).isEqualTo("praise-burst");
		assertThat(burst.get("post").isNull()).isTrue();
		List<String> found = new ArrayList<>();
		burst.get("posts").forEach(p -> found.add(p.asString()));
		assertThat(found).containsExactly(posts);
		assertThat(burst.get("authors").asInt()).isEqualTo(8);
		assertThat(burst.get("reason").asString()).startsWith("Burst of praise from new or look-alike accounts: 8 positive"
				+ " messages spread over 4 posts of one channel within 14 minutes from 8 different people");
		assertThat(marks("&coordinated=true").keySet()).containsExactlyInAnyOrder(people);

		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(ui.get("/authenticity/coordinated?days=7").body())
			.contains("8 positive Nachrichten verteilt auf 4 Beiträge eines Kanals innerhalb von 14 Minuten");
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
