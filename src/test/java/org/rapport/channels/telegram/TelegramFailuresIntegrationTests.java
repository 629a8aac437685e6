package org.rapport.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rapport.channels.telegram.TelegramAnswers.TOKEN;
import static org.rapport.channels.telegram.TelegramAnswers.answer;
import static org.rapport.channels.telegram.TelegramAnswers.file;
import static org.rapport.channels.telegram.TelegramAnswers.method;

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

import tools.jackson.databind.JsonNode;

/**
 * The Telegram connector when the Bot API fails: 5xx answers (with and without {@code Retry-After}) and answers that
 * are not what the Bot API documents (a cut body, an HTML page, an object where the list of updates belongs) to
 * {@code getUpdates} and {@code sendMessage}. A fetch answers 200 with the error in the channel's health, stores
 * nothing and keeps the offset, so that the next good answer brings the messages in once. A reply that may have
 * arrived is not sent again by itself (Telegram has no idempotency key; docs/networks.md); a 503 that names when
 * Telegram takes requests again did not carry the message out, and the reply is tried again then.
 */
class TelegramFailuresIntegrationTests extends NetworkFailuresIntegrationTest {

	@RegisterExtension
	static WireMockExtension telegram = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** The fetch of updates. */
	private static final Supplier<MappingBuilder> UPDATES = () -> post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(1);

	TelegramFailuresIntegrationTests() {
		super(telegram);
	}

	@BeforeEach
	void aBotApi() {
		TelegramAnswers.aBotApi(telegram);
	}

	/** 5xx answers and answers of the wrong shape, each with words the failure must contain. */
	private static List<Failure> failures(String truncatedOf) {
		String cut = "200, but not as the Bot API answers";
		return failures(new Failure("500: Internal Server Error", answer(500, "error_500.json")),
				"%d, but not as the Bot API answers", cut, file(truncatedOf), cut);
	}

	private String connect() {
		return connect("telegram", "Kita auf Telegram",
				Map.of("botToken", TOKEN, "receive", "polling", "apiServer", telegram.baseUrl()));
	}

	/** The bot's offset, -1 when it has none yet. */
	private long offset(String channel) {
		return jdbc.sql("select coalesce(update_offset, -1) from telegram_bots where channel_id = ?")
			.param(UUID.fromString(channel)).query(Long.class).single();
	}

	@Test
	void failedFetchesAnswerWithTheHealthKeepTheOffsetAndTheNextGoodFetchBringsTheMessagesInOnce() {
		String channel = connect();
		List<Failure> failures = failures("getUpdates.json");
		failures.add(new Failure("not with a list of updates",
				json(200, "{\"ok\": true, \"result\": {\"update_id\": 815000101}}")));
		failures.add(new Failure("not with a list of updates", json(200, "{\"ok\": true, \"result\": [{\"message\": "
				+ "{\"message_id\": 41, \"chat\": {\"id\": 5550001111, \"type\": \"private\"}, \"text\": \"Hallo\"}}]}")));
		failedReadsChangeNothing(channel, UPDATES, failures, () -> offset(channel), -1L);
		aPauseTheNetworkAsksForIsKept(channel, UPDATES, "telegram_bots");

		JsonNode healed = sync(channel).get("health");
		assertThat(healed.get("lastError").asString()).isEmpty();
		sync(channel);
		assertThat(stored()).as("the private message and the one addressing the bot in the group, once").isEqualTo(2);
		assertThat(offset(channel)).isEqualTo(815000105L);
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

		failedRepliesShowTheFailure(channel, lena, () -> post(urlPathEqualTo(method(TOKEN, "sendMessage"))),
				failures("sendMessage.json"), "Ja, bis zum 15. Juni", (said, attempt) -> {
					assertThat(attempt.error()).as(said).contains("may have arrived");
					assertThat(attempt.nextAttempt()).as("not sent twice by itself after " + said).isNull();
					assertThat(queuedAttempts(attempt.reply())).isZero();
				});

		StubMapping noId = telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.willReturn(json(200, "{\"ok\": true, \"result\": []}")));
		Attempt taken = attempted(reply(lena, "Telegram nahm sie, sagt aber nicht, als welche Nachricht."));
		assertThat(taken.delivery()).as("Telegram said ok: the message left").isEqualTo("sent");
		assertThat(taken.externalId()).as("no id made up for it").doesNotEndWith(":sent");
		telegram.removeStub(noId);

		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.willReturn(unavailableFor(60)));
		String later = reply(lena, "Die Antwort während der Wartung.");
		Attempt attempt = attempted(later);
		assertThat(attempt.delivery()).isEqualTo("failed");
		assertThat(attempt.error()).contains("503").doesNotContain("may have arrived");
		assertThat(attempt.nextAttempt()).as("tried again when Telegram said it takes requests again")
			.isCloseTo(Instant.now().plusSeconds(60), within(10, ChronoUnit.SECONDS));
		assertThat(queuedAttempts(later)).isPositive();
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(Instant.parse(health.get("pausedCalls").get("sending").asString()))
			.isCloseTo(Instant.now().plusSeconds(60), within(10, ChronoUnit.SECONDS));
		assertThat(health.get("rateLimitedUntil").isNull()).as("the pause holds for sending, not for the bot").isTrue();

		jdbc.sql("update network_call_pauses set until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();
		telegram.stubFor(post(urlPathEqualTo(method(TOKEN, "sendMessage"))).willReturn(answer(200, "sendMessage.json")));
		delivery.deliver(workspace.id(), UUID.fromString(later));
		assertThat(attempted(later).delivery()).isEqualTo("sent");
		telegram.verify(2, postRequestedFor(urlPathEqualTo(method(TOKEN, "sendMessage")))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Die Antwort während der Wartung."))));
	}
}
