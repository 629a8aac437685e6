package org.rapport.channels.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The Bluesky connector against Bluesky's own servers run locally ({@link BlueskyNetwork}): the organisation's
 * account connected with an app password (one login, the session kept), a reply to its post and a mention arriving
 * in the inbox once however often it is read, the answer written in Rapport appearing in the thread on the network
 * as a reply to the right post, and a wrong app password refused with the field named.
 */
class BlueskyNetworkIntegrationTests extends IntegrationTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	org.rapport.channels.ChannelPosts posts;

	@Autowired
	org.rapport.channels.Channels channels;

	BlueskyNetwork network;

	@BeforeEach
	void theNetwork() {
		network = BlueskyNetwork.startIn(dataSource);
	}

	private String connect(String key) {
		var org = network.accounts.get("verein");
		var created = api.post("/api/v1/channels", Map.of("key", key, "kind", "bluesky", "name", "Verein auf Bluesky",
				"config", Map.of("service", network.pds, "handle", "@" + org.handle(), "appPassword", org.appPassword())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain(org.appPassword());
		return created.json().get("id").asString();
	}

	private JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	private JsonNode conversationWith(String contactName) {
		JsonNode all = api.get("/api/v1/conversations").json().get("items");
		for (JsonNode conversation : all) {
			if (conversation.get("contact").get("name").asString().equals(contactName)) {
				return conversation;
			}
		}
		throw new AssertionError("No conversation with " + contactName + " in " + all);
	}

	/** The at-uri a reply got on the network, once it has left (within 30 s). */
	private String postedUri(String reply, String did) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
				"select coalesce(external_id, '') from messages where id = ?::uuid").param(reply).query(String.class).single())
			.startsWith("at://" + did + "/app.bsky.feed.post/"));
		return jdbc.sql("select external_id from messages where id = ?::uuid").param(reply).query(String.class).single();
	}

	private int messageCount() {
		return jdbc.sql("select count(*) from messages where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single();
	}

	@Test
	void aReplyToTheOrganisationsPostArrivesAndTheAnswerAppearsInTheThread() {
		var verein = network.new Person("verein");
		var alice = network.new Person("alice");
		var bob = network.new Person("bob");
		JsonNode post = verein.post("Sommerfest am Samstag ab 14 Uhr – wer backt mit?", null, null);
		network.process();

		String channel = connect("bluesky");
		var org = network.accounts.get("verein");
		var session = jdbc.sql("select logged_in_at::text || access_jwt from bluesky_sessions where identifier = ?")
			.param(org.handle()).query(String.class).single();
		assertThat(jdbc.sql("select config::text from channels where id = ?").param(UUID.fromString(channel))
			.query(String.class).single()).doesNotContain(org.appPassword()).contains("enc:v1:");

		JsonNode aliceReply = alice.post("Ich bringe einen Käsekuchen mit 🍰", post, null);
		network.process();
		String mentionText = "Frage an @" + org.handle() + " 👋 gibt es Parkplätze?";
		int start = mentionText.indexOf('@');
		int byteStart = mentionText.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
		int byteEnd = byteStart + ("@" + org.handle()).getBytes(StandardCharsets.UTF_8).length;
		bob.post(mentionText, null, List.of(Map.of("index", Map.of("byteStart", byteStart, "byteEnd", byteEnd),
				"features", List.of(Map.of("$type", "app.bsky.richtext.facet#mention", "did", org.did())))));
		JsonNode quote = alice.quote("Unbedingt hingehen!", post);
		network.process();

		JsonNode synced = sync(channel);
		assertThat(synced.get("health").get("connected").asBoolean()).as(synced.toString()).isTrue();
		assertThat(messageCount()).as("the reply, the mention and the quote").isEqualTo(3);
		assertThat(jdbc.sql("select body_text from messages where workspace_id = ? and external_id = ?")
			.params(workspace.id(), aliceReply.get("uri").asString()).query(String.class).single()).isEqualTo("Ich bringe einen Käsekuchen mit 🍰");
		assertThat(conversationWith("Bob")).as("the mention, in a conversation with Bob").isNotNull();
		assertThat(jdbc.sql("select body_text from messages where workspace_id = ? and subject like '@bob.test:%'")
			.param(workspace.id()).query(String.class).single()).isEqualTo(mentionText);
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:bluesky'")
			.param(workspace.id()).query(String.class).list()).as("senders are known by their DIDs")
			.contains(network.accounts.get("alice").did(), network.accounts.get("bob").did());
		JsonNode bobsProfile = api.get("/api/v1/contacts/" + conversationWith("Bob").get("contact").get("id").asString())
			.json().get("identities").get(0).get("profile");
		assertThat(bobsProfile.get("handle").asString()).as("the profile the network shows").isEqualTo("@bob.test");
		assertThat(bobsProfile.get("url").asString()).isEqualTo("https://bsky.app/profile/bob.test");
		assertThat(bobsProfile.get("posts").asLong()).as("the counts of the detailed profile view, which the "
				+ "notification's view of its author does not carry").isPositive();
		assertThat(bobsProfile.get("followers").isNumber()).isTrue();
		assertThat(jdbc.sql("select external_id from messages where workspace_id = ?").param(workspace.id())
			.query(String.class).list()).contains(aliceReply.get("uri").asString());

		sync(channel);
		assertThat(messageCount()).as("read again, nothing is stored twice").isEqualTo(3);
		assertThat(jdbc.sql("select count(distinct conversation_id) from messages where workspace_id = ? and external_id in (?, ?)")
			.params(workspace.id(), aliceReply.get("uri").asString(), quote.get("uri").asString()).query(Integer.class).single())
			.as("a quote is a post of its own, not part of the thread it quotes").isEqualTo(2);
		assertThat(jdbc.sql("select logged_in_at::text || access_jwt from bluesky_sessions where identifier = ?")
			.param(org.handle()).query(String.class).single()).as("no second login").isEqualTo(session);

		// other tests' workspaces may follow the same account on the shared network: this workspace's copy
		String aliceConversation = jdbc.sql("select conversation_id::text from messages where workspace_id = ? and external_id = ?")
			.params(workspace.id(), aliceReply.get("uri").asString()).query(String.class).single();
		String answer = "Danke, Alice! 🎉 Alles unter https://example.org/fest #sommerfest";
		String reply = api.post("/api/v1/conversations/" + aliceConversation + "/messages",
				Map.of("body", answer, "kind", "reply")).json().get("id").asString();
		String answerUri = postedUri(reply, org.did());

		network.process();
		JsonNode[] underAlice = new JsonNode[1];
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			underAlice[0] = null;
			for (JsonNode r : alice.thread(post.get("uri").asString()).get("thread").get("replies")) {
				if (r.path("post").path("uri").asString().equals(aliceReply.get("uri").asString())) {
					underAlice[0] = r;
				}
			}
			assertThat(underAlice[0]).as("Alice's reply in the thread").isNotNull();
			assertThat(BlueskyNetwork.uris(underAlice[0].get("replies"))).as("the answer under Alice's reply")
				.contains(answerUri);
		});
		JsonNode answered = underAlice[0].get("replies").get(0).get("post").get("record");
		assertThat(answered.get("text").asString()).isEqualTo(answer);
		assertThat(answered.get("reply").get("parent").get("uri").asString()).isEqualTo(aliceReply.get("uri").asString());
		assertThat(answered.get("reply").get("root").get("uri").asString()).isEqualTo(post.get("uri").asString());
		assertThat(answered.get("reply").get("root").get("cid").asString()).isEqualTo(post.get("cid").asString());
		JsonNode link = answered.get("facets").get(0);
		byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
		assertThat(new String(bytes, link.get("index").get("byteStart").asInt(),
				link.get("index").get("byteEnd").asInt() - link.get("index").get("byteStart").asInt(), StandardCharsets.UTF_8))
			.as("facets count UTF-8 bytes").isEqualTo("https://example.org/fest");
		assertThat(answered.get("facets").get(1).get("features").get(0).get("tag").asString()).isEqualTo("sommerfest");
	}

	@Test
	void theAccountsOwnPostsAreReadAndTheOneSomeoneAnsweredStartedAConversation() {
		var school = network.join("schule" + UUID.randomUUID().toString().substring(0, 8));
		var alice = network.new Person("alice");
		JsonNode answered = school.post("Elternabend am Dienstag um 19 Uhr in der Aula.", null, null);
		network.process();
		school.post("Nachtrag: Bitte den Eingang an der Parkstraße nehmen.", answered, null);
		school.post("Die Schulbibliothek hat jetzt auch samstags geöffnet.", null, null);
		alice.post("Gibt es eine Kinderbetreuung während des Abends?", answered, null);
		network.process();
		var created = api.post("/api/v1/channels", Map.of("key", "schule", "kind", "bluesky", "name", "Schule auf Bluesky",
				"config", Map.of("service", network.pds, "handle", "@" + school.account.handle(), "appPassword",
						school.account.password())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String channel = created.json().get("id").asString();

		sync(channel);
		assertThat(posts.read(channels.find(UUID.fromString(channel)).orElseThrow()))
			.as("read again on schedule: the last week's posts again, for their counts").isEqualTo(2);

		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
		JsonNode personal = api.get("/api/v1/insights/metrics?from=" + today.minusDays(1) + "&to=" + today.plusDays(1)
				+ "&channel=" + channel).json().get("personal");
		assertThat(personal.get("networkPostsPublished").asLong())
			.as("two posts; the one continuing the school's own thread is not a post of its own").isEqualTo(2);
		assertThat(personal.get("networkPostsStartedDialogue").asLong()).as("Alice answered the first").isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from channel_posts where channel_id = ?::uuid").param(channel)
			.query(Integer.class).single()).as("each post once, read twice").isEqualTo(2);
	}

	@Test
	void aWrongAppPasswordIsRefusedNamingTheField() {
		var org = network.accounts.get("bob");
		var refused = api.post("/api/v1/channels", Map.of("key", "bluesky", "kind", "bluesky",
				"config", Map.of("service", network.pds, "handle", org.handle(), "appPassword", "aaaa-bbbb-cccc-dddd")));
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("config.appPassword");
		assertThat(refused.json().get("detail").asString()).contains("did not accept the handle and app password")
			.doesNotContain("aaaa-bbbb");
	}

	@Test
	void anAuditOfTheAccountsFollowersReadsTheirProfilesAndFindsThePlantedBoughtOnes() {
		String tag = new java.util.Random().ints(5, 'a', 'z' + 1)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		var org = network.join("org" + tag);
		org.profile("Verein " + tag, "Ein Verein für Nachbarschaftshilfe in Köln.", true);
		var alice = network.new Person("alice");
		var bob = network.new Person("bob");
		for (int i = 0; i < 3; i++) {
			var person = network.join("echt" + i + tag);
			person.profile("Echt " + i, "Lehrerin, liest gern, engagiert sich im Viertel. Nummer " + i, true);
			person.posts(60);
			person.follow(org.account.did());
			alice.follow(person.account.did());
			bob.follow(person.account.did());
			org.follow(person.account.did());
		}
		for (int i = 0; i < 4; i++) {
			var bought = network.join("kauf" + i + tag);
			bought.follow(org.account.did());
			bought.follow(alice.account.did());
			bought.follow(bob.account.did());
			bought.follow(network.accounts.get("verein").did());
		}
		network.process();
		var created = api.post("/api/v1/channels", Map.of("key", "bluesky-" + tag, "kind", "bluesky", "name", "Verein " + tag,
				"config", Map.of("service", network.pds, "handle", org.account.handle(), "appPassword", org.account.password())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String channel = created.json().get("id").asString();

		var started = api.post("/api/v1/channels/" + channel + "/audits", Map.of());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String id = started.json().get("id").asString();
		await().atMost(Duration.ofSeconds(60)).until(() -> !List.of("queued", "running")
			.contains(api.get("/api/v1/audits/" + id).json().get("status").asString()));
		JsonNode audit = api.get("/api/v1/audits/" + id).json();
		assertThat(audit.get("status").asString()).as(audit.toString()).isEqualTo("done");
		assertThat(audit.get("followers").asInt()).isEqualTo(7);
		assertThat(audit.get("progress").get("total").asInt()).as("followersCount of the account's profile").isEqualTo(7);
		for (JsonNode item : audit.get("items")) {
			String handle = item.get("handle").asString();
			JsonNode profile = item.get("profile");
			assertThat(profile.get("network").asString()).isEqualTo("bluesky");
			if (handle.startsWith("@kauf")) {
				assertThat(item.get("verdict").asString()).as(item.toString()).isEqualTo("bought");
				assertThat(profile.get("posts").asInt()).isZero();
				assertThat(profile.get("following").asInt()).isEqualTo(4);
				assertThat(profile.get("defaultAvatar").asBoolean()).isTrue();
			}
			else {
				assertThat(handle).startsWith("@echt");
				assertThat(item.get("verdict").asString()).as(item.toString()).isEqualTo("genuine");
				assertThat(profile.get("posts").asInt()).isEqualTo(60);
				assertThat(profile.get("followers").asInt()).isEqualTo(3);
				assertThat(profile.get("hasBanner").asBoolean()).isTrue();
				assertThat(profile.get("defaultAvatar").asBoolean()).isFalse();
				assertThat(profile.get("bio").asString()).startsWith("Lehrerin");
			}
		}
		assertThat(audit.get("bought").asInt()).isEqualTo(4);
	}

	@Test
	void aMonitorsTermIsFoundBySearchRecommendedWithARepostAndAnsweredInItsThread() {
		String word = "Laternenfest" + java.util.UUID.randomUUID().toString().substring(0, 6);
		var alice = network.new Person("alice");
		var bob = network.new Person("bob");
		JsonNode found = alice.post("Wer kommt zum " + word + " am Freitag? 🏮", null, null);
		bob.post("Heute nur Regen.", null, null);
		network.process();
		connect("bluesky");
		var monitor = api.post("/api/v1/listening/monitors", Map.of("name", "Fest", "any", List.of(word)));
		assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);

		var read = api.post("/api/v1/listening/read", Map.of());
		assertThat(read.json().get("heard").asInt()).as(read.body()).isEqualTo(1);
		JsonNode hit = api.get("/api/v1/listening/hits?monitor=" + monitor.json().get("id").asString()).json().get("items").get(0);
		assertThat(hit.get("author").asString()).isEqualTo("@" + network.accounts.get("alice").handle());
		assertThat(hit.get("text").asString()).contains(word, "🏮");
		assertThat(api.post("/api/v1/listening/read", Map.of()).json().get("heard").asInt()).as("read again").isZero();

		var shared = api.post("/api/v1/listening/hits/" + hit.get("id").asString() + "/share", Map.of());
		assertThat(shared.status()).as(shared.body()).isEqualTo(200);
		assertThat(api.post("/api/v1/listening/hits/" + hit.get("id").asString() + "/share", Map.of()).status()).isEqualTo(200);
		network.process();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
				alice.thread(found.get("uri").asString()).get("thread").get("post").get("repostCount").asInt())
			.as("reposted once").isEqualTo(1));

		var answered = api.post("/api/v1/listening/hits/" + hit.get("id").asString() + "/answer", Map.of());
		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
		String reply = api.post("/api/v1/conversations/" + answered.json().get("conversationId").asString() + "/messages",
				Map.of("body", "Wir sind dabei!", "kind", "reply")).json().get("id").asString();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
				"select coalesce(external_id, '') from messages where id = ?::uuid").param(reply).query(String.class).single())
			.startsWith("at://" + network.accounts.get("verein").did() + "/app.bsky.feed.post/"));
		network.process();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
				alice.thread(found.get("uri").asString()).get("thread").get("replies")).as("the answer under Alice's post")
			.anySatisfy(r -> assertThat(r.path("post").path("record").path("text").asString()).isEqualTo("Wir sind dabei!")));
	}

	@Test
	void aHitIsQuotedInTheTeamsOwnWordsAndTheQuoteEmbedsThePost() {
		String word = "Stadtputz" + java.util.UUID.randomUUID().toString().substring(0, 6);
		var alice = network.new Person("alice");
		JsonNode found = alice.post("Samstag ist " + word + ", wer hilft mit?", null, null);
		network.process();
		connect("bluesky");
		var monitor = api.post("/api/v1/listening/monitors", Map.of("name", "Putz", "any", List.of(word)));
		assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
		assertThat(api.post("/api/v1/listening/read", Map.of()).json().get("heard").asInt()).isEqualTo(1);
		JsonNode hit = api.get("/api/v1/listening/hits?monitor=" + monitor.json().get("id").asString()).json().get("items").get(0);
		assertThat(hit.get("canQuote").asBoolean()).isTrue();
		String id = hit.get("id").asString();

		var tooLong = api.post("/api/v1/listening/hits/" + id + "/quote", Map.of("text", "x".repeat(301)));
		assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
		assertThat(tooLong.json().get("field").asString()).isEqualTo("text");
		assertThat(api.post("/api/v1/listening/hits/" + id + "/quote", Map.of("text", " ")).json().get("field").asString())
			.isEqualTo("text");

		var quoted = api.post("/api/v1/listening/hits/" + id + "/quote", Map.of("text", "Wir sind mit zehn Leuten dabei!"));
		assertThat(quoted.status()).as(quoted.body()).isEqualTo(200);
		assertThat(quoted.json().get("status").asString()).isEqualTo("shared");
		assertThat(api.post("/api/v1/listening/hits/" + id + "/quote", Map.of("text", "Nochmal")).status())
			.as("recommended once").isEqualTo(200);
		network.process();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
				alice.thread(found.get("uri").asString()).get("thread").get("post").get("quoteCount").asInt())
			.as("quoted once").isEqualTo(1));
	}

	/** A PNG of the size given, as ImageIO writes it. */
	static byte[] png(int width, int height) {
		var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < height; y++) {
				image.setRGB(x, y, (x * 8) << 16 | (y * 12) << 8 | 0x40);
			}
		}
		var out = new java.io.ByteArrayOutputStream();
		try {
			javax.imageio.ImageIO.write(image, "png", out);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	@Test
	void anAnswerWithAnImageIsPostedWithTheImageEmbeddedAndAPdfIsRefused() throws Exception {
		var verein = network.new Person("verein");
		var alice = network.new Person("alice");
		JsonNode post = verein.post("Flohmarkt am Sonntag – wer hat einen Stand?", null, null);
		network.process();
		connect("bluesky");
		JsonNode question = alice.post("Wo genau ist der Flohmarkt?", post, null);
		network.process();
		sync(jdbc.sql("select id::text from channels where workspace_id = ? and key = 'bluesky'").param(workspace.id())
			.query(String.class).single());
		String conversation = jdbc.sql("select conversation_id::text from messages where workspace_id = ? and external_id = ?")
			.params(workspace.id(), question.get("uri").asString()).query(String.class).single();
		String messages = "/api/v1/conversations/" + conversation + "/messages";

		var pdf = api.post(messages, Map.of("body", "Hier der Plan.", "attachments", List.of(Map.of("fileName", "plan.pdf",
				"contentType", "application/pdf", "content", java.util.Base64.getEncoder().encodeToString("%PDF-1.4".getBytes())))));
		assertThat(pdf.status()).as(pdf.body()).isEqualTo(400);
		assertThat(pdf.json().get("field").asString()).isEqualTo("attachments");
		assertThat(pdf.json().get("detail").asString()).isEqualTo("'plan.pdf' (application/pdf) cannot go with a reply on "
				+ "this channel; it carries only image/jpeg, image/png, image/webp, image/gif.");

		byte[] map = png(30, 20);
		var written = api.post(messages, Map.of("body", "Auf dem Schulhof, siehe Karte.", "attachments", List.of(Map.of(
				"fileName", "karte.png", "contentType", "image/png", "content", java.util.Base64.getEncoder().encodeToString(map)))));
		assertThat(written.status()).as(written.body()).isEqualTo(201);
		String reply = written.json().get("id").asString();
		var org = network.accounts.get("verein");
		String answerUri = postedUri(reply, org.did());

		network.process();
		JsonNode[] answer = new JsonNode[1];
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			answer[0] = alice.thread(answerUri).path("thread").path("post");
			assertThat(answer[0].path("uri").asString()).isEqualTo(answerUri);
		});
		JsonNode record = answer[0].get("record");
		assertThat(record.get("text").asString()).isEqualTo("Auf dem Schulhof, siehe Karte.");
		assertThat(record.get("reply").get("parent").get("uri").asString()).isEqualTo(question.get("uri").asString());
		JsonNode embed = record.get("embed");
		assertThat(embed.get("$type").asString()).isEqualTo("app.bsky.embed.images");
		assertThat(embed.get("images")).hasSize(1);
		JsonNode image = embed.get("images").get(0);
		assertThat(image.get("alt").asString()).isEmpty();
		assertThat(image.get("aspectRatio").get("width").asInt()).isEqualTo(30);
		assertThat(image.get("aspectRatio").get("height").asInt()).isEqualTo(20);
		assertThat(image.get("image").get("$type").asString()).isEqualTo("blob");
		assertThat(image.get("image").get("mimeType").asString()).isEqualTo("image/png");
		assertThat(image.get("image").get("size").asInt()).isEqualTo(map.length);
		assertThat(answer[0].get("embed").get("$type").asString()).as("the AppView shows the image")
			.isEqualTo("app.bsky.embed.images#view");

		String cid = image.get("image").get("ref").get("$link").asString();
		var blob = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
				network.pds + "/xrpc/com.atproto.sync.getBlob?did=" + org.did() + "&cid=" + cid)).build(),
				java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(blob.statusCode()).isEqualTo(200);
		assertThat(blob.body()).as("the blob the post names is the image sent").isEqualTo(map);
	}
}
