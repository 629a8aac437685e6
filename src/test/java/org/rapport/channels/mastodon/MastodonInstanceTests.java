package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.OutboundGuard;

/**
 * What an instance says of itself ({@code GET /api/v2/instance}, asked without a token and so limited per address of
 * the caller for all accounts on it) is asked once for its limits, its quote posts and its streaming host, and again
 * only after a failure. The answer follows docs.joinmastodon.org/methods/instance/#v2 ({@code instance_v2.json}).
 */
class MastodonInstanceTests {

	private WireMockServer instance;

	private final MastodonClient client = new MastodonClient(new OutboundGuard(true), Duration.ofMinutes(10));

	@BeforeEach
	void start() {
		instance = new WireMockServer(wireMockConfig().dynamicPort());
		instance.start();
	}

	@AfterEach
	void stop() {
		instance.stop();
	}

	@Test
	void theInstanceIsAskedOnceForItsLimitsQuotesAndStreams() {
		instance.stubFor(get("/api/v2/instance").willReturn(okJson(MastodonAnswers.file("instance_v2.json")
			.replace("\"max_characters\": 500", "\"max_characters\": 1000")
			.replace("STREAMING_HOST", "wss://streaming.example.social"))));

		assertThat(client.mediaLimits(instance.baseUrl()).maxCharacters()).isEqualTo(1000);
		assertThat(client.quotes(instance.baseUrl())).isFalse();
		assertThat(client.streamingBase(instance.baseUrl())).contains("https://streaming.example.social");
		assertThat(client.mediaLimits(instance.baseUrl()).maxCharacters()).isEqualTo(1000);

		instance.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/instance")));
	}

	@Test
	void aFailureIsNotKept() {
		instance.stubFor(get("/api/v2/instance").willReturn(aResponse().withStatus(503)));
		assertThat(client.mediaLimits(instance.baseUrl())).isEqualTo(MastodonClient.MediaLimits.DEFAULTS);

		instance.stubFor(get("/api/v2/instance").willReturn(okJson(MastodonAnswers.file("instance_v2.json")
			.replace("\"version\": \"4.3.0\",", "\"version\": \"4.5.0\", \"api_versions\": {\"mastodon\": 7},"))));
		assertThat(client.quotes(instance.baseUrl())).isTrue();
		assertThat(client.quotes(instance.baseUrl())).isTrue();

		instance.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/instance")));
	}
}
