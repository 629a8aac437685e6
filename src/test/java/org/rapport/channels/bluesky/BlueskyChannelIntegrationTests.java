package org.rapport.channels.bluesky;

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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.OutgoingReply;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * What a local network cannot be made to answer on demand, against answers written from Bluesky's HTTP reference
 * (WireMock; see {@code src/test/resources/bluesky/README.md}): an expired access token refreshed with the refresh
 * token and the call made again, without a second login; a 429 whose {@code ratelimit-reset} times the reply's next
 * attempt; a refresh the PDS refuses too, which shows as "reconnect needed".
 */
class BlueskyChannelIntegrationTests extends IntegrationTest {

	static final String LENA_POST = "at://did:plc:lenalenalenalenalenalena/app.bsky.feed.post/3lbx2hvw4ks2c";

	@RegisterExtension
	static WireMockExtension pds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	Channels channels;

	@Autowired
	BlueskyConnector connector;

	static String file(String name) {
		try (var in = BlueskyChannelIntegrationTests.class.getResourceAsStream("/bluesky/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ResponseDefinitionBuilder answer(int status, String name) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(file(name));
	}

	static String xrpc(String method) {
		return "/xrpc/" + method;
	}

	@BeforeEach
	void aPds() {
		pds.resetAll();
		// every test logs in anew: sessions are kept per server and handle, and the server is the same for all
		jdbc.sql("delete from bluesky_sessions where service = ?").param(pds.baseUrl()).update();
		pds.stubFor(post(xrpc("com.atproto.server.createSession")).willReturn(answer(200, "createSession.json")));
		pds.stubFor(post(xrpc("com.atproto.server.createSession")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.password", equalTo("wrong-wrong-wrong-wrong")))
			.willReturn(answer(401, "error_401.json")));
		pds.stubFor(post(xrpc("com.atproto.server.refreshSession")).withHeader("Authorization", equalTo("Bearer refresh-1"))
			.willReturn(answer(200, "refreshSession.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))
			.withHeader("Authorization", equalTo("Bearer access-1")).willReturn(answer(400, "error_expired.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")))
			.withHeader("Authorization", equalTo("Bearer access-2")).willReturn(answer(200, "listNotifications.json")));
		pds.stubFor(post(xrpc("app.bsky.notification.updateSeen")).willReturn(aResponse().withStatus(200)));
	}

	private String connect(String password) {
		var created = api.post("/api/v1/channels", Map.of("key", "bluesky", "kind", "bluesky", "name", "Verein",
				"config", Map.of("service", pds.baseUrl(), "handle", "verein.bsky.social", "appPassword", password)));
		if (created.status() != 201) {
			throw new AssertionError(created.body());
		}
		return created.json().get("id").asString();
	}

	private JsonNode sync(String channel) {
		return api.post("/api/v1/channels/" + channel + "/sync", Map.of()).json();
	}

	@Test
	void anExpiredAccessTokenIsRefreshedOnceAndTheCallMadeAgainWithoutANewLogin() {
		String channel = connect("abcd-efgh-ijkl-mnop");
		JsonNode synced = sync(channel);
		assertThat(synced.get("health").get("connected").asBoolean()).as(synced.toString()).isTrue();

		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.createSession"))));
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.refreshSession"))));
		pds.verify(postRequestedFor(urlPathEqualTo(xrpc("app.bsky.notification.updateSeen")))
			.withHeader("Authorization", equalTo("Bearer access-2"))
			.withRequestBody(matchingJsonPath("$.seenAt", equalTo("2026-12-01T09:15:02.000Z"))));
		assertThat(jdbc.sql("select external_id from messages where workspace_id = ?").param(workspace.id())
			.query(String.class).list()).as("the reply; the like is no message").containsExactly(LENA_POST);
		assertThat(jdbc.sql("select access_jwt from bluesky_sessions where identifier = 'verein.bsky.social'")
			.query(String.class).single()).as("sealed").startsWith("enc:v1:").doesNotContain("access-2");

		sync(channel);
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.createSession"))));
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.refreshSession"))));
		assertThat(jdbc.sql("select count(*) from messages where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aRateLimitedReplyWaitsUntilTheResetThePdsNamed() {
		String channel = connect("abcd-efgh-ijkl-mnop");
		sync(channel);
		long reset = Instant.now().plusSeconds(900).getEpochSecond();
		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.feed.getPosts"))).willReturn(answer(200, "getPosts.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("com.atproto.repo.getRecord"))).willReturn(answer(400, "error_record_not_found.json")));
		pds.stubFor(post(xrpc("com.atproto.repo.createRecord")).willReturn(answer(429, "error_429.json")
			.withHeader("ratelimit-limit", "5000").withHeader("ratelimit-remaining", "0")
			.withHeader("ratelimit-reset", String.valueOf(reset)).withHeader("ratelimit-policy", "5000;w=3600")));

		var bluesky = channels.get(workspace.id(), UUID.fromString(channel));
		OutgoingReply reply = new OutgoingReply(UUID.randomUUID(), UUID.randomUUID(), "Lena Vogt", List.of(), LENA_POST,
				"", "Ja, glutenfreien Kuchen gibt es auch 🍰", "Olga", List.of(LENA_POST));
		DeliveryException refused = catchThrowableOfType(DeliveryException.class, () -> connector.deliver(bluesky, reply));
		assertThat(refused.retryable()).isTrue();
		assertThat(refused.notBefore()).isEqualTo(Instant.ofEpochSecond(reset));
		assertThat(channels.health(bluesky).pausedCalls()).as("writes wait, not the account")
			.containsEntry(BlueskyClient.WRITES, Instant.ofEpochSecond(reset));
		assertThat(connector.health(bluesky).rateLimitedUntil()).isNull();
		pds.verify(postRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.createRecord")))
			.withRequestBody(matchingJsonPath("$.record.reply.parent.uri", equalTo(LENA_POST)))
			.withRequestBody(matchingJsonPath("$.record.reply.root.uri",
					equalTo("at://did:plc:vereinvereinvereinverein/app.bsky.feed.post/3lbwzzq5lks2a"))));

		String rkey = jdbc.sql("select rkey from bluesky_posts where message_id = ?").param(reply.messageId())
			.query(String.class).single();
		pds.stubFor(post(xrpc("com.atproto.repo.createRecord")).willReturn(answer(200, "createRecord.json")));
		// the pause of writes ends, as time would end it
		jdbc.sql("update network_call_pauses set until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();
		try {
			assertThat(connector.deliver(bluesky, reply).externalId())
				.isEqualTo("at://did:plc:vereinvereinvereinverein/app.bsky.feed.post/3lbx3aaaaaa2c");
		}
		catch (DeliveryException e) {
			throw new AssertionError(e);
		}
		pds.verify(postRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.createRecord")))
			.withRequestBody(matchingJsonPath("$.rkey", equalTo(rkey))));
		pds.verify(getRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.getRecord"))));

		var tooLong = new OutgoingReply(UUID.randomUUID(), UUID.randomUUID(), "Lena Vogt", List.of(), LENA_POST, "",
				"👨‍👩‍👧".repeat(301), "Olga", List.of(LENA_POST));
		assertThat(catchThrowableOfType(DeliveryException.class, () -> connector.deliver(bluesky, tooLong)).getMessage())
			.contains("at most 300 characters", "301");
	}

	@Test
	void aRefreshThePdsRefusesShowsReconnectNeededAndAWrongPasswordNamesTheField() {
		var refused = api.post("/api/v1/channels", Map.of("key", "bluesky", "kind", "bluesky", "config",
				Map.of("service", pds.baseUrl(), "handle", "verein.bsky.social", "appPassword", "wrong-wrong-wrong-wrong")));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("config.appPassword");
		assertThat(refused.json().get("detail").asString()).contains("Invalid identifier or password")
			.doesNotContain("wrong-wrong");

		pds.stubFor(post(xrpc("com.atproto.server.refreshSession")).atPriority(1)
			.willReturn(answer(400, "error_expired.json")));
		String channel = connect("abcd-efgh-ijkl-mnop");
		JsonNode health = sync(channel).get("health");
		assertThat(health.get("connected").asBoolean()).isFalse();
		assertThat(health.get("lastError").asString()).contains("Reconnect needed");
		assertThat(api.get("/api/v1/channels/" + channel).json().get("health").get("connected").asBoolean()).isFalse();
		sync(channel);
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.refreshSession"))));
		pds.verify(2, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.createSession")))
			.withRequestBody(matchingJsonPath("$.identifier", equalTo("verein.bsky.social"))));
		assertThat(pds.findAll(postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.createSession")))))
			.as("the refused password and the connect; none after the session was refused")
			.extracting(r -> r.getBodyAsString().contains("wrong-wrong")).containsExactly(true, false);

		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications"))).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer access-1")).willReturn(answer(200, "listNotifications.json")));
		var reconnected = api.patch("/api/v1/channels/" + channel,
				Map.of("config", Map.of("appPassword", "abcd-efgh-ijkl-mnop")));
		assertThat(reconnected.status()).as(reconnected.body()).isEqualTo(200);
		pds.verify(3, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.server.createSession"))));
		JsonNode healed = sync(channel).get("health");
		assertThat(healed.get("connected").asBoolean()).as(healed.toString()).isTrue();
		assertThat(healed.get("lastError").asString()).isEmpty();
		assertThat(jdbc.sql("select count(*) from messages where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void theSettingsPageSaysInGermanWhenBlueskyRefusesTheAppPassword() throws Exception {
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/settings/channels");
		assertThat(page.body()).contains("Bluesky-Konto", "App-Passwörter", "name=\"appPassword\"", "type=\"password\"");
		String csrf = UiSession.csrf(page.body());
		var refused = ui.form("/settings/channels/connect/bluesky", Map.of("_csrf", csrf, "name", "Verein",
				"service", pds.baseUrl(), "handle", "verein.bsky.social", "appPassword", "wrong-wrong-wrong-wrong"));
		assertThat(refused.status()).as("the form again, not an error page").isEqualTo(200);
		assertThat(refused.body()).contains("Bluesky hat Handle und App-Passwort nicht angenommen.",
				"Invalid identifier or password").contains("id=\"bluesky-appPassword\"").contains("aria-invalid=\"true\"")
			.doesNotContain("wrong-wrong");
		assertThat(channels.of(workspace.id())).noneMatch(c -> c.kind().equals("bluesky"));

		var connected = ui.form("/settings/channels/connect/bluesky", Map.of("_csrf", csrf, "name", "Verein",
				"service", pds.baseUrl(), "handle", "@verein.bsky.social", "appPassword", "abcd-efgh-ijkl-mnop"));
		assertThat(connected.location()).endsWith("/settings/channels");
		assertThat(channels.byKey(workspace.id(), "bluesky").orElseThrow().config())
			.containsEntry("handle", "verein.bsky.social");
	}

	@Test
	void aReplyTakesOnlyImagesOfUpToAMegabyteEachAndTheComposerSaysSo() throws Exception {
		String channel = connect("abcd-efgh-ijkl-mnop");
		sync(channel);
		String conversation = jdbc.sql("select conversation_id::text from messages where workspace_id = ? and external_id = ?")
			.params(workspace.id(), LENA_POST).query(String.class).single();
		String messages = "/api/v1/conversations/" + conversation + "/messages";

		var large = api.post(messages, Map.of("body", "Das Foto.", "attachments", List.of(image("gross.png", 1_000_001))));
		assertThat(large.status()).as(large.body()).isEqualTo(400);
		assertThat(large.json().get("field").asString()).isEqualTo("attachments");
		assertThat(large.json().get("detail").asString())
			.isEqualTo("'gross.png' is 1.1 MB; at most 1 MB a file can go with a reply on this channel.");
		var five = api.post(messages, Map.of("body", "Die Fotos.", "attachments", java.util.Collections.nCopies(5,
				image("klein.png", 10))));
		assertThat(five.json().get("detail").asString()).isEqualTo("At most 4 files can go with one message, not 5.");
		var unnamedType = api.post(messages, Map.of("body", "Der Plan.", "attachments", List.of(Map.of("fileName",
				"plan.pdf", "content", java.util.Base64.getEncoder().encodeToString(new byte[] { '%', 'P', 'D', 'F' })))));
		assertThat(unnamedType.status()).as(unnamedType.body()).isEqualTo(400);
		assertThat(unnamedType.json().get("detail").asString()).as("the kind told by the name when none is given")
			.startsWith("'plan.pdf' (application/pdf) cannot go with a reply on this channel");
		var plannedPdf = api.post(messages, Map.of("body", "Der Plan, morgen.", "sendAt",
				java.time.Instant.now().plus(java.time.Duration.ofHours(2)).toString(), "attachments", List.of(Map.of("fileName",
						"plan.pdf", "content", java.util.Base64.getEncoder().encodeToString(new byte[] { '%', 'P', 'D', 'F' })))));
		assertThat(plannedPdf.status()).as("refused when planned, not when it is due").isEqualTo(400);
		assertThat(plannedPdf.json().get("field").asString()).isEqualTo("attachments");
		assertThat(api.get("/api/v1/conversations/" + conversation + "/scheduled").json().get("items")).isEmpty();
		assertThat(jdbc.sql("select count(*) from messages where conversation_id = ?::uuid").param(conversation)
			.query(Integer.class).single()).as("nothing stored").isEqualTo(1);

		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String page = ui.get("/inbox/" + conversation).body();
		assertThat(page).contains("accept=\"image/jpeg,image/png,image/webp,image/gif\"",
				"data-reply-accept=\"image/jpeg,image/png,image/webp,image/gif\"");
		assertThat(page).containsAnyOf("Up to 4 files, at most 1 MB each. Kinds: JPEG, PNG, WebP, GIF.",
				"Bis zu 4 Dateien, je höchstens 1 MB. Arten: JPEG, PNG, WebP, GIF.");
	}

	private static Map<String, String> image(String name, int bytes) {
		return Map.of("fileName", name, "contentType", "image/png", "content",
				java.util.Base64.getEncoder().encodeToString(new byte[bytes]));
	}
}
