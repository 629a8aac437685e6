package org.rapport.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.rapport.channels.telegram.TelegramAnswers.TOKEN;
import static org.rapport.channels.telegram.TelegramAnswers.answer;
import static org.rapport.channels.telegram.TelegramAnswers.file;
import static org.rapport.channels.telegram.TelegramAnswers.method;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.platform.RapportProperties;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The Telegram connector against a Bot API answering as its documentation shows (WireMock; see
 * {@code src/test/resources/telegram/README.md} for the section each answer follows): the token checked when it is
 * entered, messages read once with a cursor whether fetched or pushed, pushes without the webhook's secret refused,
 * answers sent as replies, and Telegram's pauses and refusals kept as the channel's health.
 */
class TelegramChannelIntegrationTests extends IntegrationTest {

	@Autowired
	RapportProperties properties;

	@Autowired
	TelegramPolling polling;

	@Autowired
	Channels channels;

	@RegisterExtension
	static WireMockExtension telegram = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@BeforeEach
	void aBotApi() {
		TelegramAnswers.aBotApi(telegram);
	}

	private String connect(String receive) {
		var created = api.post("/api/v1/channels", Map.of("key", "telegram", "kind", "telegram", "name", "Kita auf Telegram",
				"config", Map.of("botToken", TOKEN, "receive", receive, "apiServer", telegram.baseUrl())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain(TOKEN);
		assertThat(created.json().get("secretsSet").toString()).contains("botToken");
		return created.json().get("id").asString();
	}

	private JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	private JsonNode conversations() {
		return api.get("/api/v1/conversations?channel=telegram").json().get("items");
	}

	private JsonNode conversationWith(String contactName) {
		for (JsonNode conversation : conversations()) {
			if (conversation.get("contact").get("name").asString().equals(contactName)) {
				return conversation;
			}
		}
		throw new AssertionError("No conversation with " + contactName + " in " + conversations());
	}

	private JsonNode messages(JsonNode conversation) {
		return api.get("/api/v1/conversations/" + conversation.get("id").asString() + "/messages").json().get("items");
	}

	private String reply(JsonNode conversation, String text) {
		return api.post("/api/v1/conversations/" + conversation.get("id").asString() + "/messages",
				Map.of("body", text, "kind", "reply")).json().get("id").asString();
	}

	private Api.Response push(String channel, String secret, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/hooks/channels/" + channel))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (secret != null) {
			request.header("X-Telegram-Bot-Api-Secret-Token", secret);
		}
		return new Api(baseUrl(), null).send(request);
	}

	private String storedConfig(String channel) {
		return jdbc.sql("select config::text from channels where id = ?").param(UUID.fromString(channel))
			.query(String.class).single();
	}

	@Test
	void theTokenIsCheckedWithTelegramWhenItIsEntered() {
		telegram.stubFor(post(urlPathEqualTo(method("7012345678:AAwrongwrongwrongwrongwrong", "getMe")))
			.willReturn(answer(401, "error_401.json")));
		var malformed = api.post("/api/v1/channels", Map.of("key", "telegram", "kind", "telegram",
				"config", Map.of("botToken", "not a token/../getMe", "apiServer", telegram.baseUrl())));
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("field").asString()).isEqualTo("config.botToken");
		assertThat(malformed.json().get("detail").asString()).contains("not a bot token").doesNotContain("not a token/");

		var rejected = api.post("/api/v1/channels", Map.of("key", "telegram", "kind", "telegram",
				"config", Map.of("botToken", "7012345678:AAwrongwrongwrongwrongwrong", "apiServer", telegram.baseUrl())));
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().get("field").asString()).isEqualTo("config.botToken");
		assertThat(rejected.json().get("detail").asString()).contains("does not accept the bot token", "Unauthorized")
			.doesNotContain("AAwrong");
		assertThat(conversations()).isEmpty();

