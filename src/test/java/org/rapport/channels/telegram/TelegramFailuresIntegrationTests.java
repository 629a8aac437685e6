package org.rapport.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.rapport.platform.Jobs;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The Telegram connector when the Bot API fails: 5xx answers (with and without {@code Retry-After}) and answers that
 * are not what the Bot API documents (a cut body, an HTML page, an object where the list of updates belongs) to
 * {@code getUpdates} and {@code sendMessage}. A fetch answers 200 with the error in the channel's health, stores
 * nothing and keeps the offset, so that the next good answer brings the messages in once. A reply that may have
 * arrived is not sent again by itself (Telegram has no idempotency key; docs/networks.md); a 503 that names when
 * Telegram takes requests again did not carry the message out, and the reply is tried again then.
 */
class TelegramFailuresIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension telegram = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** What a proxy in front of the Bot API answers while it is down. */
	static final String PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
			+ "</h1></center><hr><center>nginx</center></body></html>";

	@Autowired
	ReplyDelivery delivery;

	@Autowired
	Jobs jobs;

	@BeforeEach
	void aBotApi() {
		telegram.stubFor(post(method(TOKEN, "getMe")).willReturn(answer(200, "getMe.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).willReturn(answer(200, "getUpdates.json")));
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(1)
			.withRequestBody(matchingJsonPath("$.offset", equalTo("815000105")))
			.willReturn(json(200, "{\"ok\": true, \"result\": []}")));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static ResponseDefinitionBuilder html(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
	}

	/** 5xx answers and answers of the wrong shape, each with words the failure must contain. */
	private static List<Map.Entry<String, ResponseDefinitionBuilder>> failures(String truncatedOf) {
		String whole = file(truncatedOf);
		return List.of(Map.entry("500: Internal Server Error", answer(500, "error_500.json")),
				Map.entry("502, but not as the Bot API answers", html(502, PROXY_PAGE)),
				Map.entry("503, but not as the Bot API answers",
						html(503, PROXY_PAGE.replace("502 Bad Gateway", "503 Service Temporarily Unavailable"))),
				Map.entry("200, but not as the Bot API answers", json(200, whole.substring(0, whole.length() / 2))),
				Map.entry("200, but not as the Bot API answers", html(200, "<html><body>Wartungsarbeiten</body></html>")));
	}

	private String connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "telegram", "kind", "telegram", "name", "Kita auf Telegram",
				"config", Map.of("botToken", TOKEN, "receive", "polling", "apiServer", telegram.baseUrl())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	/** The bot's offset, -1 when it has none yet. */
	private long offset(String channel) {
		return jdbc.sql("select coalesce(update_offset, -1) from telegram_bots where channel_id = ?")
			.param(UUID.fromString(channel)).query(Long.class).single();
	}

	private int stored() {
		return jdbc.sql("select count(*) from messages where workspace_id = ? and direction = 'in'").param(workspace.id())
			.query(Integer.class).single();
	}

	private int fetches() {
		return telegram.findAll(postRequestedFor(urlPathEqualTo(method(TOKEN, "getUpdates")))).size();
	}

	@Test
	void failedFetchesAnswerWithTheHealthKeepTheOffsetAndTheNextGoodFetchBringsTheMessagesInOnce() {
		String channel = connect();
		var failures = new java.util.ArrayList<>(failures("getUpdates.json"));
		failures.add(Map.entry("not with a list of updates",
				json(200, "{\"ok\": true, \"result\": {\"update_id\": 815000101}}")));
		failures.add(Map.entry("not with a list of updates", json(200, "{\"ok\": true, \"result\": [{\"message\": "
				+ "{\"message_id\": 41, \"chat\": {\"id\": 5550001111, \"type\": \"private\"}, \"text\": \"Hallo\"}}]}")));
		for (var entry : failures) {
			StubMapping broken = telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(1)
				.willReturn(entry.getValue()));
			JsonNode health = sync(channel).get("health");
			assertThat(health.get("lastError").asString()).as(entry.getKey()).contains(entry.getKey());
			assertThat(health.get("connected").asBoolean()).as("a failing Bot API keeps the token").isTrue();
			assertThat(offset(channel)).as("the offset stays after " + entry.getKey()).isEqualTo(-1);
			assertThat(stored()).isZero();
			telegram.removeStub(broken);
		}

		StubMapping unavailable = telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(1)
			.willReturn(html(503, "<html><body>Maintenance</body></html>").withHeader("Retry-After", "120")));
		JsonNode paused = sync(channel).get("health");
		assertThat(paused.get("lastError").asString()).contains("503");
		assertThat(Instant.parse(paused.get("rateLimitedUntil").asString()))
			.isCloseTo(Instant.now().plusSeconds(120), within(10, ChronoUnit.SECONDS));
		int asked = fetches();
		sync(channel);
		assertThat(fetches()).as("nothing is asked while Telegram asked for a pause").isEqualTo(asked);
		telegram.removeStub(unavailable);
		jdbc.sql("update telegram_bots set rate_limited_until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();

		JsonNode healed = sync(channel).get("health");
		assertThat(healed.get("lastError").asString()).isEmpty();
		sync(channel);
		assertThat(stored()).as("the private message and the one addressing the bot in the group, once").isEqualTo(2);
		assertThat(offset(channel)).isEqualTo(815000105L);
	}

	/** The reply's delivery, its error and its next attempt, once it was attempted. */
	private record Attempt(String delivery, String error, Instant nextAttempt, String externalId) {
	}

	private Attempt attempted(String reply) {
		return await().until(() -> jdbc.sql("select delivery, delivery_error, next_attempt_at, external_id from messages where id = ?::uuid")
			.param(reply)
			.query((rs, n) -> new Attempt(rs.getString(1), rs.getString(2),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.single(), attempt -> !"queued".equals(attempt.delivery()));
	}

	private String reply(String conversation, String text) {
		return api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", text, "kind", "reply"))
			.json().get("id").asString();
	}

	private boolean retryQueued(String reply) {
		return jobs.list(workspace.id(), "reply-delivery", "queued", 50).stream().anyMatch(job -> job.payload().contains(reply));
	}

	@Test
	void aReplyThatMayHaveArrivedIsNotSentTwiceAndOneTelegramDidNotTakeIsTriedAgainWhenItSaid() {
		String channel = connect();
		sync(channel);
		String lena = null;
		for (JsonNode conversation : api.get("/api/v1/conversations?channel=telegram").json().get("items")) {
			if (conversation.get("contact").get("name").asString().equals("Lena Vogt")) {
				lena = conversation.get("id").asString();
			}
		}
		assertThat(lena).isNotNull();

		for (var entry : failures("sendMessage.json")) {
			StubMapping broken = telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(entry.getValue()));
			String reply = reply(lena, "Ja, bis zum 15. Juni (" + entry.getKey() + ").");
			Attempt attempt = attempted(reply);
			assertThat(attempt.delivery()).as(entry.getKey()).isEqualTo("failed");
			assertThat(attempt.error()).as(entry.getKey()).contains(entry.getKey()).contains("may have arrived")
				.doesNotContain("fault in Rapport");
			assertThat(attempt.nextAttempt()).as("not sent twice by itself after " + entry.getKey()).isNull();
			assertThat(retryQueued(reply)).isFalse();
			JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
			assertThat(health.get("lastError").asString()).contains(entry.getKey());
			assertThat(health.get("connected").asBoolean()).isTrue();
			telegram.removeStub(broken);
		}

		StubMapping noId = telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.willReturn(json(200, "{\"ok\": true, \"result\": []}")));
		Attempt taken = attempted(reply(lena, "Telegram nahm sie, sagt aber nicht, als welche Nachricht."));
		assertThat(taken.delivery()).as("Telegram said ok: the message left").isEqualTo("sent");
		assertThat(taken.externalId()).as("no id made up for it").doesNotEndWith(":sent");
		telegram.removeStub(noId);

		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.willReturn(html(503, "<html><body>Maintenance</body></html>").withHeader("Retry-After", "60")));
		String later = reply(lena, "Die Antwort während der Wartung.");
		Attempt attempt = attempted(later);
		assertThat(attempt.delivery()).isEqualTo("failed");
		assertThat(attempt.error()).contains("503").doesNotContain("may have arrived");
		assertThat(attempt.nextAttempt()).as("tried again when Telegram said it takes requests again")
			.isCloseTo(Instant.now().plusSeconds(60), within(10, ChronoUnit.SECONDS));
		assertThat(retryQueued(later)).isTrue();
		assertThat(Instant.parse(api.get("/api/v1/channels/" + channel).json().get("health").get("rateLimitedUntil").asString()))
			.isCloseTo(Instant.now().plusSeconds(60), within(10, ChronoUnit.SECONDS));

		jdbc.sql("update telegram_bots set rate_limited_until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(200, "sendMessage.json")));
		delivery.deliver(workspace.id(), UUID.fromString(later));
		assertThat(attempted(later).delivery()).isEqualTo("sent");
		telegram.verify(2, postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Die Antwort während der Wartung."))));
	}
}
