package org.rapport.channels.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.rapport.channels.bluesky.BlueskyChannelIntegrationTests.answer;
import static org.rapport.channels.bluesky.BlueskyChannelIntegrationTests.xrpc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.NetworkFailuresIntegrationTest;
import org.rapport.support.UiSession;

import tools.jackson.databind.JsonNode;

/**
 * The direct messages of a Bluesky account, against a PDS that passes the chat service's calls on (WireMock, with
 * answers written from the lexicons, see {@code src/test/resources/bluesky/README.md}; the local network has no chat
 * service): a message arrives as a conversation of its own, once; an answer there leaves with
 * {@code chat.bsky.convo.sendMessage} to the same conversation and marks it read on Bluesky
 * ({@code chat.bsky.convo.updateRead}, whose failure fails nothing); an attempt after one whose answer was lost looks
 * for the message it may have sent ({@code chat.bsky.convo.getMessages}) before sending again; an app password without access to direct messages is
 * told in the health while mentions and replies still arrive; a conversation of direct messages takes no files, so its
 * composer offers none.
 */
class BlueskyChatIntegrationTests extends NetworkFailuresIntegrationTest {

	@RegisterExtension
	static WireMockExtension pds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String CONVO = "3lbx4jonasconvo";
	static final String JONAS = "did:plc:jonasjonasjonasjonasjona";

	BlueskyChatIntegrationTests() {
		super(pds);
	}