		String channel = connect("polling");
		telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "getMe"))));
		assertThat(storedConfig(channel)).doesNotContain(TOKEN).contains("enc:v1:");
	}

	@Test
	void messagesArriveOnceThreadedPerChatAndTheAnswerRepliesToThePersonsMessage() throws Exception {
		String channel = connect("polling");

		JsonNode synced = sync(channel);
		assertThat(synced.get("health").get("connected").asBoolean()).isTrue();
		assertThat(synced.get("health").get("lastReceivedAt").isNull()).isFalse();
		// The second fetch from the channel list's "fetch now".
		UiSession manager = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String list = manager.get("/settings/channels").body();
		assertThat(list).contains("/settings/channels/" + channel + "/fetch");
		UiSession.Page fetched = manager.form("/settings/channels/" + channel + "/fetch", Map.of("_csrf", UiSession.csrf(list)));
		assertThat(fetched.location()).endsWith("/settings/channels");
		assertThat(manager.get("/settings/channels").body()).contains("Neues von Kita auf Telegram abgerufen");
		telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "getUpdates")))
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105"))));

		assertThat(conversations().size()).as("one conversation per chat; group talk not meant for the bot is left")
			.isEqualTo(2);
		JsonNode lena = conversationWith("Lena Vogt");
		JsonNode privateChat = messages(lena);
		assertThat(privateChat.size()).as("each message once, however often it is fetched").isEqualTo(1);
		assertThat(privateChat.get(0).get("body").asString()).contains("Sommerferienprogramm").doesNotContain("<script");
		JsonNode group = messages(conversationWith("Jonas"));
		assertThat(group.size()).isEqualTo(1);
		assertThat(group.get(0).get("subject").asString()).isEqualTo("Elternrat Kita Sonnenschein: @kita_sonnenschein_bot Wann ist das Sommerfest?");
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:telegram'")
			.param(workspace.id()).query(String.class).list()).as("senders are known by their Telegram user ids").contains("5550001111", "5550002222");

		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(200, "sendMessage.json")));
		String reply = reply(lena, "Ja, bis zum 15. Juni.");
		await().untilAsserted(() -> telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(equalToJson("""
					{"chat_id": 5550001111, "text": "Ja, bis zum 15. Juni.",
					 "reply_parameters": {"message_id": 41, "allow_sending_without_reply": true}}"""))));
		await().untilAsserted(() -> assertThat(messages(lena).get(1).get("delivery").asString()).isEqualTo("sent"));
		assertThat(jdbc.sql("select external_id from messages where id = ?::uuid").param(reply).query(String.class).single())
			.as("the sent message's id on Telegram").isEqualTo("5550001111:42:sent");
	}

	private String conversationOf(String externalId) {
		return jdbc.sql("select conversation_id::text from messages where external_id = ?").param(externalId)
			.query(String.class).single();
	}

	@Test
	void theCommentsUnderAChannelPostAreOneConversationShownBelowThePostAndTheAnswerArrivesLiterally() throws Exception {
		String channel = connect("polling");
		sync(channel);
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105")))
			.willReturn(answer(200, "getUpdates_channel.json")));
		sync(channel);
		telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "getUpdates")))
			.withRequestBody(matchingJsonPath("$.allowed_updates[?(@ == 'channel_post')]")));

		String comments = conversationOf("-1002000000002:301");
		assertThat(conversationOf("-1002000000002:302")).as("an answer to a comment, in the post's thread")
			.isEqualTo(comments);
		String older = conversationOf("-1002000000002:305");
		assertThat(older).as("the comments under another post").isNotEqualTo(comments);
		assertThat(jdbc.sql("select count(*) from messages where external_id in ('-1002000000002:300', '-1002000000001:25')")
			.query(Integer.class).single()).as("the post and its forward are no messages").isZero();

		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(ui.get("/inbox/" + comments).body()).as("the post being discussed, above the conversation")
			.contains("id=\"discussed-post\"", "Unser Sommerfest ist am 21. Juni ab 14 Uhr im Garten der Kita.",
					"href=\"https://t.me/kita_sonnenschein/25\"");
		assertThat(ui.get("/inbox/" + older).body()).as("a post the bot saw only as the message a comment answers")
			.contains("id=\"discussed-post\"", "Die Anmeldung für die Sommerferienbetreuung ist offen.",
					"href=\"https://t.me/kita_sonnenschein/24\"");
		JsonNode june = api.get("/api/v1/insights/metrics?from=2024-06-01&to=2024-06-30").json().get("personal");
		assertThat(june.get("networkPostsPublished").asLong()).isEqualTo(2);
		assertThat(june.get("networkPostsStartedDialogue").asLong()).isEqualTo(2);

		// the channel post edited: its new text comes as edited_channel_post
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000110")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"ok\": true, \"result\": [" + file("update_edited_channel_post.json") + "]}")));
		sync(channel);
		assertThat(ui.get("/inbox/" + comments).body()).contains("am 28. Juni ab 14 Uhr im Garten der Kita (verschoben)")
			.doesNotContain("am 21. Juni");

		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(200, "sendMessage.json")));
		String literal = "<b>Ja</b>, Geschwister & Freunde sind *herzlich* willkommen_ — 1 < 2 &amp; \"Kuchen\" gibt's auch.";
		api.post("/api/v1/conversations/" + comments + "/messages", Map.of("body", literal, "kind", "reply"));
		await().untilAsserted(() -> telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(equalToJson(Api.JSON.writeValueAsString(Map.of("chat_id", -1002000000002L, "text", literal,
					"reply_parameters", Map.of("message_id", 302, "allow_sending_without_reply", true)))))));

		// 2,049 emoji are 4,098 UTF-16 code units, as Telegram counts: refused before anything is sent
		String tooLong = "\uD83D\uDC4B".repeat(2049);
		String refused = api.post("/api/v1/conversations/" + comments + "/messages", Map.of("body", tooLong, "kind", "reply"))
			.json().get("id").asString();
		await().untilAsserted(() -> assertThat(jdbc.sql("select delivery from messages where id = ?::uuid").param(refused)
			.query(String.class).single()).isEqualTo("failed"));
		assertThat(api.get("/api/v1/conversations/" + comments + "/messages").json().get("items").valueStream()
			.filter(m -> m.get("id").asString().equals(refused)).findFirst().orElseThrow().get("deliveryError").asString())
			.contains("at most 4096", "has 4098");
		telegram.verify(0, postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(matchingJsonPath("$.text", equalTo(tooLong))));
	}

	@Test
	void inADiscussionGroupThatIsAForumTheCommentsUnderAPostAreItsConversationAndTopicsStayTheirOwn() throws Exception {
		String channel = connect("polling");
		sync(channel);
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105")))
			.willReturn(answer(200, "getUpdates_forum.json")));
		sync(channel);

		String comments = conversationOf("-1002000000003:401");
		assertThat(conversationOf("-1002000000003:402")).as("an answer to a comment, which names only the comment")
			.isEqualTo(comments);
		assertThat(jdbc.sql("select thread_key from conversations where id = ?::uuid").param(comments)
			.query(String.class).single()).isEqualTo("-1002000000003/comments/400");
		String topic = conversationOf("-1002000000003:410");
		assertThat(topic).as("a topic of the forum").isNotEqualTo(comments);
		assertThat(jdbc.sql("select thread_key from conversations where id = ?::uuid").param(topic)
			.query(String.class).single()).isEqualTo("-1002000000003/12");
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(ui.get("/inbox/" + comments).body()).as("the post being discussed, above the conversation")
			.contains("id=\"discussed-post\"", "Am Freitag ist die Kita wegen einer Fortbildung geschlossen.",
					"href=\"https://t.me/kita_sonnenschein/27\"");
		assertThat(ui.get("/inbox/" + topic).body()).doesNotContain("id=\"discussed-post\"");

		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(200, "sendMessage_forum.json")));
		api.post("/api/v1/conversations/" + comments + "/messages", Map.of("body", "Bis Mittwoch, bei der Kita-Leitung.",
				"kind", "reply"));
		await().untilAsserted(() -> telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(equalToJson(Api.JSON.writeValueAsString(Map.of("chat_id", -1002000000003L,
					"text", "Bis Mittwoch, bei der Kita-Leitung.",
					"reply_parameters", Map.of("message_id", 402, "allow_sending_without_reply", true)))))));
		await().until(() -> jdbc.sql("select count(*) from messages where external_id = '-1002000000003:403:sent'")
			.query(Integer.class).single() == 1);

		// later: an answer to the bot's answer, and one to the first comment, each naming only the message it answers
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000110")))
			.willReturn(answer(200, "getUpdates_forum_later.json")));
		sync(channel);
		assertThat(conversationOf("-1002000000003:404")).as("an answer to the bot's answer").isEqualTo(comments);
		assertThat(conversationOf("-1002000000003:405")).as("an answer to a comment read before").isEqualTo(comments);
		assertThat(jdbc.sql("""
				select count(*) from messages where conversation_id = ?::uuid and headers ->> 'onPost' = '-1002000000001/27'""")
			.param(comments).query(Integer.class).single()).as("each names the post").isEqualTo(4);
	}

	@Test
	void anAnswerCarriesFilesAsDocumentsAndOneFileTakesTheTextAsItsCaption() {
		String channel = connect("polling");
		sync(channel);
		JsonNode lena = conversationWith("Lena Vogt");
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(200, "sendMessage.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendDocument"))).willReturn(answer(200, "sendDocument.json")));
		String pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

		String one = api.post("/api/v1/conversations/" + lena.get("id").asString() + "/messages", Map.of("body",
				"Hier ist das Formular.", "kind", "reply", "attachments", java.util.List.of(Map.of("fileName", "anmeldung.pdf",
						"contentType", "application/pdf", "content", pdf)))).json().get("id").asString();
		await().untilAsserted(() -> assertThat(jdbc.sql("select delivery from messages where id = ?::uuid").param(one)
			.query(String.class).single()).isEqualTo("sent"));
		var document = telegram.findAll(postRequestedFor(urlPathEqualTo(method(TOKEN, "sendDocument")))).getFirst();
		assertThat(document.getHeader("Content-Type")).startsWith("multipart/form-data");
		assertThat(document.getBodyAsString()).contains("name=\"caption\"", "Hier ist das Formular.",
				"name=\"document\"; filename=\"anmeldung.pdf\"", "%PDF-1.7", "name=\"chat_id\"", "5550001111",
				"\"message_id\":41");
		telegram.verify(0, postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage"))));

		String two = api.post("/api/v1/conversations/" + lena.get("id").asString() + "/messages", Map.of("body",
				"Das Formular und der Plan.", "kind", "reply", "attachments", java.util.List.of(
						Map.of("fileName", "anmeldung.pdf", "contentType", "application/pdf", "content", pdf),
						Map.of("fileName", "plan.pdf", "contentType", "application/pdf", "content", pdf)))).json().get("id").asString();
		await().untilAsserted(() -> assertThat(jdbc.sql("select delivery from messages where id = ?::uuid").param(two)
			.query(String.class).single()).isEqualTo("sent"));
		telegram.verify(1, postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Das Formular und der Plan."))));
		telegram.verify(3, postRequestedFor(urlPathEqualTo(method(TOKEN, "sendDocument"))));
	}

	@Test
	void aPushNeedsTheWebhooksSecretAndAPushedMessageFetchedAgainIsStoredOnce() throws Exception {
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "setWebhook"))).willReturn(answer(200, "setWebhook.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "deleteWebhook"))).willReturn(answer(200, "deleteWebhook.json")));
		String channel = connect("webhook");
		sync(channel);
		var registered = telegram.findAll(postRequestedFor(urlPathEqualTo(method(TOKEN, "setWebhook")))).getLast();
		JsonNode webhook = Api.JSON.readTree(registered.getBodyAsString());
		assertThat(webhook.get("url").asString()).as("Rapport's public address of the channel's hook")
			.isEqualTo(properties.link("/hooks/channels/" + channel));
		String secret = webhook.get("secret_token").asString();
		assertThat(secret).matches("[A-Za-z0-9_-]{40,256}");
		assertThat(jdbc.sql("select webhook_secret from telegram_bots").query(String.class).list()).noneMatch(secret::equals);

		String update = file("update_private.json");
		assertThat(push(channel, null, update).status()).isEqualTo(401);
		var forged = push(channel, secret.substring(1) + "x", update);
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(push(UUID.randomUUID().toString(), secret, update).status()).isEqualTo(404);
		assertThat(conversations()).as("nothing stored from a push without the secret").isEmpty();
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(health.get("refusedPushes").asInt()).as("both refusals in the channel's health").isEqualTo(2);
		assertThat(health.get("lastRefusedPushAt").isNull()).isFalse();
		assertThat(health.get("connected").asBoolean()).as("a stranger's push does not disconnect the bot").isTrue();
		assertThat(new UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/settings/channels").body())
			.contains("2 Zustellungen ohne gültige Signatur des Netzwerks abgewiesen");

		assertThat(push(channel, secret, "{not json").status()).isEqualTo(400);
		assertThat(push(channel, secret, update).status()).isEqualTo(200);
		assertThat(push(channel, secret, update).status()).as("Telegram delivering again").isEqualTo(200);
		assertThat(messages(conversationWith("Lena Vogt")).size()).isEqualTo(1);
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("lastReceivedAt").isNull()).isFalse();

		var switched = api.patch("/api/v1/channels/" + channel, Map.of("config", Map.of("receive", "polling")));
		assertThat(switched.status()).as(switched.body()).isEqualTo(200);
		sync(channel);
		telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "deleteWebhook")))
			.withRequestBody(matchingJsonPath("$.drop_pending_updates", equalTo("false"))));
		assertThat(messages(conversationWith("Lena Vogt")).size()).as("pushed, then fetched: stored once").isEqualTo(1);
		assertThat(conversations().size()).isEqualTo(2);
		assertThat(push(channel, secret, update).status()).as("no webhook any more").isEqualTo(401);
	}

	@Test
	void aPauseTelegramAsksForWhileSendingHoldsSendingTimesTheNextAttemptAndTheBotGoesOnReading() {
		String channel = connect("polling");
		sync(channel);
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(429, "error_429.json")));
		JsonNode lena = conversationWith("Lena Vogt");
		String first = reply(lena, "Erste Antwort in der Pause");
		await().untilAsserted(() -> assertThat(messages(lena).get(1).get("delivery").asString()).isEqualTo("failed"));

		Instant expected = Instant.now().plusSeconds(35);
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(Instant.parse(health.get("pausedCalls").get("sending").asString())).isCloseTo(expected, within(5, ChronoUnit.SECONDS));
		assertThat(health.get("rateLimitedUntil").isNull()).as("the flood limit holds for sending, not for the bot").isTrue();
		assertThat(nextAttempt(first)).as("the retry waits as long as Telegram asked, not a fixed time")
			.isCloseTo(expected, within(5, ChronoUnit.SECONDS));

		String second = reply(lena, "Zweite Antwort in der Pause");
		await().untilAsserted(() -> assertThat(messages(lena).get(2).get("delivery").asString()).isEqualTo("failed"));
		assertThat(nextAttempt(second)).isCloseTo(expected, within(5, ChronoUnit.SECONDS));
		telegram.verify(0, postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Zweite Antwort in der Pause"))));

		int fetched = telegram.findAll(postRequestedFor(urlPathEqualTo(method(TOKEN, "getUpdates")))).size();
		sync(channel);
		assertThat(telegram.findAll(postRequestedFor(urlPathEqualTo(method(TOKEN, "getUpdates")))))
			.as("updates are still read while sending waits").hasSizeGreaterThan(fetched);
	}

	@Test
	void aLongPollWaitsForTheNextMessageAndIsNoErrorWhenAFetchNowEndsIt() {
		String channel = connect("polling");
		sync(channel);
		String later = "{\"ok\": true, \"result\": [" + file("update_private.json").replace("815000101", "815000105")
			.replace("\"message_id\": 41", "\"message_id\": 77")
			.replace("Hallo! Gibt es noch Plätze im Sommerferienprogramm? <script>alert(1)</script>", "Und wann beginnt es?") + "]}";
		// Telegram holds the call open until a message comes: here, after a second
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105")))
			.withRequestBody(matchingJsonPath("$.timeout", equalTo("2")))
			.willReturn(aResponse().withFixedDelay(1000).withHeader("Content-Type", "application/json").withBody(later)));
		var bot = channels.get(workspace.id(), UUID.fromString(channel));

		assertThat(polling.longPoll(bot, Duration.ofSeconds(2))).isEqualTo(1);
		assertThat(messages(conversationWith("Lena Vogt"))).extracting(m -> m.get("body").asString())
			.contains("<p>Und wann beginnt es?</p>");
		telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "getUpdates")))
			.withRequestBody(matchingJsonPath("$.timeout", equalTo("2"))));
		// (no count of short reads: the background check reads other tests' bots of the same token on this server)

		// a "fetch now" while the long poll waits ends it with 409: nothing went wrong
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000106")))
			.willReturn(answer(409, "error_409_overtaken.json")));
		assertThat(polling.longPoll(bot, Duration.ofSeconds(2))).isZero();
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(health.get("connected").asBoolean()).isTrue();
		assertThat(health.get("lastError").isNull() || health.get("lastError").asString().isEmpty()).as(health.toString()).isTrue();

		// a webhook someone set elsewhere is a conflict that is named
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000106")))
			.willReturn(answer(409, "error_409_webhook.json")));
		assertThat(polling.longPoll(bot, Duration.ofSeconds(2))).isZero();
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("lastError").asString())
			.contains("webhook is active");
		assertThat(messages(conversationWith("Lena Vogt"))).as("nothing received before is lost").hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void aGroupThatBecameASupergroupKeepsItsConversationAndIsAnsweredThere() {
		String channel = connect("polling");
		sync(channel);
		String group = "{\"ok\": true, \"result\": [{\"update_id\": 815000105, \"message\": {\"message_id\": 5,"
				+ " \"from\": {\"id\": 5550005555, \"is_bot\": false, \"first_name\": \"Jonas\"},"
				+ " \"chat\": {\"id\": -4007001, \"title\": \"Förderverein\", \"type\": \"group\"}, \"date\": 1717240000,"
				+ " \"text\": \"@kita_sonnenschein_bot Wann ist die nächste Sitzung?\","
				+ " \"entities\": [{\"offset\": 0, \"length\": 22, \"type\": \"mention\"}]}}]}";
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(group)));
		sync(channel);
		JsonNode conversation = conversations().valueStream()
			.filter(c -> c.get("subject").asString().startsWith("Förderverein")).findFirst().orElseThrow();

		// the group became a supergroup: Telegram refuses the answer to the old chat and names the new one
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.chat_id", equalTo("-4007001")))
			.willReturn(answer(400, "error_400_migrated.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.chat_id", equalTo("-1009990001")))
			.willReturn(answer(200, "sendMessage.json")));
		reply(conversation, "Am Dienstag um 19 Uhr.");
		await().untilAsserted(() -> assertThat(messages(conversation).get(1).get("delivery").asString()).isEqualTo("sent"));
		telegram.verify(postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(matchingJsonPath("$.chat_id", equalTo("-1009990001")))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Am Dienstag um 19 Uhr."))));

		// the supergroup's messages go on in the group's conversation
		String supergroup = "{\"ok\": true, \"result\": [{\"update_id\": 815000106, \"message\": {\"message_id\": 1,"
				+ " \"from\": {\"id\": 5550005555, \"is_bot\": false, \"first_name\": \"Jonas\"},"
				+ " \"chat\": {\"id\": -1009990001, \"title\": \"Förderverein\", \"type\": \"supergroup\"},"
				+ " \"date\": 1717240100, \"migrate_from_chat_id\": -4007001}},"
				+ " {\"update_id\": 815000107, \"message\": {\"message_id\": 2,"
				+ " \"from\": {\"id\": 5550005555, \"is_bot\": false, \"first_name\": \"Jonas\"},"
				+ " \"chat\": {\"id\": -1009990001, \"title\": \"Förderverein\", \"type\": \"supergroup\"},"
				+ " \"date\": 1717240200, \"text\": \"@kita_sonnenschein_bot Danke, bis Dienstag!\","
				+ " \"entities\": [{\"offset\": 0, \"length\": 22, \"type\": \"mention\"}]}}]}";
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000106")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(supergroup)));
		sync(channel);
		assertThat(messages(conversation)).hasSize(3);
		assertThat(messages(conversation)).extracting(m -> m.get("body").asString()).contains("<p>@kita_sonnenschein_bot Danke, bis Dienstag!</p>");
		assertThat(conversations().valueStream().filter(c -> c.get("subject").asString().startsWith("Förderverein")))
			.as("one conversation for the group and the supergroup it became").hasSize(1);
	}

	@Test
	void aPhotoIsKeptWithItsMessageAndAFileTooLargeIsNamed() {
		String channel = connect("polling");
		sync(channel);
		String updates = "{\"ok\": true, \"result\": [{\"update_id\": 815000105, \"message\": {\"message_id\": 50,"
				+ " \"from\": {\"id\": 5550001111, \"is_bot\": false, \"first_name\": \"Lena\", \"last_name\": \"Vogt\"},"
				+ " \"chat\": {\"id\": 5550001111, \"first_name\": \"Lena\", \"type\": \"private\"}, \"date\": 1717240000,"
				+ " \"caption\": \"Das Anmeldeformular\", \"photo\": ["
				+ "{\"file_id\": \"AgAD-small\", \"file_unique_id\": \"s1\", \"width\": 90, \"height\": 67, \"file_size\": 900},"
				+ "{\"file_id\": \"AgAD-large\", \"file_unique_id\": \"l1\", \"width\": 1280, \"height\": 960, \"file_size\": 4}]}},"
				+ " {\"update_id\": 815000106, \"message\": {\"message_id\": 51,"
				+ " \"from\": {\"id\": 5550001111, \"is_bot\": false, \"first_name\": \"Lena\", \"last_name\": \"Vogt\"},"
				+ " \"chat\": {\"id\": 5550001111, \"first_name\": \"Lena\", \"type\": \"private\"}, \"date\": 1717240060,"
				+ " \"document\": {\"file_id\": \"BQAD-video\", \"file_unique_id\": \"v1\", \"file_name\": \"Sommerfest.mov\","
				+ " \"mime_type\": \"video/quicktime\", \"file_size\": 31457280}}}]}";
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(updates)));
		// getFile (core.telegram.org/bots/api#getfile): a File with its file_path, then the file at /file/bot<token>/<path>
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getFile"))).withRequestBody(matchingJsonPath("$.file_id", equalTo("AgAD-large")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"ok\": true, \"result\": "
					+ "{\"file_id\": \"AgAD-large\", \"file_unique_id\": \"l1\", \"file_size\": 4, \"file_path\": \"photos/file_7.jpg\"}}")));
		byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 };
		telegram.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/file/bot" + TOKEN + "/photos/file_7.jpg"))
			.willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(jpeg)));

		sync(channel);
		JsonNode lena = conversationWith("Lena Vogt");
		JsonNode photo = messages(lena).valueStream().filter(m -> m.get("body").asString().contains("Anmeldeformular"))
			.findFirst().orElseThrow();
		assertThat(photo.get("attachments")).hasSize(1);
		assertThat(photo.get("attachments").get(0).get("fileName").asString()).isEqualTo("photo-50.jpg");
		assertThat(photo.get("attachments").get(0).get("contentType").asString()).isEqualTo("image/jpeg");
		assertThat(photo.get("attachments").get(0).get("size").asLong()).isEqualTo(4);
		JsonNode video = messages(lena).valueStream().filter(m -> m.get("body").asString().contains("Sommerfest.mov"))
			.findFirst().orElseThrow();
		assertThat(video.get("body").asString()).contains("Not kept, larger than 15 MB").contains("Datei &middot; file");
		assertThat(video.get("attachments")).isEmpty();
		telegram.verify(0, postRequestedFor(urlPathEqualTo(method(TOKEN, "getFile")))
			.withRequestBody(matchingJsonPath("$.file_id", equalTo("BQAD-video"))));
	}

	private Instant nextAttempt(String message) {
		return jdbc.sql("select next_attempt_at from messages where id = ?::uuid").param(message)
			.query(java.sql.Timestamp.class).single().toInstant();
	}

	@Test
	void aPersonWhoBlockedTheBotAndARevokedTokenShowInTheChannelsHealth() throws Exception {
		String channel = connect("polling");
		sync(channel);
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(403, "error_403_blocked.json")));
		JsonNode lena = conversationWith("Lena Vogt");
		String blocked = reply(lena, "Antwort an jemanden, der den Bot blockiert");
		await().untilAsserted(() -> assertThat(messages(lena).get(1).get("delivery").asString()).isEqualTo("failed"));
		assertThat(messages(lena).get(1).get("deliveryError").asString()).contains("bot was blocked by the user");
		assertThat(jdbc.sql("select next_attempt_at is null from messages where id = ?::uuid").param(blocked)
			.query(Boolean.class).single()).as("trying again cannot help").isTrue();
		JsonNode afterBlock = api.get("/api/v1/channels/" + channel).json();
		assertThat(afterBlock.get("health").get("lastError").asString()).contains("bot was blocked by the user");
		assertThat(afterBlock.get("health").get("connected").asBoolean()).as("the token still works").isTrue();
		assertThat(sync(channel).get("health").get("lastError").asString())
			.as("reading well does not wipe out a refusal of sending").contains("blocked");
		assertThat(new UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/settings/channels").body())
			.as("the channel list shows the last error in words").contains("letzter Fehler:").contains("blocked by the user");

		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.willReturn(answer(401, "error_401.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getMe"))).atPriority(0).willReturn(answer(401, "error_401.json")));
		JsonNode revoked = sync(channel);
		assertThat(revoked.get("health").get("connected").asBoolean()).isFalse();
		assertThat(revoked.get("health").get("lastError").asString()).contains("does not accept the bot token");
		assertThat(revoked.get("sending").get("ready").asBoolean()).isFalse();
		assertThat(revoked.get("sending").get("problem").get("de").asString()).contains("neu verbunden");
		assertThat(revoked.get("state").asString()).contains("does not accept the bot token");
	}
}
