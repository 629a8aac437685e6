package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The Mastodon connector against an instance answering as the official API documentation shows (WireMock; see
 * {@code src/test/resources/mastodon/README.md} for the page each answer follows): connect with a token, read
 * mentions once with a cursor, answer as a reply, and keep the instance's refusals as the channel's health.
 */
class MastodonChannelIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static String file(String name) {
		return MastodonAnswers.file(name);
	}

	private static MappingBuilder json(MappingBuilder request, String file) {
		return request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(file(file)));
	}

	/**
	 * This test's token: the channels of the tests before it stay connected to the same instance and are polled in
	 * the background, so what this test counts is what its own token asked.
	 */
	private String token;

	@BeforeEach
	void anInstance() {
		token = "good-token-" + java.util.UUID.randomUUID();
		instance.stubFor(json(get("/api/v1/accounts/verify_credentials")
			.withHeader("Authorization", equalTo("Bearer " + token)), "verify_credentials.json"));
		instance.stubFor(get("/api/v1/accounts/verify_credentials").atPriority(10)
			.willReturn(aResponse().withStatus(401).withBody(file("error_401.json"))));
	}

	private String connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", token)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain(token);
		return created.json().get("id").asString();
	}

	@Test
	void mentionsArriveOnceThreadedAndSanitisedAndTheAnswerIsPostedAsAReply() {
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("types[]", equalTo("mention")),
				"notifications.json"));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("34975861"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		String channel = connect();

		JsonNode synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(synced.get("health").get("connected").asBoolean()).isTrue();
		assertThat(synced.get("health").get("lastReceivedAt").isNull()).isFalse();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		instance.verify(getRequestedFor(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("34975861")));

		JsonNode conversations = api.get("/api/v1/conversations?channel=mastodon").json().get("items");
		assertThat(conversations.size()).as("a reply to a mention joins its conversation").isEqualTo(1);
		String conversation = conversations.get(0).get("id").asString();
		JsonNode messages = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
		assertThat(messages.size()).as("each status once, the notification without a status skipped").isEqualTo(2);
		assertThat(messages.toString()).contains("Sommerferienprogramm").doesNotContain("<script");
		assertThat(conversations.get(0).get("contact").get("name").asString()).isEqualTo("Lena Vogt");
		JsonNode profile = api.get("/api/v1/contacts/" + conversations.get(0).get("contact").get("id").asString()).json()
			.get("identities").get(0).get("profile");
		assertThat(profile.get("handle").asString()).isEqualTo("@lena@example.social");
		assertThat(profile.get("url").asString()).isEqualTo("https://example.social/@lena");
		assertThat(profile.get("followers").asLong()).isEqualTo(120);
		assertThat(profile.get("following").asLong()).isEqualTo(140);
		assertThat(profile.get("posts").asLong()).isEqualTo(900);
		assertThat(profile.get("createdAt").asString()).isEqualTo("2020-03-01T00:00:00Z");

		instance.stubFor(json(get("/api/v1/statuses/103270115826048976"), "status.json"));
		instance.stubFor(json(post("/api/v1/statuses"), "posted.json"));
		String reply = api.post("/api/v1/conversations/" + conversation + "/messages",
				Map.of("body", "Bis zum 15. Juni.", "kind", "reply")).json().get("id").asString();
		await().untilAsserted(() -> instance.verify(postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withHeader("Authorization", equalTo("Bearer " + token))
			.withHeader("Idempotency-Key", equalTo(reply))
			.withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("103270115826048976")))
			.withRequestBody(matchingJsonPath("$.visibility", equalTo("public")))
			.withRequestBody(matchingJsonPath("$.status", equalTo("@lena@example.social Bis zum 15. Juni.")))));
		await().untilAsserted(() -> assertThat(api.get("/api/v1/conversations/" + conversation + "/messages").json()
			.get("items").get(2).get("delivery").asString()).isEqualTo("sent"));
	}

	@Test
	void anAnswerLongerThanTheInstanceTakesIsRefusedBeforeAnythingIsPosted() {
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("types[]", equalTo("mention")),
				"notifications.json"));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("34975861"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		instance.stubFor(get("/api/v2/instance").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(file("instance_v2.json").replace("\"max_characters\": 500", "\"max_characters\": 40"))));
		instance.stubFor(json(get("/api/v1/statuses/103270115826048976"), "status.json"));
		instance.stubFor(json(post("/api/v1/statuses"), "posted.json"));
		String channel = connect();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		String conversation = api.get("/api/v1/conversations?channel=mastodon").json().get("items").get(0).get("id").asString();

		api.post("/api/v1/conversations/" + conversation + "/messages",
				Map.of("body", "Die Anmeldung läuft bis zum 15. Juni über unsere Website.", "kind", "reply"));
		await().untilAsserted(() -> assertThat(api.get("/api/v1/conversations/" + conversation + "/messages").json()
			.get("items").get(2).get("delivery").asString()).isEqualTo("failed"));
		assertThat(api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items").get(2)
			.get("deliveryError").asString()).contains("at most 40 characters").contains("Shorten it");
		instance.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withHeader("Authorization", equalTo("Bearer " + token)));

		String link = "https://kita.example/anmeldung/sommerferienprogramm-2027-fuer-alle-kinder";
		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Hier: " + link, "kind", "reply"));
		await().untilAsserted(() -> assertThat(api.get("/api/v1/conversations/" + conversation + "/messages").json()
			.get("items").get(3).get("delivery").asString()).as("a long link counts 23").isEqualTo("sent"));
	}

	@Test
	void theAccountsOwnPostsAreReadAndOneThatDrewAPersonsReplyStartedAConversation() throws Exception {
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("types[]", equalTo("mention")),
				"mentions_on_posts.json"));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("34976002"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/accounts/109302/statuses"))
			.withQueryParam("exclude_replies", equalTo("true")).withQueryParam("exclude_reblogs", equalTo("true")),
				"own_statuses.json"));
		instance.stubFor(get(urlPathEqualTo("/api/v1/accounts/109302/statuses"))
			.withQueryParam("max_id", equalTo("109400000000000001"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		String channel = connect();

		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());

		JsonNode personal = api.get("/api/v1/insights/metrics?from=2026-11-01&to=2026-11-30").json().get("personal");
		assertThat(personal.get("networkPostsPublished").asLong())
			.as("two posts; the status that continues the account's own thread is not a post of its own").isEqualTo(2);
		assertThat(personal.get("networkPostsStartedDialogue").asLong())
			.as("a person answered the first; only a bot answered the second").isEqualTo(1);
		assertThat(personal.get("networkPostsShare").asDouble()).isEqualTo(0.5);
		assertThat(personal.get("networkPostLikes").asLong()).as("the two posts' favourites").isEqualTo(8);
		assertThat(personal.get("networkPostShares").asLong()).as("and boosts").isEqualTo(2);
		JsonNode onlyThisChannel = api.get("/api/v1/insights/metrics?from=2026-11-01&to=2026-11-30&channel=" + channel)
			.json().get("personal");
		assertThat(onlyThisChannel.get("networkPostsPublished").asLong()).isEqualTo(2);
		JsonNode before = api.get("/api/v1/insights/metrics?from=2026-10-01&to=2026-10-31").json().get("personal");
		assertThat(before.get("networkPostsPublished").asLong()).isZero();
		assertThat(before.get("networkPostsShare").isNull()).isTrue();
		instance.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/accounts/109302/statuses"))
			.withQueryParam("max_id", equalTo("109400000000000001")));
		var ui = new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		// this workspace's: other tests read the same documented statuses into theirs
		String lenasConversation = jdbc.sql("select conversation_id::text from messages where external_id = '109400000000000011' "
				+ "and workspace_id = ?").param(workspace.id()).query(String.class).single();
		assertThat(ui.get("/inbox/" + lenasConversation).body()).as("the post being discussed, above the conversation")
			.contains("id=\"discussed-post\"", "Das Sommerferienprogramm 2027 ist da",
					"href=\"https://mastodon.example/@kita/109400000000000001\"");
		String dashboard = ui.get("/insights?from=2026-11-01&to=2026-11-30").body();
		assertThat(dashboard).as("the dashboard's card, in German").contains("Beiträge in Netzwerken, die ein Gespräch begannen",
				"1 / 2 · 8 Likes, 2-mal geteilt", "50\u00a0%");
	}

	@Test
	void aWrongTokenIsRefusedWhenConnectingAndARevokedOneAsksForAReconnect() {
		var refused = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "wrong")));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("config.accessToken");
		assertThat(refused.json().get("detail").asString()).contains("rejected the access token");

		String channel = connect();
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications"))
			.willReturn(aResponse().withStatus(401).withBody(file("error_401.json"))));
		JsonNode after = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(after.get("health").get("connected").asBoolean()).isFalse();
		assertThat(after.get("health").get("lastError").asString()).contains("reconnect");
		assertThat(after.get("sending").get("ready").asBoolean()).isFalse();
		assertThat(after.get("sending").get("problem").get("de").asString()).contains("neu verbunden");

		instance.stubFor(json(get("/api/v1/accounts/verify_credentials")
			.withHeader("Authorization", equalTo("Bearer new-token")), "verify_credentials.json"));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withHeader("Authorization", equalTo("Bearer new-token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		var reconnected = api.patch("/api/v1/channels/" + channel,
				Map.of("config", Map.of("instance", instance.baseUrl(), "accessToken", "new-token")));
		assertThat(reconnected.status()).as(reconnected.body()).isEqualTo(200);
		JsonNode healed = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(healed.get("health").get("connected").asBoolean()).as("a new token connects the account again").isTrue();
		assertThat(healed.get("health").get("lastError").asString()).isEmpty();
		assertThat(healed.get("sending").get("ready").asBoolean()).isTrue();
	}

	@Test
	void aPauseTheInstanceAsksForIsKeptAndHonoured() {
		Instant reset = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).willReturn(aResponse().withStatus(429)
			.withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
			.withHeader("X-RateLimit-Reset", reset.toString()).withBody("{\"error\": \"Too many requests\"}")));
		String channel = connect();
		JsonNode paused = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(Instant.parse(paused.get("health").get("rateLimitedUntil").asString())).isEqualTo(reset);
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		instance.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
			.withHeader("Authorization", equalTo("Bearer " + token)));
	}

	@Test
	void aRateLimitAnAnswerSaysIsUsedUpPausesTheAccountBeforeAny429() {
		// docs.joinmastodon.org/api/rate-limits: every answer says X-RateLimit-Limit, X-RateLimit-Remaining and
		// X-RateLimit-Reset (an ISO 8601 time); here the notifications come with none of the 300 calls left
		Instant reset = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		instance.stubFor(json(get("/api/v1/accounts/verify_credentials")
			.withHeader("Authorization", equalTo("Bearer spent-token")), "verify_credentials.json"));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withHeader("Authorization", equalTo("Bearer spent-token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Limit", "300")
				.withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", reset.toString())
				.withBody(file("notifications.json"))));
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "spent-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String channel = created.json().get("id").asString();

		JsonNode paused = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json().get("health");
		assertThat(stored(channel)).as("the answer that used the limit up is read").isEqualTo(2);
		assertThat(Instant.parse(paused.get("rateLimitedUntil").asString())).isEqualTo(reset);
		assertThat(paused.get("lastError").asString()).contains("rate limit is used up");
		assertThat(paused.get("connected").asBoolean()).isTrue();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		instance.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
			.withHeader("Authorization", equalTo("Bearer spent-token")));
		assertThat(Instant.parse(api.get("/api/v1/channels/" + channel).json().get("health").get("rateLimitedUntil")
			.asString())).isEqualTo(reset);
	}

	/** {@code count} mentions with the notification ids after {@code after}, newest first as the instance answers. */
	private static String mentions(int after, int count) {
		StringBuilder json = new StringBuilder("[");
		for (int id = after + count; id > after; id--) {
			json.append(json.length() > 1 ? "," : "").append("""
					{"id": "%d", "type": "mention", "created_at": "2026-11-30T09:00:00.000Z",
					 "account": {"id": "971724", "acct": "lena@example.social", "display_name": "Lena Vogt",
					   "uri": "https://example.social/users/lena"},
					 "status": {"id": "9%d", "created_at": "2026-11-30T09:00:00.000Z", "in_reply_to_id": null,
					   "visibility": "public", "content": "<p>Frage %d</p>", "url": "https://example.social/@lena/9%d",
					   "account": {"id": "971724", "acct": "lena@example.social", "display_name": "Lena Vogt",
					     "uri": "https://example.social/users/lena"}}}""".formatted(id, id, id, id));
		}
		return json.append("]").toString();
	}

	private static MappingBuilder page(String minId, String body) {
		return get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo(minId))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body));
	}

	private long stored(String channel) {
		return jdbc.sql("select count(*) from messages where channel_id = ?::uuid").param(channel).query(Long.class).single();
	}

	private String cursor(String channel) {
		return jdbc.sql("select last_notification_id from mastodon_accounts where channel_id = ?::uuid").param(channel)
			.query(String.class).single();
	}

	@Test
	void theMentionsOfSeveralPagesAreStoredAndWhatWasReadBeforeARefusalIsKept() {
		// before: the newest notification is one whose status was deleted; it sets the cursor and brings nothing
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).atPriority(10).willReturn(aResponse()
			.withHeader("Content-Type", "application/json").withBody("""
					[{"id": "100", "type": "mention", "created_at": "2026-11-30T08:00:00.000Z",
					  "account": {"id": "1", "acct": "gone@example.social"}, "status": null}]""")));
		String channel = connect();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(cursor(channel)).isEqualTo("100");

		instance.stubFor(page("100", mentions(100, 40)));
		instance.stubFor(page("140", mentions(140, 1)));
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(stored(channel)).as("a full page and the one after it").isEqualTo(41);
		assertThat(cursor(channel)).isEqualTo("141");

		Instant reset = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		instance.stubFor(page("141", mentions(141, 40)));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("181"))
			.willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", reset.toString())
				.withBody("{\"error\": \"Too many requests\"}")));
		JsonNode paused = api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
		assertThat(Instant.parse(paused.get("health").get("rateLimitedUntil").asString())).isEqualTo(reset);
		assertThat(stored(channel)).as("the page read before the instance asked for a pause is stored").isEqualTo(81);
		assertThat(cursor(channel)).isEqualTo("181");
	}

	@Test
	void anAccountWithoutMentionsAtFirstReadsAFirstBurstWholeLaterOn() {
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).atPriority(10).willReturn(aResponse()
			.withHeader("Content-Type", "application/json").withBody("[]")));
		String channel = connect();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(cursor(channel)).as("read from the first notification on").isEqualTo("0");

		// a burst of 45: without the cursor only the newest page of 40 would be read
		instance.stubFor(page("0", mentions(100, 40)));
		instance.stubFor(page("140", mentions(140, 5)));
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(stored(channel)).isEqualTo(45);
		assertThat(cursor(channel)).isEqualTo("145");
	}

	/** A conversation with Lena's mention, its status there to be answered. */
	private String mentionConversation() {
		instance.stubFor(json(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("types[]", equalTo("mention")),
				"notifications.json"));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("34975861"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		instance.stubFor(json(get("/api/v1/statuses/103270115826048976"), "status.json"));
		instance.stubFor(json(get("/api/v2/instance"), "instance_v2.json"));
		String channel = connect();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		return api.get("/api/v1/conversations?channel=mastodon").json().get("items").get(0).get("id").asString();
	}

	private static Map<String, String> file(String name, String type, byte[] content) {
		return Map.of("fileName", name, "contentType", type, "content", Base64.getEncoder().encodeToString(content));
	}

	private JsonNode lastMessage(String conversation) {
		JsonNode items = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
		return items.get(items.size() - 1);
	}

	@Test
	void theFilesOfAReplyAreUploadedWaitedForWhileProcessedAndPostedAsItsMedia() {
		String conversation = mentionConversation();
		byte[] photo = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };
		byte[] plan = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 4, 5, 6 };
		// the photo is processed at once (200), the plan only later (202, then 206 once and 200)
		instance.stubFor(post("/api/v2/media").withRequestBody(containing("foto.png"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
				.withBody(file("media_uploaded.json"))));
		instance.stubFor(post("/api/v2/media").withRequestBody(containing("plan.jpg"))
			.willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
				.withBody(file("media_processing.json"))));
		instance.stubFor(get("/api/v1/media/22348642").inScenario("processing").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(206).withHeader("Content-Type", "application/json")
				.withBody(file("media_processing.json")))
			.willSetStateTo("processed"));
		instance.stubFor(get("/api/v1/media/22348642").inScenario("processing").whenScenarioStateIs("processed")
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
				.withBody(file("media_processed.json"))));
		instance.stubFor(json(post("/api/v1/statuses"), "posted.json"));

		var written = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Hier der Plan.",
				"kind", "reply", "attachments", List.of(file("foto.png", "image/png", photo), file("plan.jpg", "image/jpeg", plan))));
		assertThat(written.status()).as(written.body()).isEqualTo(201);
		String reply = written.json().get("id").asString();
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("delivery").asString()).isEqualTo("sent"));

		instance.verify(postRequestedFor(urlPathEqualTo("/api/v2/media"))
			.withHeader("Authorization", equalTo("Bearer " + token))
			.withAnyRequestBodyPart(aMultipart("file").withHeader("Content-Type", equalTo("image/png"))
				.withHeader("Content-Disposition", containing("filename=\"foto.png\""))
				.withBody(binaryEqualTo(photo))));
		instance.verify(postRequestedFor(urlPathEqualTo("/api/v2/media"))
			.withAnyRequestBodyPart(aMultipart("file").withHeader("Content-Type", equalTo("image/jpeg"))
				.withBody(binaryEqualTo(plan))));
		instance.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/media/22348642"))
			.withHeader("Authorization", equalTo("Bearer " + token)));
		instance.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/media/22348641"))
			.withHeader("Authorization", equalTo("Bearer " + token)));
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withHeader("Idempotency-Key", equalTo(reply))
			.withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("103270115826048976")))
			.withRequestBody(matchingJsonPath("$.media_ids.length()", equalTo("2")))
			.withRequestBody(matchingJsonPath("$.media_ids[0]", equalTo("22348641")))
			.withRequestBody(matchingJsonPath("$.media_ids[1]", equalTo("22348642"))));
	}

	@Test
	void aFileTheInstanceRefusesIsAClearDeliveryFailureAndNothingIsPosted() {
		String conversation = mentionConversation();
		instance.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(422)
			.withHeader("Content-Type", "application/json").withBody(file("error_422_media.json"))));
		instance.stubFor(json(post("/api/v1/statuses"), "posted.json"));

		var written = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Das Video.",
				"attachments", List.of(file("fest.mp4", "video/mp4", new byte[] { 0, 0, 0, 24, 'f', 't', 'y', 'p' }))));
		assertThat(written.status()).as(written.body()).isEqualTo(201);
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("delivery").asString()).isEqualTo("failed"));
		assertThat(lastMessage(conversation).get("deliveryError").asString())
			.contains("did not take the file 'fest.mp4'", "422", "File content type is invalid");
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/media"))
			.withHeader("Authorization", equalTo("Bearer " + token)));
		instance.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withHeader("Authorization", equalTo("Bearer " + token)));

		// a token made before replies carried files may post but not upload: said so, the account stays connected
		instance.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json").withBody(file("error_403_scope.json"))));
		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Das Foto.",
				"attachments", List.of(file("foto.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))));
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("deliveryError").asString(""))
			.contains("may not upload files", "write:media"));
		assertThat(lastMessage(conversation).get("delivery").asString()).isEqualTo("failed");
		String channel = jdbc.sql("select id::text from channels where workspace_id = ? and kind = 'mastodon'")
			.param(workspace.id()).query(String.class).single();
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(health.get("connected").asBoolean()).as(health.toString()).isTrue();
		instance.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withHeader("Authorization", equalTo("Bearer " + token)));

		var pdf = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Der Plan.",
				"attachments", List.of(file("plan.pdf", "application/pdf", new byte[] { '%', 'P', 'D', 'F' }))));
		assertThat(pdf.status()).as(pdf.body()).isEqualTo(400);
		assertThat(pdf.json().get("field").asString()).isEqualTo("attachments");
		assertThat(pdf.json().get("detail").asString()).isEqualTo(
				"'plan.pdf' (application/pdf) cannot go with a reply on this channel; it carries only image/*, video/*, audio/*.");
	}

	@Test
	void aPauseOfUploadsHoldsRepliesWithFilesOnlyAndTheAccountGoesOn() {
		String conversation = mentionConversation();
		String channel = jdbc.sql("select id::text from channels where workspace_id = ? and kind = 'mastodon'")
			.param(workspace.id()).query(String.class).single();
		// docs.joinmastodon.org/api/rate-limits: media uploads have their own limit, 30 in 30 minutes
		Instant reset = Instant.now().plus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		instance.stubFor(post("/api/v2/media").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Limit", "30")
			.withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", reset.toString())
			.withBody("{\"error\": \"Too many requests\"}")));
		instance.stubFor(json(post("/api/v1/statuses"), "posted.json"));

		String withFile = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Das Foto.",
				"attachments", List.of(file("foto.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))))
			.json().get("id").asString();
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("delivery").asString()).isEqualTo("failed"));
		assertThat(jdbc.sql("select next_attempt_at from messages where id = ?::uuid").param(withFile)
			.query(java.sql.Timestamp.class).single().toInstant()).as("tried again when the instance said").isEqualTo(reset);
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(Instant.parse(health.get("pausedCalls").get("media").asString())).isEqualTo(reset);
		assertThat(health.get("rateLimitedUntil").isNull()).as("the account itself is not paused").isTrue();

		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Noch ein Foto.",
				"attachments", List.of(file("foto2.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))));
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("deliveryError").asString(""))
			.contains("paused file uploads"));
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/media"))
			.withHeader("Authorization", equalTo("Bearer " + token)));

		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Ohne Datei geht es."));
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("delivery").asString()).isEqualTo("sent"));
		int read = instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))).size();
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))))
			.as("mentions are still read while uploads wait").hasSizeGreaterThan(read);
	}

	@Test
	void anUploadThatUsesTheLimitOfUploadsUpHoldsTheNextUploadUnsentAndTheAccountGoesOn() {
		String conversation = mentionConversation();
		String channel = jdbc.sql("select id::text from channels where workspace_id = ? and kind = 'mastodon'")
			.param(workspace.id()).query(String.class).single();
		// a token of its own: what is used up is kept per instance and token
		instance.stubFor(json(get("/api/v1/accounts/verify_credentials")
			.withHeader("Authorization", equalTo("Bearer uploads-token")), "verify_credentials.json"));
		assertThat(api.patch("/api/v1/channels/" + channel,
				Map.of("config", Map.of("instance", instance.baseUrl(), "accessToken", "uploads-token"))).status()).isEqualTo(200);
		// docs.joinmastodon.org/api/rate-limits: uploads have their own limit, 30 in 30 minutes; this one is taken and
		// the answer says none are left until X-RateLimit-Reset
		Instant reset = Instant.now().plus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		instance.stubFor(post("/api/v2/media").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withHeader("X-RateLimit-Limit", "30").withHeader("X-RateLimit-Remaining", "0")
			.withHeader("X-RateLimit-Reset", reset.toString()).withBody(file("media_uploaded.json"))));
		instance.stubFor(json(post("/api/v1/statuses"), "posted.json"));
		// the next reply looks past the account's own post to Lena's
		instance.stubFor(json(get("/api/v1/statuses/103270115826049999"), "posted.json"));

		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Das Foto.",
				"attachments", List.of(file("foto.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))));
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("delivery").asString()).isEqualTo("sent"));
		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Noch ein Foto.",
				"attachments", List.of(file("foto2.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))));
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("deliveryError").asString(""))
			.contains("limit of file uploads is used up"));
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v2/media"))
			.withHeader("Authorization", equalTo("Bearer uploads-token")));
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(Instant.parse(health.get("pausedCalls").get("media").asString())).isEqualTo(reset);
		assertThat(health.get("rateLimitedUntil").isNull()).as("the account itself is not paused").isTrue();

		instance.stubFor(post("/api/v1/statuses").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(file("posted.json").replace("103270115826049999", "103270115826050000"))));
		api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Ohne Datei geht es."));
		await().untilAsserted(() -> assertThat(lastMessage(conversation).get("delivery").asString()).isEqualTo("sent"));
	}

	@Test
	void filesLargerThanTheInstanceTakesAreRefusedBeforeAnythingIsUploaded() throws Exception {
		var limits = new MastodonClient.MediaLimits(1_000, 5_000, 2, List.of("image/png", "video/mp4"), 500, 23);
		byte[] small = new byte[1_000];
		MastodonMedia.check(limits, List.of(new org.rapport.inbox.Messages.Attachment("a.png", "image/png", small),
				new org.rapport.inbox.Messages.Attachment("b.mp4", "video/mp4", new byte[5_000])));
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(org.rapport.channels.DeliveryException.class,
				() -> MastodonMedia.check(limits, List.of(new org.rapport.inbox.Messages.Attachment("gross.png", "image/png",
						new byte[1_001])))))
			.hasMessageContaining("'gross.png' has 1001 bytes; the instance takes at most 1000 bytes")
			.extracting(org.rapport.channels.DeliveryException::retryable).isEqualTo(false);
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(org.rapport.channels.DeliveryException.class,
				() -> MastodonMedia.check(limits, List.of(new org.rapport.inbox.Messages.Attachment("a.gif", "image/gif", small)))))
			.hasMessageContaining("does not take files of the kind image/gif");
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(org.rapport.channels.DeliveryException.class,
				() -> MastodonMedia.check(limits, java.util.Collections.nCopies(3,
						new org.rapport.inbox.Messages.Attachment("a.png", "image/png", small)))))
			.hasMessageContaining("at most 2 files with a post, not 3");
	}
}
