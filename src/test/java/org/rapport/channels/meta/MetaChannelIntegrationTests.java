package org.rapport.channels.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The Facebook and Instagram connectors against a Graph API answering as Meta's documentation shows (WireMock; see
 * {@code src/test/resources/meta/README.md} for the page each answer and delivery follows): the webhook handshake,
 * signed deliveries taken once and threaded per post or per person, unsigned or tampered ones refused without
 * storing anything, answers sent to the right endpoint, and Graph's refusals (an expired token, a rate limit, the
 * 24-hour window, a 5xx, an answer that is no JSON) kept as the channel's health or the reply's failure.
 */
class MetaChannelIntegrationTests extends IntegrationTest {

	static final String VERSION = "/" + MetaGraph.VERSION;
	static final String PAGE = "104857600123456";
	static final String IG = "17841400000000001";
	static final String APP = "730000000000001";
	static final String SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
	static final String TOKEN = "EAAKitaPageTokenForTestsOnly0123456789";
	static final String VERIFY = "sommerfest-2026";
	static final String POST_ID = "104857600123456_987654321012345";
	static final String FIRST_COMMENT = "987654321012345_555000000000001";
	static final String SECOND_COMMENT = "987654321012345_555000000000002";

	@RegisterExtension
	static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	Channels channels;

	@Autowired
	FacebookConnector facebook;

