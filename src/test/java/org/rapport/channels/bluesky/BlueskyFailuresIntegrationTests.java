package org.rapport.channels.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rapport.channels.bluesky.BlueskyChannelIntegrationTests.answer;
import static org.rapport.channels.bluesky.BlueskyChannelIntegrationTests.file;
import static org.rapport.channels.bluesky.BlueskyChannelIntegrationTests.xrpc;

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
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The Bluesky connector reading a PDS that fails — what the local network of {@code BlueskyNetworkIntegrationTests}
 * cannot be made to answer: 5xx answers (with and without {@code Retry-After}) and answers that are not what the
 * lexicon gives (a cut body, an HTML page, a list where the object belongs, notifications without their post or
 * time) to {@code app.bsky.notification.listNotifications}. A read answers 200 with the error in the channel's health,
 * stores nothing and keeps the cursor, so that the next good answer brings the posts in once. The PDS is WireMock,
 * answering as {@code src/test/resources/bluesky/README.md} describes.
 */
class BlueskyFailuresIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension pds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** What a proxy in front of a PDS answers while it is down. */
	static final String PROXY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
			+ "</h1></center><hr><center>nginx</center></body></html>";

	@BeforeEach
	void aPds() {
		jdbc.sql("delete from bluesky_sessions where service = ?").param(pds.baseUrl()).update();
		pds.stubFor(post(xrpc("com.atproto.server.createSession")).willReturn(answer(200, "createSession.json")));
		pds.stubFor(post(xrpc("app.bsky.notification.updateSeen")).willReturn(aResponse().withStatus(200)));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static ResponseDefinitionBuilder html(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
	}

	private String connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "bluesky", "kind", "bluesky", "name", "Verein",
				"config", Map.of("service", pds.baseUrl(), "handle", "verein.bsky.social", "appPassword", "abcd-efgh-ijkl-mnop")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	private String cursor(String channel) {
		return jdbc.sql("select coalesce(seen_at, 'none') from bluesky_accounts where channel_id = ?")
			.param(UUID.fromString(channel)).query(String.class).single();
	}

	private int stored() {
		return jdbc.sql("select count(*) from messages where workspace_id = ? and direction = 'in'").param(workspace.id())
			.query(Integer.class).single();
	}

	private int reads() {
		return pds.findAll(getRequestedFor(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))).size();
	}

	@Test
	void failedReadsAnswerWithTheHealthKeepTheCursorAndTheNextGoodReadBringsThePostsInOnce() {
		String channel = connect();
		String notifications = file("listNotifications.json");
		List<Map.Entry<String, ResponseDefinitionBuilder>> failures = List.of(
				Map.entry("500 InternalServerError", json(500,
						"{\"error\": \"InternalServerError\", \"message\": \"Internal Server Error\"}")),
				Map.entry("502", html(502, PROXY_PAGE)),
				Map.entry("503", html(503, PROXY_PAGE.replace("502 Bad Gateway", "503 Service Temporarily Unavailable"))),
				Map.entry("not JSON", json(200, notifications.substring(0, notifications.length() / 2))),
				Map.entry("not JSON", html(200, "<html><body>Wartungsarbeiten</body></html>")),
				Map.entry("a list of notifications", json(200, "[" + notifications + "]")),
				Map.entry("a list of notifications", json(200, "{\"notifications\": {\"uri\": \"at://x\"}}")),
				Map.entry("each with its post and time", json(200, notifications.replace("\"indexedAt\"", "\"seen\""))));
		for (var entry : failures) {
			StubMapping broken = pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))
				.willReturn(entry.getValue()));
			JsonNode health = sync(channel).get("health");
			assertThat(health.get("lastError").asString()).as(entry.getKey()).contains(entry.getKey());
			assertThat(health.get("connected").asBoolean()).as("a failing PDS keeps the session").isTrue();
			assertThat(cursor(channel)).as("the cursor stays after " + entry.getKey()).isEqualTo("none");
			assertThat(stored()).isZero();
			pds.removeStub(broken);
		}

		StubMapping unavailable = pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))
			.willReturn(html(503, "<html><body>Maintenance</body></html>").withHeader("Retry-After", "120")));
		JsonNode paused = sync(channel).get("health");
		assertThat(paused.get("lastError").asString()).contains("503");
		assertThat(Instant.parse(paused.get("rateLimitedUntil").asString()))
			.isCloseTo(Instant.now().plusSeconds(120), within(10, ChronoUnit.SECONDS));
		int asked = reads();
		sync(channel);
		assertThat(reads()).as("nothing is asked while the PDS asked for a pause").isEqualTo(asked);
		pds.removeStub(unavailable);
		jdbc.sql("update bluesky_accounts set rate_limited_until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();

		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications"))).willReturn(answer(200, "listNotifications.json")));
		JsonNode healed = sync(channel).get("health");
		assertThat(healed.get("lastError").asString()).isEmpty();
		sync(channel);
		assertThat(stored()).as("the reply, once; the like is no message").isEqualTo(1);
		assertThat(cursor(channel)).isEqualTo("2026-12-01T09:15:02.000Z");
	}
}
