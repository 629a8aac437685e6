package org.rapport.channels.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.NetworkFailuresIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The Bluesky connector reading a PDS that fails — what the local network of {@code BlueskyNetworkIntegrationTests}
 * cannot be made to answer: 5xx answers (with and without {@code Retry-After}) and answers that are not what the
 * lexicon gives (a cut body, an HTML page, a list where the object belongs, notifications without their post or
 * time) to {@code app.bsky.notification.listNotifications}, and to {@code com.atproto.repo.createRecord} that makes a
 * reply. A read answers 200 with the error in the channel's health, stores nothing and keeps the cursor, so that the
 * next good answer brings the posts in once. A reply is tried again later (when the PDS said, if it did) with the same
 * record key, and is not taken for sent before the PDS names the post it made. The PDS is WireMock, answering as
 * {@code src/test/resources/bluesky/README.md} describes.
 */
class BlueskyFailuresIntegrationTests extends NetworkFailuresIntegrationTest {

	@RegisterExtension
	static WireMockExtension pds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** The read of notifications. */
	private static final Supplier<MappingBuilder> NOTIFICATIONS =
			() -> get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications")));

	/** The making of a post. */
	private static final Supplier<MappingBuilder> CREATE_RECORD = () -> post(xrpc("com.atproto.repo.createRecord"));

	BlueskyFailuresIntegrationTests() {
		super(pds);
	}

	@BeforeEach
	void aPds() {
		jdbc.sql("delete from bluesky_sessions where service = ?").param(pds.baseUrl()).update();
		pds.stubFor(post(xrpc("com.atproto.server.createSession")).willReturn(answer(200, "createSession.json")));
		pds.stubFor(post(xrpc("app.bsky.notification.updateSeen")).willReturn(aResponse().withStatus(200)));
	}

	/** 5xx answers, {@code whole} cut and a page instead of JSON, each with words the failure must contain. */
	private static List<Failure> failures(String whole) {
		return failures(new Failure("500 InternalServerError",
				json(500, "{\"error\": \"InternalServerError\", \"message\": \"Internal Server Error\"}")), "%d",
				"not JSON", whole, "not JSON");
	}

	private String connect() {
		return connect("bluesky", "Verein",
				Map.of("service", pds.baseUrl(), "handle", "verein.bsky.social", "appPassword", "abcd-efgh-ijkl-mnop"));
	}

	private String cursor(String channel) {
		return jdbc.sql("select coalesce(seen_at, 'none') from bluesky_accounts where channel_id = ?")
			.param(UUID.fromString(channel)).query(String.class).single();
	}

	@Test
	void failedReadsAnswerWithTheHealthKeepTheCursorAndTheNextGoodReadBringsThePostsInOnce() {
		String channel = connect();
		String notifications = file("listNotifications.json");
		List<Failure> failures = failures(notifications);
		failures.add(new Failure("a list of notifications", json(200, "[" + notifications + "]")));
		failures.add(new Failure("a list of notifications", json(200, "{\"notifications\": {\"uri\": \"at://x\"}}")));
		failures.add(new Failure("each with its post and time", json(200, notifications.replace("\"indexedAt\"", "\"seen\""))));
		failedReadsChangeNothing(channel, NOTIFICATIONS, failures, () -> cursor(channel), "none");
		aPauseTheNetworkAsksForIsKept(channel, NOTIFICATIONS, "bluesky_accounts");

		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.notification.listNotifications"))).willReturn(answer(200, "listNotifications.json")));
		JsonNode healed = sync(channel).get("health");
		assertThat(healed.get("lastError").asString()).isEmpty();
		sync(channel);
		assertThat(stored()).as("the reply, once; the like is no message").isEqualTo(1);
		assertThat(cursor(channel)).isEqualTo("2026-12-01T09:15:02.000Z");
	}

	/** The post the PDS named for the reply, if it named one. */
	private String postMade(String reply) {
		return jdbc.sql("select uri from bluesky_posts where message_id = ?::uuid").param(reply).query(String.class)
			.optional().orElse(null);
	}

	@Test
	void aReplyThePdsFailsIsTriedAgainWithItsRecordKeyAndIsSentOnlyOnceThePdsNamesThePost() {
		String channel = connect();
		pds.stubFor(NOTIFICATIONS.get().willReturn(answer(200, "listNotifications.json")));
		sync(channel);
		String conversation = api.get("/api/v1/conversations?channel=bluesky").json().get("items").get(0).get("id").asString();
		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.feed.getPosts"))).willReturn(answer(200, "getPosts.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("com.atproto.repo.getRecord"))).willReturn(answer(400, "error_record_not_found.json")));

		List<Failure> failures = failures(file("createRecord.json"));
		failures.add(new Failure("without the uri of the post", json(200, "{}")));
		failures.add(new Failure("without the uri of the post", json(200, "[" + file("createRecord.json") + "]")));
		failedRepliesShowTheFailure(channel, conversation, CREATE_RECORD, failures, "Ja, auch glutenfrei", (said, attempt) -> {
			assertThat(attempt.nextAttempt()).as("tried again after " + said)
				.isCloseTo(Instant.now().plusSeconds(60), within(30, ChronoUnit.SECONDS));
			assertThat(queuedAttempts(attempt.reply())).as(said).isEqualTo(1);
			assertThat(postMade(attempt.reply())).as("no post taken as made after " + said).isNull();
		});
		pds.verify(failures.size(), postRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.createRecord"))));

		pds.stubFor(CREATE_RECORD.get().willReturn(unavailableFor(600)));
		String paused = reply(conversation, "Die Antwort während der Wartung.");
		Attempt attempt = attempted(paused);
		assertThat(attempt.delivery()).isEqualTo("failed");
		assertThat(attempt.error()).contains("503");
		assertThat(attempt.nextAttempt()).as("the next attempt waits as long as the PDS asked")
			.isCloseTo(Instant.now().plusSeconds(600), within(30, ChronoUnit.SECONDS));
		assertThat(queuedAttempts(paused)).isEqualTo(1);

		pds.stubFor(CREATE_RECORD.get().willReturn(answer(200, "createRecord.json")));
		delivery.deliver(workspace.id(), UUID.fromString(paused));
		assertThat(attempted(paused).delivery()).isEqualTo("sent");
		String rkey = jdbc.sql("select rkey from bluesky_posts where message_id = ?::uuid").param(paused)
			.query(String.class).single();
		pds.verify(2, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.createRecord")))
			.withRequestBody(matchingJsonPath("$.rkey", equalTo(rkey))));
		assertThat(postMade(paused)).isEqualTo("at://did:plc:vereinvereinvereinverein/app.bsky.feed.post/3lbx3aaaaaa2c");
	}
}
