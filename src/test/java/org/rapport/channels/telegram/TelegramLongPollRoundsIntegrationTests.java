package org.rapport.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.rapport.channels.telegram.TelegramAnswers.TOKEN;
import static org.rapport.channels.telegram.TelegramAnswers.method;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.ChannelPosts;
import org.rapport.channels.Channels;
import org.rapport.channels.Ingestion;
import org.rapport.inbox.Inbox;
import org.rapport.platform.RapportProperties;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Long polling's rounds: a bot whose Bot API server holds its call beyond the wait holds up no other bot, and gets
 * no second call while the first is open. Two Bot API servers answering as the documentation shows
 * (core.telegram.org/bots/api#getupdates), one of them slow.
 */
class TelegramLongPollRoundsIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension quick = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension slow = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	Channels channels;

	@Autowired
	TelegramClient client;

	@Autowired
	TelegramBots bots;

	@Autowired
	Ingestion ingestion;

	@Autowired
	ChannelPosts posts;

	@Autowired
	Inbox inbox;

	@Autowired
	RapportProperties properties;

	private UUID connect(String key, WireMockExtension server) {
		var created = api.post("/api/v1/channels", Map.of("key", key, "kind", "telegram", "name", "Bot " + key,
				"config", Map.of("botToken", TOKEN, "receive", "polling", "apiServer", server.baseUrl())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		var synced = api.post("/api/v1/channels/" + id + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return UUID.fromString(id);
	}

	private static RequestPatternBuilder longPolls() {
		return postRequestedFor(urlPathEqualTo(method(TOKEN, "getUpdates")))
			.withRequestBody(matchingJsonPath("$.timeout", equalTo("1")));
	}

	@Test
	void aBotWhoseServerOutlastsTheWaitHoldsUpNoOtherBotAndGetsNoSecondCall() throws Exception {
		TelegramAnswers.aBotApi(quick);
		TelegramAnswers.aBotApi(slow);
		// this server answers a long poll only five seconds after its one-second wait
		slow.stubFor(post(urlPathEqualTo(method(TOKEN, "getUpdates"))).atPriority(0)
			.withRequestBody(matchingJsonPath("$.timeout", equalTo("1")))
			.willReturn(aResponse().withFixedDelay(6000).withHeader("Content-Type", "application/json")
				.withBody("{\"ok\": true, \"result\": []}")));
		UUID quickBot = connect("telegram-quick", quick);
		UUID slowBot = connect("telegram-slow", slow);
		TelegramPolling rounds = new TelegramPolling(channels, client, bots, ingestion, posts, inbox, properties, true,
				Duration.ofSeconds(1));
		try {
			rounds.longPollAll();
			assertThat(rounds.open()).as("the round ended while the slow call was open").contains(slowBot)
				.doesNotContain(quickBot);

			rounds.longPollAll();
			quick.verify(moreThanOrExactly(2), longPolls());

			while (rounds.open().contains(slowBot)) {
				Thread.sleep(100);
			}
			assertThat(slow.findAll(longPolls())).as("one call at a time for the slow bot").hasSize(1);
		}
		finally {
			rounds.stop();
		}
	}
}
