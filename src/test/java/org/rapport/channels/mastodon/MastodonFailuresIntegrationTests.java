package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.NetworkFailuresIntegrationTest;
import org.rapport.channels.network.JsonHttp;

import tools.jackson.databind.JsonNode;

/**
 * The Mastodon connector when the instance fails: 5xx answers (with and without {@code Retry-After}) and 2xx answers
 * that are not what the API documents (a cut body, an HTML page, an object where a list belongs) to the reading of
 * mentions and to a reply. Reading answers 200 with the error in the channel's health, stores nothing and keeps the
 * cursor, so that the next good answer brings the mentions in once; a reply is tried again later. Also: a direct
 * message arrives and is answered directly. Answers as in {@code src/test/resources/mastodon/README.md}.
 */
class MastodonFailuresIntegrationTests extends NetworkFailuresIntegrationTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** The read of mentions. */
	private static final Supplier<MappingBuilder> NOTIFICATIONS = () -> get(urlPathEqualTo("/api/v1/notifications"));

	MastodonFailuresIntegrationTests() {
		super(instance);
	}

	@BeforeEach
	void anInstance() {
		instance.stubFor(get("/api/v1/accounts/verify_credentials").willReturn(json(200, MastodonAnswers.file("verify_credentials.json"))));
	}

	/** The answers to the read of mentions that are no use, each with what the channel's health must say about it. */
	private static List<Failure> failures() {
		List<Failure> failures = failures(new Failure("500", json(500, MastodonAnswers.file("error_500.json"))), "%d",
				"not JSON", MastodonAnswers.file("notifications.json"), "not JSON");
		failures.add(new Failure("a list of notifications", json(200, "{\"error\": \"Record not found\"}")));
		failures.add(new Failure("each with its id", json(200, "[{\"type\": \"mention\"}]")));
		return failures;
	}

	private String connect() {
		return connect("mastodon", "Kita auf Mastodon", Map.of("instance", instance.baseUrl(), "accessToken", "good-token"));
	}

	private String cursor(String channel) {
		return jdbc.sql("select coalesce(last_notification_id, 'none') from mastodon_accounts where channel_id = ?")
			.param(UUID.fromString(channel)).query(String.class).single();
	}

	@Test
	void failedReadsAnswerWithTheHealthKeepTheCursorAndTheNextGoodReadBringsTheMentionsInOnce() {
		String channel = connect();
		failedReadsChangeNothing(channel, NOTIFICATIONS, failures(), () -> cursor(channel), "none",
				(said, health) -> assertThat(health.get("rateLimitedUntil").isNull()).as(said).isTrue());
		aPauseTheNetworkAsksForIsKept(channel, NOTIFICATIONS, "mastodon_accounts");

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

	@Test
	void aReplyTheInstanceFailsIsTriedAgainLaterAndLeavesOnceItAnswers() {
		String channel = connect();
		String conversation = conversationAfterSync(channel, MastodonAnswers.file("notifications.json"));
		instance.stubFor(get("/api/v1/statuses/103270115826048976").willReturn(json(200, MastodonAnswers.file("status.json"))));

		List<Failure> failures = failures(new Failure("500", json(500, MastodonAnswers.file("error_500.json"))), "%d",
				"not JSON", MastodonAnswers.file("posted.json"), "something that is not JSON");
		failures.add(new Failure("the status it posted", json(200, "[]")));
		failedRepliesShowTheFailure(channel, conversation, () -> post("/api/v1/statuses"), failures, "Bis zum 15. Juni",
				(said, attempt) -> {
					assertThat(attempt.nextAttempt()).as("tried again after " + said)
						.isCloseTo(Instant.now().plusSeconds(60), within(30, ChronoUnit.SECONDS));
					assertThat(queuedAttempts(attempt.reply())).as(said).isEqualTo(1);
				});
		int attempts = failures.size();
		instance.verify(attempts, postRequestedFor(urlPathEqualTo("/api/v1/statuses")));

		StubMapping statusFails = instance.stubFor(get("/api/v1/statuses/103270115826048976").atPriority(1)
			.willReturn(json(200, "[]")));
		String unreadable = reply(conversation, "Die Antwort, deren Beitrag nicht zu lesen ist.");
		Attempt attempt = attempted(unreadable);
		assertThat(attempt.error()).contains("a status with its id and author");
		assertThat(attempt.nextAttempt()).isNotNull();
		instance.verify(attempts, postRequestedFor(urlPathEqualTo("/api/v1/statuses")));
		instance.removeStub(statusFails);

		instance.stubFor(post("/api/v1/statuses").willReturn(unavailableFor(600)));
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
