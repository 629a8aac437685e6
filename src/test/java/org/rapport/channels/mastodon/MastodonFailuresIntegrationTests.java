package org.rapport.channels.mastodon;

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
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.ReplyDelivery;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.Jobs;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The Mastodon connector when the instance fails: 5xx answers (with and without {@code Retry-After}) and 2xx answers
 * that are not what the API documents (a cut body, an HTML page, an object where a list belongs) to the reading of
 * mentions and to a reply. Reading answers 200 with the error in the channel's health, stores nothing and keeps the
 * cursor, so that the next good answer brings the mentions in once; a reply is tried again later. Also: a direct
 * message arrives and is answered directly. Answers as in {@code src/test/resources/mastodon/README.md}.
 */
class MastodonFailuresIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** What a proxy in front of an instance answers while the instance is down. */
	static final String PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
			+ "</h1></center><hr><center>nginx</center></body></html>";

	@Autowired
	ReplyDelivery delivery;

	@Autowired
	Jobs jobs;

	@BeforeEach
	void anInstance() {
		instance.stubFor(get("/api/v1/accounts/verify_credentials").willReturn(json(200, MastodonAnswers.file("verify_credentials.json"))));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static ResponseDefinitionBuilder html(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
	}

	/** The answers that are no use, each with what the channel's health must say about it. */
	private static List<Map.Entry<String, ResponseDefinitionBuilder>> failures() {
		List<Map.Entry<String, ResponseDefinitionBuilder>> failures = new ArrayList<>();
		failures.add(Map.entry("500", json(500, MastodonAnswers.file("error_500.json"))));
		failures.add(Map.entry("502", html(502, PROXY_PAGE)));
		failures.add(Map.entry("503", html(503, PROXY_PAGE.replace("502 Bad Gateway", "503 Service Temporarily Unavailable"))));
		String notifications = MastodonAnswers.file("notifications.json");
		failures.add(Map.entry("not JSON", json(200, notifications.substring(0, notifications.length() / 2))));
		failures.add(Map.entry("not JSON", html(200, "<html><body><h1>Wartungsarbeiten</h1></body></html>")));
		failures.add(Map.entry("a list of notifications", json(200, "{\"error\": \"Record not found\"}")));
		failures.add(Map.entry("each with its id", json(200, "[{\"type\": \"mention\"}]")));
		return failures;
	}

	private String connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	private String cursor(String channel) {
		return jdbc.sql("select coalesce(last_notification_id, 'none') from mastodon_accounts where channel_id = ?")
			.param(UUID.fromString(channel)).query(String.class).single();
	}

	private int stored() {
		return jdbc.sql("select count(*) from messages where workspace_id = ? and direction = 'in'").param(workspace.id())
			.query(Integer.class).single();
	}

	@Test
	void failedReadsAnswerWithTheHealthKeepTheCursorAndTheNextGoodReadBringsTheMentionsInOnce() {
		String channel = connect();
		for (var entry : failures()) {
			String said = entry.getKey();
			ResponseDefinitionBuilder failure = entry.getValue();
			StubMapping broken = instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).willReturn(failure));
			JsonNode health = sync(channel).get("health");
			assertThat(health.get("lastError").asString()).as(said).contains(said);
			assertThat(health.get("connected").asBoolean()).as("a failing instance keeps the token").isTrue();
			assertThat(health.get("rateLimitedUntil").isNull()).as(said).isTrue();
			assertThat(cursor(channel)).as("the cursor stays where it was after " + said).isEqualTo("none");
			assertThat(stored()).isZero();
			instance.removeStub(broken);
		}

		StubMapping unavailable = instance.stubFor(get(urlPathEqualTo("/api/v1/notifications"))
			.willReturn(html(503, "<html><body>Maintenance</body></html>").withHeader("Retry-After", "120")));
		JsonNode paused = sync(channel).get("health");
		assertThat(paused.get("lastError").asString()).contains("503");
		assertThat(Instant.parse(paused.get("rateLimitedUntil").asString()))
			.isCloseTo(Instant.now().plusSeconds(120), within(10, ChronoUnit.SECONDS));
		int asked = instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))).size();
		sync(channel);
		assertThat(instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))))
			.as("nothing is asked while the instance asked for a pause").hasSize(asked);
		instance.removeStub(unavailable);
		jdbc.sql("update mastodon_accounts set rate_limited_until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();

		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).willReturn(json(200, MastodonAnswers.file("notifications.json"))));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("34975861"))
			.willReturn(json(200, "[]")));
		JsonNode healed = sync(channel).get("health");
		assertThat(healed.get("lastError").asString()).isEmpty();
		assertThat(healed.get("lastReceivedAt").isNull()).isFalse();
		sync(channel);
		assertThat(stored()).as("both statuses, once").isEqualTo(2);
		assertThat(cursor(channel)).isEqualTo("34975861");
	}

	@Test
	void aMentionWithADateTheInstanceWroteWronglyStillArrives() {
		String channel = connect();
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).willReturn(json(200,
				MastodonAnswers.file("notifications.json").replace("2026-11-30T09:12:44.000Z", "gestern"))));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo("34975861"))
			.willReturn(json(200, "[]")));
		assertThat(sync(channel).get("health").get("lastError").asString()).isEmpty();
		assertThat(stored()).isEqualTo(2);
		assertThat(jdbc.sql("select sent_at from messages where external_id = '103270115826048976' and workspace_id = ?")
			.param(workspace.id()).query(Timestamp.class).single().toInstant())
			.as("the notification's time instead").isEqualTo(Instant.parse("2026-11-30T09:12:45Z"));
	}

	private String conversationAfterSync(String channel, String notifications) {
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).willReturn(json(200, notifications)));
		sync(channel);
		return api.get("/api/v1/conversations?channel=mastodon").json().get("items").get(0).get("id").asString();
	}

	private String reply(String conversation, String text) {
		return api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", text, "kind", "reply"))
			.json().get("id").asString();
	}

	/** The reply's delivery, its error and its next attempt, once it was attempted. */
	private record Attempt(String delivery, String error, Instant nextAttempt) {
	}

	private Attempt attempted(String reply) {
		return await().until(() -> jdbc.sql("select delivery, delivery_error, next_attempt_at from messages where id = ?::uuid")
			.param(reply)
			.query((rs, n) -> new Attempt(rs.getString(1), rs.getString(2),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
			.single(), attempt -> !"queued".equals(attempt.delivery()));
	}

	@Test
	void aReplyTheInstanceFailsIsTriedAgainLaterAndLeavesOnceItAnswers() {
		String channel = connect();
		String conversation = conversationAfterSync(channel, MastodonAnswers.file("notifications.json"));
		instance.stubFor(get("/api/v1/statuses/103270115826048976").willReturn(json(200, MastodonAnswers.file("status.json"))));

		Map<String, ResponseDefinitionBuilder> failures = new LinkedHashMap<>();
		failures.put("500", json(500, MastodonAnswers.file("error_500.json")));
		failures.put("502", html(502, PROXY_PAGE));
		failures.put("503", html(503, PROXY_PAGE.replace("502 Bad Gateway", "503 Service Temporarily Unavailable")));
		failures.put("not JSON", json(200, MastodonAnswers.file("posted.json").substring(0, 40)));
		failures.put("something that is not JSON", html(200, "<html><body>Wartungsarbeiten</body></html>"));
		failures.put("the status it posted", json(200, "[]"));
		int[] attempts = { 0 };
		failures.forEach((said, failure) -> {
			StubMapping broken = instance.stubFor(post("/api/v1/statuses").willReturn(failure));
			String reply = reply(conversation, "Bis zum 15. Juni (" + said + ").");
			Attempt attempt = attempted(reply);
			assertThat(attempt.delivery()).as(said).isEqualTo("failed");
			assertThat(attempt.error()).as(said).contains(said).doesNotContain("fault in Rapport");
			assertThat(attempt.nextAttempt()).as("tried again after " + said)
				.isCloseTo(Instant.now().plusSeconds(60), within(30, ChronoUnit.SECONDS));
			assertThat(jobs.list(workspace.id(), "reply-delivery", "queued", 50).stream()
				.filter(job -> job.payload().contains(reply))).as(said).hasSize(1);
			JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
			assertThat(health.get("lastError").asString()).as("the channel's health after " + said).contains(said);
			assertThat(health.get("connected").asBoolean()).isTrue();
			instance.removeStub(broken);
			attempts[0]++;
		});
		instance.verify(attempts[0], postRequestedFor(urlPathEqualTo("/api/v1/statuses")));

		StubMapping statusFails = instance.stubFor(get("/api/v1/statuses/103270115826048976").atPriority(1)
			.willReturn(json(200, "[]")));
		String unreadable = reply(conversation, "Die Antwort, deren Beitrag nicht zu lesen ist.");
		Attempt attempt = attempted(unreadable);
		assertThat(attempt.error()).contains("a status with its id and author");
		assertThat(attempt.nextAttempt()).isNotNull();
		instance.verify(attempts[0], postRequestedFor(urlPathEqualTo("/api/v1/statuses")));
		instance.removeStub(statusFails);

		instance.stubFor(post("/api/v1/statuses").willReturn(html(503, "<html><body>Maintenance</body></html>")
			.withHeader("Retry-After", "600")));
		String paused = reply(conversation, "Die Antwort während der Wartung.");
		assertThat(attempted(paused).nextAttempt()).as("the next attempt waits as long as the instance asked")
			.isCloseTo(Instant.now().plusSeconds(600), within(30, ChronoUnit.SECONDS));

		instance.stubFor(post("/api/v1/statuses").willReturn(json(200, MastodonAnswers.file("posted.json"))));
		delivery.deliver(workspace.id(), UUID.fromString(paused));
		assertThat(attempted(paused).delivery()).isEqualTo("sent");
		instance.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/statuses")).withHeader("Idempotency-Key", equalTo(paused)));
	}

	@Test
	void aDirectMessageArrivesAsAConversationOfItsOwnAndIsAnsweredDirectly() {
		String channel = connect();
		String notifications = MastodonAnswers.file("notification_direct.json");
		String conversation = conversationAfterSync(channel, notifications);
		JsonNode messages = api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
		assertThat(messages.size()).isEqualTo(1);
		assertThat(messages.get(0).get("body").asString()).contains("Nussallergie");
		assertThat(jdbc.sql("select headers->>'visibility' from messages where external_id = '113611002233445566' and workspace_id = ?")
			.param(workspace.id()).query(String.class).single()).isEqualTo("direct");

		String status = JsonHttp.JSON.readTree(notifications).get(0).get("status").toString();
		instance.stubFor(get("/api/v1/statuses/113611002233445566").willReturn(json(200, status)));
		instance.stubFor(post("/api/v1/statuses").willReturn(json(200, MastodonAnswers.file("posted.json"))));
		String reply = reply(conversation, "Gern, rufen Sie uns an.");
		assertThat(attempted(reply).delivery()).isEqualTo("sent");
		instance.verify(postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
			.withRequestBody(matchingJsonPath("$.visibility", equalTo("direct")))
			.withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("113611002233445566")))
			.withRequestBody(matchingJsonPath("$.status", equalTo("@jonas@eltern.example Gern, rufen Sie uns an."))));
	}
}
