package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.network.JsonHttp;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Mentions through the streaming API ({@code GET /api/v1/streaming/user/notification}, server-sent events as
 * docs.joinmastodon.org/methods/streaming describes, with a heartbeat comment), with a catch-up through the REST API
 * each time a stream opens, a new stream after the instance ended one, and polling for an instance without streaming.
 */
class MastodonStreamingIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String STREAM = "/api/v1/streaming/user/notification";

	@Autowired
	MastodonStreams streams;

	@BeforeEach
	void anInstance() {
		instance.stubFor(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MastodonAnswers.file("verify_credentials.json"))));
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
	}

	private UUID connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		UUID channel = UUID.fromString(created.json().get("id").asString());
		// the first check of the account, as the minutely poll makes it
		api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		return channel;
	}

	/** The first mention of the documented notifications, as one line of the event's data. */
	private static String mention() {
		JsonNode notifications = JsonHttp.JSON.readTree(MastodonAnswers.file("notifications.json"));
		return JsonHttp.JSON.writeValueAsString(notifications.get(0));
	}

	@Test
	void aStreamedMentionArrivesAfterACatchUpAndAnEndedStreamIsOpenedAgain() {
		instance.stubFor(get(STREAM).withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(":)\n\nevent: notification\ndata: " + mention() + "\n\n:thump\n\n")));
		UUID channel = connect();
		int pollsBefore = instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))).size();

		streams.supervise();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
				api.get("/api/v1/conversations?channel=mastodon").json().get("items").size()).isEqualTo(1));
		JsonNode conversation = api.get("/api/v1/conversations?channel=mastodon").json().get("items").get(0);
		assertThat(conversation.get("contact").get("name").asString()).isEqualTo("Lena Vogt");
		// at least: the instance is shared by this class's tests, whose channels the background work may read meanwhile
		assertThat(instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))).size())
			.as("a catch-up when the stream opened").isGreaterThanOrEqualTo(pollsBefore + 1);

		// The instance ended the stream: the next check opens a new one, again after a catch-up from the cursor.
		await().atMost(Duration.ofSeconds(15)).until(() -> !streams.live(channel));
		streams.supervise();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(instance.findAll(getRequestedFor(urlPathEqualTo(STREAM)))).hasSize(2);
			assertThat(instance.findAll(getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
				.withQueryParam("min_id", equalTo("34975861")))).isNotEmpty();
		});
		await().atMost(Duration.ofSeconds(15)).until(() -> !streams.live(channel));
		assertThat(api.get("/api/v1/conversations/" + conversation.get("id").asString() + "/messages").json()
			.get("items").size()).as("the mention once, though the stream brought it twice").isEqualTo(1);
	}

	@Test
	void aStreamedNotificationOfTheWrongShapeIsSkippedAndTheStreamGoesOnToTheNextMention() {
		String mention = mention();
		String[] malformed = { mention.substring(0, mention.length() / 2), "<html><body>Wartungsarbeiten</body></html>",
				"[" + mention.replace("103270115826048976", "113000000000000001") + "]",
				mention.replace("\"id\":\"103270115826048976\",", ""),
				"{\"id\":\"34975870\",\"type\":\"mention\",\"status\":\"113000000000000002\"}" };
		StringBuilder events = new StringBuilder(":)\n\n");
		for (String data : malformed) {
			events.append("event: notification\ndata: ").append(data).append("\n\n");
		}
		events.append("event: notification\ndata: ").append(mention).append("\n\n");
		events.append("event: notification\ndata: ").append(mention).append("\n\n");
		assertThat(mention).as("the status id the malformed ones leave out").contains("\"id\":\"103270115826048976\",");
		instance.stubFor(get(STREAM).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(events.toString())));
		UUID channel = connect();

		streams.supervise();
		await().atMost(Duration.ofSeconds(15)).until(() -> !instance.findAll(getRequestedFor(urlPathEqualTo(STREAM))).isEmpty()
				&& !streams.live(channel));
		assertThat(jdbc.sql("select external_id from messages where workspace_id = ? and direction = 'in'")
			.param(workspace.id()).query(String.class).list())
			.as("the mention after the malformed events, once; nothing of those").containsExactly("103270115826048976");
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("connected").asBoolean()).isTrue();
	}

	@Test
	void anInstanceWithoutStreamingIsPolledAndNotAskedAgainForAnHour() {
		instance.stubFor(get(STREAM).willReturn(aResponse().withStatus(404).withBody("{\"error\": \"Not found\"}")));
		UUID channel = connect();
		streams.supervise();
		// (other tests' channels are watched too: count this instance's requests once every stream has been tried)
		await().atMost(Duration.ofSeconds(15)).until(() -> !instance.findAll(getRequestedFor(urlPathEqualTo(STREAM))).isEmpty()
				&& streams.openCount() == 0);
		int asked = instance.findAll(getRequestedFor(urlPathEqualTo(STREAM))).size();
		streams.supervise();
		assertThat(streams.live(channel)).isFalse();
		assertThat(instance.findAll(getRequestedFor(urlPathEqualTo(STREAM)))).as("not asked again within the hour")
			.hasSize(asked);
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(health.get("connected").asBoolean()).as("no stream is no fault of the account").isTrue();
	}

	@Test
	void aStreamThatBreaksOffIsOpenedAgainOnlyAfterAWaitThatGrows() {
		instance.stubFor(get(STREAM).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		UUID channel = connect();
		streams.supervise();
		await().atMost(Duration.ofSeconds(15)).until(() -> !instance.findAll(getRequestedFor(urlPathEqualTo(STREAM))).isEmpty()
				&& !streams.live(channel));
		int asked = instance.findAll(getRequestedFor(urlPathEqualTo(STREAM))).size();
		streams.supervise();
		assertThat(instance.findAll(getRequestedFor(urlPathEqualTo(STREAM)))).as("not opened again at the next check")
			.hasSize(asked);
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("connected").asBoolean())
			.as("a broken stream is no fault of the account").isTrue();

		Duration check = Duration.ofSeconds(60);
		assertThat(MastodonStreams.backoff(check, 1)).isEqualTo(check);
		assertThat(MastodonStreams.backoff(check, 2)).isEqualTo(Duration.ofMinutes(4));
		assertThat(MastodonStreams.backoff(check, 3)).isEqualTo(Duration.ofMinutes(9));
		assertThat(MastodonStreams.backoff(check, 4)).isEqualTo(MastodonStreams.LONGEST_BACKOFF);
		assertThat(MastodonStreams.backoff(check, 40)).isEqualTo(MastodonStreams.LONGEST_BACKOFF);
	}

	@Test
	void theStreamIsOpenedOnTheStreamingHostTheInstanceNames() {
		WireMockServer streaming = new WireMockServer(wireMockConfig().dynamicPort());
		streaming.start();
		try {
			instance.stubFor(get("/api/v2/instance").willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(MastodonAnswers.file("instance_v2.json").replace("STREAMING_HOST", "ws://localhost:" + streaming.port()))));
			streaming.stubFor(get(STREAM).withHeader("Authorization", equalTo("Bearer good-token"))
				.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
					.withBody(":)\n\nevent: notification\ndata: " + mention() + "\n\n")));
			instance.stubFor(get(STREAM).willReturn(aResponse().withStatus(500)));
			UUID channel = connect();
			streams.supervise();
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
					api.get("/api/v1/conversations?channel=mastodon").json().get("items").size()).isEqualTo(1));
			assertThat(streaming.findAll(getRequestedFor(urlPathEqualTo(STREAM)))).as("opened on the streaming host (again after the short stream ended, when the machine is slow)").isNotEmpty();
			assertThat(instance.findAll(getRequestedFor(urlPathEqualTo(STREAM)))).as("not the instance's own host").isEmpty();
			await().atMost(Duration.ofSeconds(15)).until(() -> !streams.live(channel));
		}
		finally {
			streaming.stop();
		}
	}
}
