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
		aRecordedPds(pds, jdbc);
	}

	/** A recorded PDS that opens sessions and takes the read notifications as seen; no session of it kept before. */
	static void aRecordedPds(WireMockExtension pds, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
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

	/** The conversation of the reply the PDS's notifications bring, with what answering it reads answered. */
	private String replyConversation(String channel) {
		pds.stubFor(NOTIFICATIONS.get().willReturn(answer(200, "listNotifications.json")));
		sync(channel);
		pds.stubFor(get(urlPathEqualTo(xrpc("app.bsky.feed.getPosts"))).willReturn(answer(200, "getPosts.json")));
		pds.stubFor(get(urlPathEqualTo(xrpc("com.atproto.repo.getRecord"))).willReturn(answer(400, "error_record_not_found.json")));
		return api.get("/api/v1/conversations?channel=bluesky").json().get("items").get(0).get("id").asString();
	}

	@Test
	void aRateLimitOfWritesHoldsRepliesOnlyAndTheReplyLeavesAfterThePause() {
		String channel = connect();
		String conversation = replyConversation(channel);
		// docs.bsky.app/docs/advanced-guides/rate-limits: writes to a repository have their own limit (5,000 points an
		// hour); a 429 says RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds since the epoch), RateLimit-Policy
		Instant reset = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		pds.stubFor(CREATE_RECORD.get().willReturn(answer(429, "error_429.json").withHeader("RateLimit-Limit", "5000")
			.withHeader("RateLimit-Remaining", "0").withHeader("RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
			.withHeader("RateLimit-Policy", "5000;w=3600")));

		String held = reply(conversation, "Die Antwort, während Schreiben pausiert ist.");
		Attempt attempt = attempted(held);
		assertThat(attempt.delivery()).isEqualTo("failed");
		assertThat(attempt.nextAttempt()).as("tried again when the PDS said").isEqualTo(reset);
		JsonNode health = api.get("/api/v1/channels/" + channel).json().get("health");
		assertThat(Instant.parse(health.get("pausedCalls").get("writes").asString())).isEqualTo(reset);
		assertThat(health.get("rateLimitedUntil").isNull()).as("the account itself is not paused").isTrue();

		String next = reply(conversation, "Noch eine Antwort.");
		assertThat(attempted(next).error()).contains("paused posts and replies");
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.createRecord"))));
		int read = asked(NOTIFICATIONS);
		sync(channel);
		assertThat(asked(NOTIFICATIONS)).as("notifications are still read while writes wait").isGreaterThan(read);

		// the pause ends, as time would end it
		jdbc.sql("update network_call_pauses set until = now() - interval '1 second' where channel_id = ?")
			.param(UUID.fromString(channel)).update();
		pds.stubFor(CREATE_RECORD.get().willReturn(answer(200, "createRecord.json")));
		delivery.deliver(workspace.id(), UUID.fromString(held));
		assertThat(attempted(held).delivery()).isEqualTo("sent");
		assertThat(postMade(held)).isEqualTo("at://did:plc:vereinvereinvereinverein/app.bsky.feed.post/3lbx3aaaaaa2c");
	}

	@Test
	void aWriteThatUsesTheLimitUpHoldsTheNextWriteUnsent() {
		// a session of its own: what is used up is kept per server and access token
		pds.stubFor(post(xrpc("com.atproto.server.createSession")).atPriority(1).willReturn(json(200,
				file("createSession.json").replace("access-1", "access-writes-spent"))));
		String channel = connect();
		String conversation = replyConversation(channel);
		// docs.bsky.app/docs/advanced-guides/rate-limits: the post is made, and the answer says no write points are left
		Instant reset = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		pds.stubFor(CREATE_RECORD.get().willReturn(answer(200, "createRecord.json").withHeader("RateLimit-Limit", "5000")
			.withHeader("RateLimit-Remaining", "0").withHeader("RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
			.withHeader("RateLimit-Policy", "5000;w=3600")));
		assertThat(attempted(reply(conversation, "Die letzte Antwort dieser Stunde.")).delivery()).isEqualTo("sent");

		Attempt held = attempted(reply(conversation, "Die nächste wartet."));
		assertThat(held.delivery()).isEqualTo("failed");
		assertThat(held.error()).contains("limit of writes is used up");
		assertThat(held.nextAttempt()).isEqualTo(reset);
		pds.verify(1, postRequestedFor(urlPathEqualTo(xrpc("com.atproto.repo.createRecord"))));
		JsonNode health = sync(channel).get("health");
		assertThat(Instant.parse(health.get("pausedCalls").get("writes").asString())).isEqualTo(reset);
		assertThat(health.get("rateLimitedUntil").isNull()).as("notifications are still read").isTrue();
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