	@BeforeEach
	void aPds() {
		BlueskyFailuresIntegrationTests.aRecordedPds(pds, jdbc);
		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))
			.willReturn(answer(200, "listNotifications.json")));
	}

	private String connect() {
		return connect("bluesky", "Verein",
				Map.of("service", pds.baseUrl(), "handle", "verein.bsky.social", "appPassword", "abcd-efgh-ijkl-mnop"));
	}

	private String chatCursor(String channel) {
		return jdbc.sql("select coalesce(chat_cursor, 'none') from bluesky_accounts where channel_id = ?")
			.param(UUID.fromString(channel)).query(String.class).single();
	}

	private void theChatLog() {
		pds.stubFor(get(urlPathEqualTo(xrpc("chat.bsky.convo.getLog"))).withQueryParam("cursor", absent())
			.willReturn(answer(200, "getLog_end.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("chat.bsky.convo.getLog"))).withQueryParam("cursor", equalTo("3lbx4aaaaaa2c"))
			.willReturn(answer(200, "getLog.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("chat.bsky.convo.getLog"))).withQueryParam("cursor", equalTo("3lbx4eaaaaa2c"))
			.willReturn(answer(200, "getLog_empty.json")));
	}

	@Test
	void aDirectMessageArrivesAsAConversationOfItsOwnOnceAndTheAnswerLeavesAsADirectMessage() {
		String channel = connect();
		theChatLog();
		sync(channel);
		assertThat(stored()).as("the reply to the post; the chat log is read from its end on").isEqualTo(1);
		assertThat(chatCursor(channel)).isEqualTo("3lbx4aaaaaa2c");

		JsonNode synced = sync(channel);
		assertThat(synced.get("health").get("lastError").asString()).isEmpty();
		assertThat(stored()).as("Jonas's message; not the account's own, not the deleted one").isEqualTo(2);
		var dm = jdbc.sql("""
				select c.id, c.thread_key, m.external_id, m.body_text from messages m join conversations c on c.id = m.conversation_id
				where m.workspace_id = ? and m.direction = 'in' and c.thread_key not like 'at://%'""")
			.param(workspace.id())
			.query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
			.single();
		assertThat(dm[1]).as("one conversation per convo").isEqualTo(CONVO);
		assertThat(dm[2]).isEqualTo("chat:3lbx4cmsgjonas1");
		assertThat(dm[3]).isEqualTo("Hallo! Kann ich beim Sommerfest mithelfen? Schreibt mir gern.");
		assertThat(jdbc.sql("""
				select p.handle from identity_profiles p join identities i on i.id = p.identity_id
				where i.workspace_id = ? and i.value = ?""")
			.params(workspace.id(), JONAS).query(String.class).single()).contains("jonas.bsky.social");
		assertThat(chatCursor(channel)).isEqualTo("3lbx4eaaaaa2c");

		sync(channel);
		assertThat(stored()).as("a second read repeats nothing").isEqualTo(2);
		pds.verify(getRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.getLog")))
			.withQueryParam("cursor", equalTo("3lbx4eaaaaa2c"))
			.withHeader("atproto-proxy", equalTo("did:web:api.bsky.chat#bsky_chat")));

		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(answer(200, "sendMessage.json")));
		String answer = reply(dm[0], "Gern, Jonas! Alles Weitere unter https://verein.example/sommerfest");
		Attempt attempt = attempted(answer);
		assertThat(attempt.delivery()).as(String.valueOf(attempt.error())).isEqualTo("sent");
		assertThat(attempt.externalId()).isEqualTo("chat:3lbx4fmsgverein");
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.sendMessage")))
			.withHeader("atproto-proxy", equalTo("did:web:api.bsky.chat#bsky_chat"))
			.withHeader("Authorization", equalTo("Bearer access-1"))
			.withRequestBody(matchingJsonPath("$.convoId", equalTo(CONVO)))
			.withRequestBody(matchingJsonPath("$.message.text",
					equalTo("Gern, Jonas! Alles Weitere unter https://verein.example/sommerfest")))
			.withRequestBody(matchingJsonPath("$.message.facets[0].index.byteStart", equalTo("33")))
			.withRequestBody(matchingJsonPath("$.message.facets[0].features[0].uri",
					equalTo("https://verein.example/sommerfest"))));
		pds.verify(0, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.createRecord"))));
	}

	/** The answer of {@code sendMessage} for a message with another id than {@code sendMessage.json}'s. */
	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sentAs(String id) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
			.withBody(BlueskyChannelIntegrationTests.file("sendMessage.json").replace("3lbx4fmsgverein", id));
	}

	/** Reads Jonas's message into the inbox; answers its conversation's id. */
	private String jonasWrote() {
		String channel = connect();
		theChatLog();
		sync(channel);
		sync(channel);
		return jdbc.sql("select id::text from conversations where channel_id = ? and thread_key = ?")
			.params(UUID.fromString(channel), CONVO).query(String.class).single();
	}

	@Test
	void anAnswerMarksTheConversationReadOnBlueskyAndAFailureThereFailsNothing() {
		String conversation = jonasWrote();
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(answer(200, "sendMessage.json")));
		pds.stubFor(post(xrpc("chat.bsky.convo.updateRead")).willReturn(answer(200, "updateRead.json")));
		Attempt attempt = attempted(reply(conversation, "Gern, Jonas!"));
		assertThat(attempt.delivery()).as(String.valueOf(attempt.error())).isEqualTo("sent");
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.updateRead")))
			.withHeader("atproto-proxy", equalTo("did:web:api.bsky.chat#bsky_chat"))
			.withRequestBody(matchingJsonPath("$.convoId", equalTo(CONVO)))
			.withRequestBody(matchingJsonPath("$.messageId", equalTo("3lbx4cmsgjonas1"))));

		pds.stubFor(post(xrpc("chat.bsky.convo.updateRead")).willReturn(json(500,
				"{\"error\": \"InternalServerError\", \"message\": \"Internal Server Error\"}")));
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(sentAs("3lbx4gmsgverein")));
		attempt = attempted(reply(conversation, "Und bring gern jemanden mit."));
		assertThat(attempt.delivery()).as("the answer left; that it was read is Bluesky's matter").isEqualTo("sent");
		assertThat(attempt.error()).isNull();
		pds.verify(2, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.sendMessage"))));
		pds.verify(2, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.updateRead"))));
		assertThat(stored()).as("nothing arrives twice for it").isEqualTo(2);
	}

	@Test
	void anAttemptAfterALostAnswerTakesTheMessageItSentInsteadOfSendingTwice() {
		String conversation = jonasWrote();
		pds.stubFor(post(xrpc("chat.bsky.convo.updateRead")).willReturn(answer(200, "updateRead.json")));
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(html(502, PROXY_PAGE)));
		String answer = reply(conversation, "Gern, Jonas! Alles Weitere unter https://verein.example/sommerfest");
		Attempt attempt = attempted(answer);
		assertThat(attempt.delivery()).isEqualTo("failed");
		assertThat(attempt.error()).endsWith(BlueskyChats.AGAIN_LOOKS_FIRST);
		assertThat(attempt.nextAttempt()).as("tried again").isNotNull();
		pds.verify(0, getRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.getMessages"))));

		// the message had left: the chat service lists it, sent after the first attempt started
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(answer(200, "sendMessage.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("chat.bsky.convo.getMessages"))).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(BlueskyChannelIntegrationTests.file("getMessages.json")
				.replace("2026-12-01T10:10:00.000Z", Instant.now().toString()))));
		delivery.deliver(workspace.id(), UUID.fromString(answer));
		attempt = attempted(answer);
		assertThat(attempt.delivery()).as(String.valueOf(attempt.error())).isEqualTo("sent");
		assertThat(attempt.externalId()).isEqualTo("chat:3lbx4fmsgverein");
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.sendMessage"))));
		pds.verify(getRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.getMessages")))
			.withHeader("atproto-proxy", equalTo("did:web:api.bsky.chat#bsky_chat"))
			.withQueryParam("convoId", equalTo(CONVO)).withQueryParam("limit", equalTo("20")));
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.updateRead"))));

		// an answer whose lost attempt had not left: nothing like it in the conversation, so it is sent
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(html(502, PROXY_PAGE)));
		String other = reply(conversation, "Danke, Jonas! Wir melden uns.");
		assertThat(attempted(other).delivery()).isEqualTo("failed");
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(sentAs("3lbx4gmsgverein")));
		delivery.deliver(workspace.id(), UUID.fromString(other));
		assertThat(attempted(other).delivery()).as("the same words sent before the attempt are not its message")
			.isEqualTo("sent");
		pds.verify(3, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.sendMessage"))));
	}

	@Test
	void aRepeatedAttemptThatCannotLookSendsNothing() {
		String conversation = jonasWrote();
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(html(502, PROXY_PAGE)));
		String answer = reply(conversation, "Gern, Jonas!");
		assertThat(attempted(answer).delivery()).isEqualTo("failed");
		pds.stubFor(post(xrpc("chat.bsky.convo.sendMessage")).willReturn(answer(200, "sendMessage.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("chat.bsky.convo.getMessages"))).willReturn(html(502, PROXY_PAGE)));
		delivery.deliver(workspace.id(), UUID.fromString(answer));
		Attempt attempt = attempted(answer);
		assertThat(attempt.delivery()).isEqualTo("failed");
		assertThat(attempt.nextAttempt()).as("looked for again later").isNotNull();
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.sendMessage"))));
	}

	@Test
	void aDirectMessageTooLongIsRefusedBeforeItIsSent() {
		String channel = connect();
		theChatLog();
		sync(channel);
		sync(channel);
		String conversation = jdbc.sql("select id from conversations where channel_id = ? and thread_key = ?")
			.params(UUID.fromString(channel), CONVO).query(String.class).single();
		Attempt attempt = attempted(reply(conversation, "Sommerfest ".repeat(100)));
		assertThat(attempt.delivery()).isEqualTo("failed");
		assertThat(attempt.error()).isEqualTo("Bluesky takes at most 1000 characters per direct message; this text has "
				+ "1099. Shorten it.");
		assertThat(attempt.nextAttempt()).as("not tried again").isNull();
		pds.verify(0, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.sendMessage"))));
	}

	@Test
	void aDirectMessageCarriesNoFilesSoTheComposerOffersNoneWhileAPostsThreadStillTakesImages() throws Exception {
		String channel = connect();
		theChatLog();
		sync(channel);
		sync(channel);
		String chat = jdbc.sql("select id::text from conversations where channel_id = ? and thread_key = ?")
			.params(UUID.fromString(channel), CONVO).query(String.class).single();
		String thread = jdbc.sql("select id::text from conversations where channel_id = ? and thread_key like 'at://%'")
			.param(UUID.fromString(channel)).query(String.class).single();
		String photo = java.util.Base64.getEncoder().encodeToString(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		var image = Map.of("fileName", "foto.png", "contentType", "image/png", "content", photo);

		var now = api.post("/api/v1/conversations/" + chat + "/messages", Map.of("body", "Das Foto vom Fest.",
				"attachments", java.util.List.of(image)));
		assertThat(now.status()).as(now.body()).isEqualTo(400);
		assertThat(now.json().get("field").asString()).isEqualTo("attachments");
		assertThat(now.json().get("detail").asString())
			.isEqualTo("A reply on this channel cannot carry files; send them another way or write a note.");
		var later = api.post("/api/v1/conversations/" + chat + "/messages", Map.of("body", "Das Foto, morgen.", "sendAt",
				Instant.now().plus(2, ChronoUnit.HOURS).toString(), "attachments", java.util.List.of(image)));
		assertThat(later.status()).as("refused when planned, not when it is due").isEqualTo(400);
		assertThat(later.json().get("field").asString()).isEqualTo("attachments");
		assertThat(jdbc.sql("select count(*) from messages where conversation_id = ?::uuid").param(chat)
			.query(Integer.class).single()).as("nothing stored").isEqualTo(1);
		assertThat(api.get("/api/v1/conversations/" + chat + "/scheduled").json().get("items")).isEmpty();
		assertThat(api.post("/api/v1/conversations/" + chat + "/messages", Map.of("kind", "note", "body", "Das Foto.",
				"attachments", java.util.List.of(image))).status()).as("a note still takes it").isEqualTo(201);
		pds.verify(0, postRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.sendMessage"))));

		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String chatPage = ui.get("/inbox/" + chat).body();
		assertThat(chatPage).contains("id=\"composer-files\"").doesNotContain("data-reply-accept")
			.doesNotContain("accept=\"image/");
		assertThat(chatPage).containsAnyOf(
				"Replies on this channel carry no files; an internal note takes up to 10 files, 15 MB together.",
				"Antworten auf diesem Kanal nehmen keine Dateien mit; eine interne Notiz bis zu 10 Dateien, zusammen 15 MB.");
		String threadPage = ui.get("/inbox/" + thread).body();
		assertThat(threadPage).as("a post's thread of the same channel").contains(
				"accept=\"image/jpeg,image/png,image/webp,image/gif\"",
				"data-reply-accept=\"image/jpeg,image/png,image/webp,image/gif\"");
		assertThat(threadPage).containsAnyOf("Up to 4 files, at most 1 MB each.", "Bis zu 4 Dateien, je höchstens 1 MB.");
	}

	@Test
	void anAppPasswordWithoutDirectMessagesIsToldInTheHealthWhileMentionsStillArrive() throws Exception {
		String channel = connect();
		pds.stubFor(get(urlPathEqualTo(xrpc("chat.bsky.convo.getLog"))).willReturn(answer(400, "error_bad_token_scope.json")));
		JsonNode health = sync(channel).get("health");
		assertThat(health.get("connected").asBoolean()).as("the session is good").isTrue();
		assertThat(health.get("lastError").asString()).isEqualTo(BlueskyChats.SCOPE_REFUSED)
			.contains("app password does not allow direct messages");
		assertThat(stored()).as("the reply to the post arrived").isEqualTo(1);

		health = sync(channel).get("health");
		assertThat(health.get("connected").asBoolean()).isTrue();
		assertThat(health.get("lastError").asString()).isEqualTo(BlueskyChats.SCOPE_REFUSED);
		assertThat(api.get("/api/v1/channels/" + channel).json().get("state").asString("")).as("not a failed channel")
			.isEmpty();
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		assertThat(ui.get("/settings/channels").body()).as("in German")
			.contains("Das App-Passwort erlaubt keine Direktnachrichten").contains("Erwähnungen und Antworten kommen weiter an");
		assertThat(api.put("/api/v1/me", Map.of("language", "en")).status()).isEqualTo(200);
		assertThat(new UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/settings/channels").body()).as("in English")
			.contains("The app password does not allow direct messages").contains("Mentions and replies still arrive");

		// a new app password with the box ticked: direct messages are read again and the words go
		theChatLog();
		assertThat(sync(channel).get("health").get("lastError").asString()).isEmpty();
		assertThat(chatCursor(channel)).isEqualTo("3lbx4aaaaaa2c");
	}

	@Test
	void aRateLimitOfTheChatServiceHoldsDirectMessagesOnly() {
		String channel = connect();
		theChatLog();
		sync(channel);
		// docs.bsky.app/docs/advanced-guides/rate-limits: a 429 says RateLimit-Reset, in seconds since the epoch
		Instant reset = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		pds.stubFor(get(urlPathEqualTo(xrpc("chat.bsky.convo.getLog"))).atPriority(1).willReturn(answer(429, "error_429.json")
			.withHeader("RateLimit-Limit", "3000").withHeader("RateLimit-Remaining", "0")
			.withHeader("RateLimit-Reset", String.valueOf(reset.getEpochSecond())).withHeader("RateLimit-Policy", "3000;w=300")));
		JsonNode health = sync(channel).get("health");
		assertThat(Instant.parse(health.get("pausedCalls").get("chat").asString())).isEqualTo(reset);
		assertThat(health.get("rateLimitedUntil").isNull()).as("the account itself is not paused").isTrue();
		assertThat(health.get("connected").asBoolean()).isTrue();

		int asked = pds.findAll(getRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.getLog")))).size();
		int notifications = pds.findAll(getRequestedFor(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))).size();
		sync(channel);
		assertThat(pds.findAll(getRequestedFor(urlPathEqualTo(xrpc("chat.bsky.convo.getLog"))))).as("direct messages wait")
			.hasSize(asked);
		assertThat(pds.findAll(getRequestedFor(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))))
			.as("notifications are still read").hasSizeGreaterThan(notifications);
		assertThat(chatCursor(channel)).as("the cursor stays").isEqualTo("3lbx4aaaaaa2c");
	}
}