	static String file(String name) {
		try (var in = MetaChannelIntegrationTests.class.getResourceAsStream("/meta/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded answer " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ResponseDefinitionBuilder answer(int status, String name) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(file(name));
	}

	@BeforeEach
	void aGraphApi() {
		System.setProperty("rapport.meta.graph-base", graph.baseUrl());
		System.setProperty("rapport.meta.dialog-base", graph.baseUrl() + "/dialog-host");
		graph.resetAll();
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE)).willReturn(answer(200, "page.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE)).atPriority(1)
			.withQueryParam("fields", equalTo("instagram_business_account")).willReturn(answer(200, "page_instagram.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + POST_ID)).willReturn(answer(200, "post.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/18030000000000001")).willReturn(answer(200, "media.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/debug_token")).willReturn(answer(200, "debug_token.json")));
		for (String list : new String[] { PAGE + "/published_posts", PAGE + "/conversations", IG + "/media" }) {
			graph.stubFor(get(urlPathEqualTo(VERSION + "/" + list)).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json").withBody("{\"data\": []}")));
		}
	}

	@AfterAll
	static void noGraphApi() {
		System.clearProperty("rapport.meta.graph-base");
		System.clearProperty("rapport.meta.dialog-base");
	}

	private String connect(String kind) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("appId", APP);
		config.put("appSecret", SECRET);
		config.put("pageId", PAGE);
		config.put("pageAccessToken", TOKEN);
		config.put("verifyToken", VERIFY);
		if (kind.equals("instagram")) {
			config.put("instagramAccountId", IG);
		}
		var created = api.post("/api/v1/channels", Map.of("key", kind, "kind", kind, "name", "Kita", "config", config));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain(TOKEN).doesNotContain(SECRET);
		return created.json().get("id").asString();
	}

	static String signature(String body, String secret) {
		return "sha256=" + HexFormat.of().formatHex(MetaGraph.hmac(secret, body.getBytes(StandardCharsets.UTF_8)));
	}

	private Api.Response deliver(String channel, String body, String signature) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/hooks/channels/" + channel))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-Hub-Signature-256", signature);
		}
		return new Api(baseUrl(), null).send(request);
	}

	private Api.Response signed(String channel, String file) {
		String body = file(file);
		return deliver(channel, body, signature(body, SECRET));
	}

	private Api.Response handshake(String channel, String verifyToken) {
		String query = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
				+ URLEncoder.encode(verifyToken, StandardCharsets.UTF_8);
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + "/hooks/channels/" + channel + query)).GET());
	}

	private JsonNode conversations(String key) {
		return api.get("/api/v1/conversations?channel=" + key).json().get("items");
	}

	private JsonNode conversationWith(String key, String contactName) {
		for (JsonNode conversation : conversations(key)) {
			if (conversation.get("contact").get("name").asString().equals(contactName)) {
				return conversation;
			}
		}
		throw new AssertionError("No conversation with " + contactName + " in " + conversations(key));
	}

	private JsonNode messages(JsonNode conversation) {
		return api.get("/api/v1/conversations/" + conversation.get("id").asString() + "/messages").json().get("items");
	}

	private String reply(JsonNode conversation, String text) {
		var written = api.post("/api/v1/conversations/" + conversation.get("id").asString() + "/messages",
				Map.of("body", text, "kind", "reply"));
		assertThat(written.status()).as(written.body()).isIn(200, 201);
		return written.json().get("id").asString();
	}

	private JsonNode lastMessage(JsonNode conversation) {
		JsonNode items = messages(conversation);
		return items.get(items.size() - 1);
	}

	@Test
	void theHandshakeEchoesTheChallengeOnlyForTheChannelsVerifyToken() {
		String channel = connect("facebook");
		var ok = handshake(channel, VERIFY);
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("1158201444");
		var wrong = handshake(channel, "sommerfest-2025");
		assertThat(wrong.status()).isEqualTo(403);
		assertThat(wrong.body()).doesNotContain("1158201444");
	}

	@Test
	void theChannelsPageShowsTheHookAddressToEnterAtMeta() throws Exception {
		String channel = connect("facebook");
		var ui = new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/settings/channels/" + channel);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"channel-hook-url\"", "/hooks/channels/" + channel, "Webhook-Adresse",
				"Callback-URL");
	}

	@Test
	void theTokenAndTheIdsAreCheckedWithGraphWhenTheyAreEntered() {
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE)).atPriority(0).withHeader("Authorization", equalTo("Bearer EAAexpired"))
			.willReturn(answer(400, "error_190.json")));
		var expired = api.post("/api/v1/channels", Map.of("key", "facebook", "kind", "facebook", "config", Map.of("appId", APP,
				"appSecret", SECRET, "pageId", PAGE, "pageAccessToken", "EAAexpired", "verifyToken", VERIFY)));
		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.json().get("field").asString()).isEqualTo("config.pageAccessToken");
		assertThat(expired.json().get("detail").asString()).contains("190", "expired").doesNotContain("EAAexpired");

		var notAnId = api.post("/api/v1/channels", Map.of("key", "facebook", "kind", "facebook", "config", Map.of("appId", APP,
				"appSecret", SECRET, "pageId", "kita-sonnenschein", "pageAccessToken", TOKEN, "verifyToken", VERIFY)));
		assertThat(notAnId.status()).isEqualTo(400);
		assertThat(notAnId.json().get("field").asString()).isEqualTo("config.pageId");

		var otherAccount = api.post("/api/v1/channels", Map.of("key", "instagram", "kind", "instagram", "config", Map.of(
				"appId", APP, "appSecret", SECRET, "pageId", PAGE, "pageAccessToken", TOKEN, "verifyToken", VERIFY,
				"instagramAccountId", "17841499999999999")));
		assertThat(otherAccount.status()).isEqualTo(400);
		assertThat(otherAccount.json().get("field").asString()).isEqualTo("config.instagramAccountId");
		assertThat(otherAccount.json().get("detail").asString()).contains(IG);

		String channel = connect("facebook");
		graph.verify(getRequestedFor(urlPathEqualTo(VERSION + "/" + PAGE)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
			.withQueryParam("appsecret_proof", equalTo(MetaGraph.proof(TOKEN, SECRET))));
		assertThat(jdbc.sql("select config::text from channels where id = ?").param(UUID.fromString(channel))
			.query(String.class).single()).doesNotContain(TOKEN).doesNotContain(SECRET).doesNotContain(VERIFY);
	}

	@Test
	void signedCommentsArriveOnceInOneConversationPerPostHeadedByThePost() {
		String channel = connect("facebook");
		String body = file("webhook_feed_comment.json");

		assertThat(deliver(channel, body, null).status()).as("no signature").isEqualTo(401);
		assertThat(deliver(channel, body, signature(body, "another-apps-secret")).status()).as("another secret").isEqualTo(401);
		var tampered = deliver(channel, body.replace("Großeltern", "Haustiere"), signature(body, SECRET));
		assertThat(tampered.status()).as("a changed body").isEqualTo(401);
		assertThat(tampered.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(deliver(channel, body, "sha1=" + signature(body, SECRET).substring(7)).status()).isEqualTo(401);
		assertThat(conversations("facebook")).as("nothing stored from an unsigned delivery").isEmpty();
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("refusedPushes").asInt())
			.as("each refusal counted in the channel's health").isEqualTo(4);

		assertThat(signed(channel, "webhook_feed_comment.json").status()).isEqualTo(200);
		assertThat(signed(channel, "webhook_feed_comment.json").status()).as("Meta delivering again").isEqualTo(200);
		assertThat(signed(channel, "webhook_feed_comments_more.json").status()).isEqualTo(200);

		JsonNode all = conversations("facebook");
		assertThat(all.size()).as("one conversation for the post's comments").isEqualTo(1);
		JsonNode thread = all.get(0);
		assertThat(thread.get("subject").asString()).as("the post being discussed heads the conversation")
			.isEqualTo("Facebook: Unser Sommerfest ist am 20. Juni ab 14 Uhr – alle Familien sind herzlich eingeladen!");
		JsonNode comments = messages(thread);
		assertThat(comments.size()).as("each comment once; the page's own reply and a reaction are passed over").isEqualTo(2);
		assertThat(comments.get(0).get("body").asString()).contains("eltern kommen?");
		assertThat(comments.get(1).get("body").asString()).contains("sekuchen mit!");
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:facebook'")
			.param(workspace.id()).query(String.class).list()).as("each commenter known by their page-scoped id")
			.containsExactlyInAnyOrder("7300000000000011", "7300000000000022");
		graph.verify(1, getRequestedFor(urlPathEqualTo(VERSION + "/" + POST_ID)));
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("lastReceivedAt").isNull()).isFalse();

		assertThat(signed(channel, "webhook_feed_comment_edited.json").status()).isEqualTo(200);
		assertThat(messages(thread).get(0).get("body").asString()).as("an edited comment replaces the text")
			.contains("und Tanten kommen?");
		assertThat(messages(thread).size()).isEqualTo(2);

		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + SECOND_COMMENT + "/comments")).willReturn(answer(200, "comment_created.json")));
		String sent = reply(thread, "Wie schön, danke!");
		await().untilAsserted(() -> graph.verify(postRequestedFor(urlPathEqualTo(VERSION + "/" + SECOND_COMMENT + "/comments"))
			.withHeader("Authorization", equalTo("Bearer " + TOKEN))
			.withRequestBody(equalToJson("{\"message\": \"Wie schön, danke!\"}"))));
		await().untilAsserted(() -> assertThat(lastMessage(thread).get("delivery").asString()).isEqualTo("sent"));
		assertThat(jdbc.sql("select external_id from messages where id = ?::uuid").param(sent).query(String.class).single())
			.isEqualTo("987654321012345_555000000000009:sent");
	}

	@Test
	void aMalformedDeliveryIsRefusedWithoutAServerError() {
		String channel = connect("facebook");
		String broken = "{\"object\": \"page\", \"entry\": [";
		var answer = deliver(channel, broken, signature(broken, SECRET));
		assertThat(answer.status()).isEqualTo(400);
		String noEntries = "{\"object\": \"page\"}";
		assertThat(deliver(channel, noEntries, signature(noEntries, SECRET)).status()).isEqualTo(400);
		String otherPage = file("webhook_feed_comment.json").replace("\"id\": \"104857600123456\",\n      \"time\"",
				"\"id\": \"999999999999999\",\n      \"time\"");
		assertThat(deliver(channel, otherPage, signature(otherPage, SECRET)).status()).isEqualTo(200);
		assertThat(conversations("facebook")).as("another page's entry is not this channel's").isEmpty();
	}

	@Test
	void aMessengerMessageIsAConversationAndTheAnswerGoesThroughTheSendApi() {
		String channel = connect("facebook");
		assertThat(signed(channel, "webhook_messenger.json").status()).isEqualTo(200);
		JsonNode all = conversations("facebook");
		assertThat(all.size()).isEqualTo(1);
		JsonNode chat = all.get(0);
		assertThat(messages(chat).size()).as("the echo of the page's own message and the read receipt are passed over")
			.isEqualTo(1);
		assertThat(chat.get("subject").asString()).isEqualTo("Hallo! Gibt es noch freie Plätze für Januar?");
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:facebook'")
			.param(workspace.id()).query(String.class).list()).containsExactly("6100000000000033");

		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")).willReturn(answer(200, "message_sent.json")));
		String sent = reply(chat, "Ja, zwei Plätze sind frei.");
		await().untilAsserted(() -> graph.verify(postRequestedFor(urlPathEqualTo(VERSION + "/" + PAGE + "/messages"))
			.withRequestBody(equalToJson("""
					{"recipient": {"id": "6100000000000033"}, "messaging_type": "RESPONSE",
					 "message": {"text": "Ja, zwei Plätze sind frei."}}"""))));
		await().untilAsserted(() -> assertThat(lastMessage(chat).get("delivery").asString()).isEqualTo("sent"));
		assertThat(jdbc.sql("select external_id from messages where id = ?::uuid").param(sent).query(String.class).single())
			.isEqualTo("m_SentSentSentSentSentSentSentSent0001:sent");

		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")).willReturn(answer(400, "error_window.json")));
		String late = reply(chat, "Noch eine Frage?");
		await().untilAsserted(() -> assertThat(lastMessage(chat).get("delivery").asString()).isEqualTo("failed"));
		assertThat(lastMessage(chat).get("deliveryError").asString()).contains("24-hour window");
		assertThat(nextAttempt(late)).as("trying again cannot help").isNull();
	}

	@Test
	void anExpiredTokenShowsAsReconnectNeededAndTheExpiryIsKnown() {
		String channel = connect("facebook");
		JsonNode synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(synced.get("health").get("connected").asBoolean()).isTrue();
		assertThat(Instant.parse(synced.get("health").get("tokenExpiresAt").asString()))
			.as("the earlier of the token's and its data access's expiry").isEqualTo(Instant.ofEpochSecond(1801180800));
		graph.verify(getRequestedFor(urlPathEqualTo(VERSION + "/debug_token")).withQueryParam("input_token", equalTo(TOKEN))
			.withHeader("Authorization", equalTo("Bearer " + APP + "|" + SECRET)));

		graph.stubFor(get(urlPathEqualTo(VERSION + "/debug_token")).willReturn(answer(200, "debug_token_expired.json")));
		JsonNode expired = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(expired.get("health").get("connected").asBoolean()).isFalse();
		assertThat(expired.get("sending").get("ready").asBoolean()).isFalse();
		assertThat(expired.get("sending").get("problem").get("en").asString()).contains("reconnect needed");

		var reconnected = api.patch("/api/v1/channels/" + channel, Map.of("config", Map.of("pageAccessToken", "EAAnewPageToken0123")));
		assertThat(reconnected.status()).as(reconnected.body()).isEqualTo(200);
		JsonNode fresh = api.get("/api/v1/channels/" + channel).json();
		assertThat(fresh.get("sending").get("ready").asBoolean()).as("a new token is not judged by the old one's refusal")
			.isTrue();
		assertThat(fresh.get("health").get("connected").asBoolean()).isTrue();
		graph.stubFor(get(urlPathEqualTo(VERSION + "/debug_token")).willReturn(answer(200, "debug_token.json")));
		assertThat(api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json().get("health").get("connected")
			.asBoolean()).as("a token valid again").isTrue();
		graph.verify(getRequestedFor(urlPathEqualTo(VERSION + "/debug_token")).withQueryParam("input_token", equalTo("EAAnewPageToken0123")));
		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")).withHeader("Authorization", equalTo("Bearer EAAnewPageToken0123"))
			.willReturn(answer(400, "error_190.json")));

		assertThat(signed(channel, "webhook_messenger.json").status()).isEqualTo(200);
		JsonNode chat = conversations("facebook").get(0);
		reply(chat, "Antwort mit abgelaufenem Token");
		await().untilAsserted(() -> assertThat(lastMessage(chat).get("delivery").asString()).isEqualTo("failed"));
		JsonNode health = api.get("/api/v1/channels/" + channel).json();
		assertThat(health.get("health").get("connected").asBoolean()).as("code 190 when sending").isFalse();
		assertThat(health.get("health").get("lastError").asString()).contains("code 190");
		assertThat(health.get("sending").get("ready").asBoolean()).isFalse();
	}

	@Test
	void aRateLimitHoldsTheChannelUntilTheTimeMetaNames() {
		String channel = connect("facebook");
		assertThat(signed(channel, "webhook_messenger.json").status()).isEqualTo(200);
		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")).willReturn(answer(400, "error_rate_limit.json")
			.withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE + "\": [{\"type\": \"pages\", \"call_count\": 100, "
					+ "\"total_cputime\": 25, \"total_time\": 30, \"estimated_time_to_regain_access\": 17}]}")));
		JsonNode chat = conversations("facebook").get(0);
		String first = reply(chat, "Erste Antwort in der Pause");
		await().untilAsserted(() -> assertThat(lastMessage(chat).get("delivery").asString()).isEqualTo("failed"));

		Instant expected = Instant.now().plus(17, ChronoUnit.MINUTES);
		assertThat(nextAttempt(first)).as("the retry waits as long as Meta said, not a fixed time")
			.isCloseTo(expected, within(30, ChronoUnit.SECONDS));
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(Instant.parse(health.get("rateLimitedUntil").asString())).isCloseTo(expected, within(30, ChronoUnit.SECONDS));

		String second = reply(chat, "Zweite Antwort in der Pause");
		await().untilAsserted(() -> assertThat(lastMessage(chat).get("delivery").asString()).isEqualTo("failed"));
		assertThat(nextAttempt(second)).isCloseTo(expected, within(30, ChronoUnit.SECONDS));
		graph.verify(1, postRequestedFor(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")));
	}

	@Test
	void aServerErrorOrAnAnswerThatIsNoJsonIsAFailureThatIsNotRepeatedBlindly() {
		String channel = connect("facebook");
		assertThat(signed(channel, "webhook_messenger.json").status()).isEqualTo(200);
		JsonNode chat = conversations("facebook").get(0);

		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")).willReturn(answer(500, "error_500.json")));
		String down = reply(chat, "Antwort während einer Störung");
		await().untilAsserted(() -> assertThat(lastMessage(chat).get("delivery").asString()).isEqualTo("failed"));
		assertThat(lastMessage(chat).get("deliveryError").asString()).contains("may have arrived");
		assertThat(nextAttempt(down)).isNull();

		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json").withBody("{\"recipient_id\": \"61000")));
		reply(chat, "Antwort auf eine kaputte Antwort");
		await().untilAsserted(() -> assertThat(lastMessage(chat).get("delivery").asString()).isEqualTo("failed"));
		assertThat(lastMessage(chat).get("deliveryError").asString()).contains("not as the Graph API answers");
		assertThat(api.get("/api/v1/channels/" + channel).status()).isEqualTo(200);
	}

	@Test
	void instagramCommentsAndDirectMessagesArriveAndAreAnsweredWhereTheyCameFrom() {
		String channel = connect("instagram");
		assertThat(handshake(channel, VERIFY).body()).isEqualTo("1158201444");
		String page = file("webhook_feed_comment.json");
		assertThat(deliver(channel, page, signature(page, SECRET)).status()).isEqualTo(200);
		assertThat(conversations("instagram")).as("a page's delivery is not the Instagram account's").isEmpty();

		assertThat(signed(channel, "webhook_instagram_comment.json").status()).isEqualTo(200);
		assertThat(signed(channel, "webhook_instagram_message.json").status()).isEqualTo(200);
		assertThat(signed(channel, "webhook_instagram_message.json").status()).isEqualTo(200);
		assertThat(conversations("instagram").size()).isEqualTo(2);
		JsonNode comment = conversationWith("instagram", "mia.gruen");
		assertThat(comment.get("subject").asString()).isEqualTo("Instagram: Die neuen Hochbeete sind fertig 🌱");
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:instagram'")
			.param(workspace.id()).query(String.class).list()).containsExactlyInAnyOrder("17850000000000044", "1230000000000066");

		graph.stubFor(post(urlPathEqualTo(VERSION + "/17860000000000055/replies")).willReturn(answer(200, "ig_reply_created.json")));
		reply(comment, "Tomaten und Kräuter!");
		await().untilAsserted(() -> graph.verify(postRequestedFor(urlPathEqualTo(VERSION + "/17860000000000055/replies"))
			.withRequestBody(equalToJson("{\"message\": \"Tomaten und Kräuter!\"}"))));

		JsonNode direct = null;
		for (JsonNode c : conversations("instagram")) {
			if (!c.get("id").asString().equals(comment.get("id").asString())) {
				direct = c;
			}
		}
		assertThat(messages(direct).size()).isEqualTo(1);
		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/messages")).willReturn(answer(200, "message_sent.json")));
		reply(direct, "Gern, am Freitag um 10 Uhr.");
		await().untilAsserted(() -> graph.verify(postRequestedFor(urlPathEqualTo(VERSION + "/" + PAGE + "/messages"))
			.withRequestBody(equalToJson("""
					{"recipient": {"id": "1230000000000066"}, "messaging_type": "RESPONSE",
					 "message": {"text": "Gern, am Freitag um 10 Uhr."}}"""))));
	}

	@Test
	void aDirectMessageOlderThanTheWindowIsSaidAboveTheComposer() {
		String channel = connect("facebook");
		assertThat(signed(channel, "webhook_messenger.json").status()).isEqualTo(200);
		JsonNode chat = conversations("facebook").get(0);
		UUID conversation = UUID.fromString(chat.get("id").asString());
		var notice = facebook.noticeFor(channels.get(workspace.id(), UUID.fromString(channel)), conversation);
		assertThat(notice).as("the message in the recorded delivery is from 2026-11-30, older than 24 hours").isPresent();
		assertThat(notice.get().text().de()).contains("24 Stunden");
	}

	@Test
	void whatTheWebhookMissedIsReadOnceWithTheSameIds() {
		String channel = connect("facebook");
		assertThat(signed(channel, "webhook_feed_comment.json").status()).isEqualTo(200);
		assertThat(signed(channel, "webhook_messenger.json").status()).isEqualTo(200);
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE + "/published_posts")).willReturn(answer(200, "published_posts.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE + "/conversations")).withQueryParam("platform", equalTo("messenger"))
			.willReturn(answer(200, "conversations.json")));

		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(conversations("facebook").size()).as("the post's comments, and two people's messages").isEqualTo(3);
		JsonNode post = conversationWith("facebook", "Lena Vogt");
		assertThat(messages(post).size()).as("the delivered comment once, the missed one, not the page's own").isEqualTo(2);
		assertThat(messages(post).get(1).get("body").asString()).contains("Kinderschminken");
		assertThat(messages(conversationWith("facebook", "Aylin Demir")).size()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from messages where channel_id = ?").param(UUID.fromString(channel))
			.query(Integer.class).single()).isEqualTo(4);

		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE + "/published_posts")).willReturn(answer(400, "error_rate_limit.json")
			.withHeader("X-App-Usage", "{\"call_count\": 100, \"total_time\": 20, \"total_cputime\": 20}")));
		JsonNode paused = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(Instant.parse(paused.get("health").get("rateLimitedUntil").asString()))
			.isCloseTo(Instant.now().plus(MetaGraph.DEFAULT_PAUSE), within(30, ChronoUnit.SECONDS));
		int asked = graph.findAll(getRequestedFor(urlPathEqualTo(VERSION + "/" + PAGE + "/published_posts"))).size();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(graph.findAll(getRequestedFor(urlPathEqualTo(VERSION + "/" + PAGE + "/published_posts"))))
			.as("nothing is read during the pause").hasSize(asked);
	}

	@Test
	void instagramCommentsTheWebhookMissedAreReadToo() {
		String channel = connect("instagram");
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + IG + "/media")).willReturn(answer(200, "ig_media.json")));
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(signed(channel, "webhook_instagram_comment.json").status()).isEqualTo(200);
		JsonNode all = conversations("instagram");
		assertThat(all.size()).isEqualTo(1);
		assertThat(all.get(0).get("subject").asString()).isEqualTo("Instagram: Die neuen Hochbeete sind fertig 🌱");
		assertThat(messages(all.get(0)).size()).as("the delivered comment was read already").isEqualTo(2);
		graph.verify(0, getRequestedFor(urlPathEqualTo(VERSION + "/18030000000000001")));
	}

	@Test
	void thePagesAndTheInstagramAccountsOwnPostsAreReadAndThoseWithAPersonsCommentCount() {
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE + "/published_posts")).willReturn(answer(200, "published_posts.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE + "/published_posts")).atPriority(1)
			.withQueryParam("fields", equalTo("id,message,permalink_url,created_time"))
			.willReturn(answer(200, "published_posts_own.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + IG + "/media")).willReturn(answer(200, "ig_media.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + IG + "/media")).atPriority(1)
			.withQueryParam("fields", equalTo("id,caption,permalink,timestamp,like_count,comments_count"))
			.willReturn(answer(200, "ig_media_own.json")));
		String page = connect("facebook");
		String instagram = connect("instagram");

		api.post("/api/v1/channels/" + page + "/sync", Map.of());
		api.post("/api/v1/channels/" + instagram + "/sync", Map.of());

		JsonNode facebookPosts = api.get("/api/v1/insights/metrics?from=2026-11-01&to=2026-11-30&channel=" + page).json()
			.get("personal");
		assertThat(facebookPosts.get("networkPostsPublished").asLong()).isEqualTo(3);
		assertThat(facebookPosts.get("networkPostsStartedDialogue").asLong())
			.as("people commented on the summer party; the page's own comment elsewhere does not count").isEqualTo(1);
		JsonNode instagramPosts = api.get("/api/v1/insights/metrics?from=2026-11-01&to=2026-11-30&channel=" + instagram)
			.json().get("personal");
		assertThat(instagramPosts.get("networkPostsPublished").asLong()).isEqualTo(2);
		assertThat(instagramPosts.get("networkPostsStartedDialogue").asLong()).isEqualTo(1);
		assertThat(instagramPosts.get("networkPostLikes").asLong()).as("the media's like counts").isEqualTo(42);
		graph.verify(1, getRequestedFor(urlPathEqualTo(VERSION + "/" + IG + "/media"))
			.withQueryParam("fields", equalTo("id,caption,permalink,timestamp,like_count,comments_count"))
			.withQueryParam("limit", equalTo("100")));
	}

	@Test
	void aManagerSignsInWithFacebookAndThePageAndItsInstagramAccountAreConnected() throws Exception {
		graph.stubFor(get(urlPathEqualTo(VERSION + "/oauth/access_token")).withQueryParam("code", equalTo("AQDcode"))
			.withQueryParam("client_secret", equalTo(SECRET)).willReturn(answer(200, "token_code.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/oauth/access_token"))
			.withQueryParam("grant_type", equalTo("fb_exchange_token"))
			.withQueryParam("fb_exchange_token", equalTo("EAAKitaShortLivedUserToken0123")).willReturn(answer(200, "token_long_lived.json")));
		graph.stubFor(get(urlPathEqualTo(VERSION + "/" + PAGE)).atPriority(1).withQueryParam("fields", equalTo("access_token"))
			.withHeader("Authorization", equalTo("Bearer EAAKitaLongLivedUserToken0123")).willReturn(answer(200, "page_access_token.json")));
		graph.stubFor(post(urlPathEqualTo(VERSION + "/" + PAGE + "/subscribed_apps")).willReturn(answer(200, "subscribed_apps.json")));
		var ui = new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String csrf = org.rapport.support.UiSession.csrf(ui.get("/settings/channels").body());

		var refused = ui.form("/settings/channels/connect/facebook/sign-in", Map.of("_csrf", csrf, "appId", "not-a-number",
				"appSecret", SECRET, "pageId", PAGE, "name", "Kita auf Facebook"));
		assertThat(refused.onward()).as("a wrong app id goes nowhere").doesNotContain("/dialog-host/");

		var sent = ui.form("/settings/channels/connect/facebook/sign-in", Map.of("_csrf", csrf, "appId", APP,
				"appSecret", SECRET, "pageId", PAGE, "name", "Kita auf Facebook"));
		assertThat(sent.onward()).startsWith(graph.baseUrl() + "/dialog-host/" + MetaGraph.VERSION + "/dialog/oauth?");
		Map<String, String> dialog = org.rapport.support.UiSession
			.formFields(sent.onward().substring(sent.onward().indexOf('?') + 1));
		assertThat(dialog).containsEntry("client_id", APP).containsEntry("response_type", "code").doesNotContainKey("code_challenge");
		assertThat(dialog.get("scope")).contains("pages_messaging", "pages_manage_engagement");
		assertThat(dialog.get("redirect_uri")).endsWith("/settings/channels/callback/facebook");
		var back = ui.get("/settings/channels/callback/facebook?code=AQDcode&state=" + dialog.get("state"));
		assertThat(back.location()).endsWith("/settings/channels");
		var facebook = channels.byKey(workspace.id(), "facebook").orElseThrow();
		assertThat(facebook.config()).containsEntry("pageAccessToken", "EAAKitaPageTokenFromTheSignIn0123")
			.containsEntry("pageId", PAGE).containsEntry("appSecret", SECRET);
		assertThat(facebook.config().get("verifyToken")).as("chosen at random when left empty").hasSize(32);
		graph.verify(1, postRequestedFor(urlPathEqualTo(VERSION + "/" + PAGE + "/subscribed_apps"))
			.withHeader("Authorization", equalTo("Bearer EAAKitaPageTokenFromTheSignIn0123"))
			.withRequestBody(matchingJsonPath("$.subscribed_fields", equalTo("feed,messages"))));
		assertThat(graph.findAll(getRequestedFor(urlPathEqualTo(VERSION + "/oauth/access_token"))).getFirst()
			.queryParameter("redirect_uri").firstValue()).isEqualTo(dialog.get("redirect_uri"));

		sent = ui.form("/settings/channels/connect/instagram/sign-in", Map.of("_csrf", csrf, "appId", APP,
				"appSecret", SECRET, "pageId", PAGE, "verifyToken", VERIFY, "name", "Kita auf Instagram"));
		dialog = org.rapport.support.UiSession
			.formFields(sent.onward().substring(sent.onward().indexOf('?') + 1));
		assertThat(dialog.get("scope")).contains("instagram_manage_comments", "instagram_manage_messages");
		ui.get("/settings/channels/callback/instagram?code=AQDcode&state=" + dialog.get("state"));
		var instagram = channels.byKey(workspace.id(), "instagram").orElseThrow();
		assertThat(instagram.config()).as("the account linked to the page").containsEntry("instagramAccountId", IG)
			.containsEntry("verifyToken", VERIFY);
	}

	private Instant nextAttempt(String message) {
		java.sql.Timestamp at = jdbc.sql("select next_attempt_at from messages where id = ?::uuid").param(message)
			.query(java.sql.Timestamp.class).optional().orElse(null);
		return at == null ? null : at.toInstant();
	}
}
