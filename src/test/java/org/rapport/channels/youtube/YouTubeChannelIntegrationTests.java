package org.rapport.channels.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.platform.ApiTokens;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.rapport.support.Api;
import org.rapport.support.TestDataDirs;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The YouTube connector against Google answering as the official documentation shows (WireMock; see
 * {@code src/test/resources/youtube/README.md} for the page each answer follows): credentials checked when entered,
 * comment threads read once as one conversation each, answers posted as replies in their thread, tokens refreshed
 * before they expire, the quota counted and honoured, and Google's refusals kept as the channel's health.
 * <p>
 * Google's addresses and the poll interval are settings of the installation, so this class runs an application of
 * its own (with its own data directory, otherwise as {@link org.rapport.support.IntegrationTest} does), in which
 * nothing polls behind the test's back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class YouTubeChannelIntegrationTests {

	static final Path DATA_DIR = TestDataDirs.create("rapport-youtube-");

	@RegisterExtension
	static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("rapport.data-dir", DATA_DIR::toString);
		registry.add("rapport.allow-private-networks", () -> "true");
		registry.add("server.shutdown", () -> "immediate");
		registry.add("rapport.jobs.heartbeat", () -> "1s");
		registry.add("rapport.youtube.api-base", () -> google.baseUrl());
		registry.add("rapport.youtube.oauth-base", () -> google.baseUrl());
		registry.add("rapport.youtube.authorize-url", () -> google.baseUrl() + "/o/oauth2/v2/auth");
		registry.add("rapport.youtube.poll-interval", () -> "365d");
	}

	static final String PASSWORD = "correct horse battery";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Workspaces workspaces;

	@Autowired
	Members members;

	@Autowired
	ApiTokens tokens;

	Workspace workspace;
	String ownerEmail;
	Api api;

	@BeforeEach
	void createWorkspace() {
		String slug = "ws-" + UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create("Test " + slug, slug);
		ownerEmail = "owner-" + slug + "@example.org";
		var member = members.add(workspace.id(), ownerEmail, "Olga Owner", PASSWORD, Role.OWNER);
		var owner = new CurrentUser(member.userId(), ownerEmail, "Olga Owner", workspace.id(), Role.OWNER, null);
		api = new Api(baseUrl(), tokens.create(owner, "test").token());
	}

	String baseUrl() {
		return "http://localhost:" + port;
	}

	static final String THREAD_LENA = "UgxThreadSommerfestLena";
	static final String THREAD_JONAS = "UgxThreadBastelnJonas";

	@Autowired
	Channels channels;

	/** A Google Cloud project of its own per test: the quota is counted per project. */
	String clientId;

	static String file(String name) {
		try (var in = YouTubeChannelIntegrationTests.class.getResourceAsStream("/youtube/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded answer " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ResponseDefinitionBuilder answer(int status, String file) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
			.withBody(file(file));
	}

	static MappingBuilder api(String resource) {
		return get(urlPathEqualTo("/youtube/v3/" + resource));
	}

	static MappingBuilder refreshWith(String refreshToken) {
		return post(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("refresh_token=" + URLEncoded.of(refreshToken)));
	}

	/** Form encoding as Rapport sends it. */
	static final class URLEncoded {

		static String of(String value) {
			return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
		}
	}

	@BeforeEach
	void google() {
		clientId = "1234-" + UUID.randomUUID().toString().substring(0, 8) + ".apps.googleusercontent.com";
		jdbc.sql("delete from youtube_videos").update(); // titles are kept across channels; each test asks anew
		google.stubFor(refreshWith("1//good").willReturn(answer(200, "token.json")));
		google.stubFor(refreshWith("1//revoked").willReturn(answer(400, "token_invalid_grant.json")));
		google.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("client_secret=wrong")).atPriority(1)
			.willReturn(answer(401, "token_invalid_client.json")));
		google.stubFor(api("channels").withQueryParam("mine", equalTo("true")).willReturn(answer(200, "channels_mine.json")));
		google.stubFor(api("commentThreads").withQueryParam("allThreadsRelatedToChannelId", equalTo("UCkitaSonnenschein0001"))
			.withQueryParam("part", equalTo("snippet,replies")).withQueryParam("order", equalTo("time"))
			.willReturn(answer(200, "commentThreads.json")));
		google.stubFor(api("comments").withQueryParam("parentId", equalTo(THREAD_JONAS))
			.willReturn(answer(200, "comments_replies.json")));
		google.stubFor(api("videos").willReturn(answer(200, "videos.json")));
		google.stubFor(api("channels").withQueryParam("part", equalTo("contentDetails"))
			.withQueryParam("id", equalTo("UCkitaSonnenschein0001")).willReturn(answer(200, "channels_uploads.json")));
		google.stubFor(api("playlistItems").withQueryParam("playlistId", equalTo("UUkitaSonnenschein0001"))
			.willReturn(answer(200, "playlistItems.json")));
	}

	private Map<String, Object> config(String refreshToken) {
		return Map.of("clientId", clientId, "clientSecret", "GOCSPX-kita-secret", "refreshToken", refreshToken);
	}

	private String connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "youtube", "kind", "youtube", "name", "Kita auf YouTube",
				"config", config("1//good")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("1//good", "GOCSPX-kita-secret");
		return created.json().get("id").asString();
	}

	private JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	private JsonNode conversations() {
		return api.get("/api/v1/conversations?channel=youtube").json().get("items");
	}

	private JsonNode messages(String conversation) {
		return api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
	}

	/** The conversation of a thread, found by the external id of its first comment. */
	private String conversationOf(String commentId) {
		return jdbc.sql("select conversation_id::text from messages where external_id = ? and workspace_id = ?")
			.params(commentId, workspace.id()).query(String.class).single();
	}

	private String reply(String conversation, String text) {
		var sent = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", text, "kind", "reply"));
		assertThat(sent.status()).as(sent.body()).isIn(200, 201);
		return sent.json().get("id").asString();
	}

	private String delivery(String message) {
		return jdbc.sql("select delivery from messages where id = ?::uuid").param(message).query(String.class).single();
	}

	private Instant nextAttempt(String message) {
		return jdbc.sql("select next_attempt_at from messages where id = ?::uuid").param(message)
			.query(java.sql.Timestamp.class).single().toInstant();
	}

	private int quotaUsed(JsonNode channel) {
		return channel.get("health").get("quotaUsedToday").asInt();
	}

	@Test
	void wrongCredentialsAreRefusedNamingTheFieldAndTheSecretsAreSealed() {
		var revoked = api.post("/api/v1/channels", Map.of("key", "youtube", "kind", "youtube", "config", config("1//revoked")));
		assertThat(revoked.status()).isEqualTo(400);
		assertThat(revoked.json().get("field").asString()).isEqualTo("config.refreshToken");
		assertThat(revoked.json().get("detail").asString()).contains("invalid_grant", "reconnect");

		var wrongSecret = api.post("/api/v1/channels", Map.of("key", "youtube", "kind", "youtube",
				"config", Map.of("clientId", clientId, "clientSecret", "wrong", "refreshToken", "1//good")));
		assertThat(wrongSecret.status()).isEqualTo(400);
		assertThat(wrongSecret.json().get("field").asString()).isEqualTo("config.clientSecret");

		var missing = api.post("/api/v1/channels", Map.of("key", "youtube", "kind", "youtube",
				"config", Map.of("clientId", clientId, "clientSecret", "x")));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("field").asString()).isEqualTo("config.refreshToken");

		google.stubFor(api("channels").atPriority(1).withQueryParam("mine", equalTo("true"))
			.withHeader("Authorization", equalTo("Bearer ya29.no-channel")).willReturn(answer(200, "channels_none.json")));
		google.stubFor(refreshWith("1//no-channel").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\": \"ya29.no-channel\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
		var noChannel = api.post("/api/v1/channels", Map.of("key", "youtube", "kind", "youtube", "config",
				config("1//no-channel")));
		assertThat(noChannel.status()).isEqualTo(400);
		assertThat(noChannel.json().get("detail").asString()).contains("no YouTube channel");

		String channel = connect();
		assertThat(jdbc.sql("select config::text from channels where id = ?::uuid").param(channel).query(String.class)
			.single()).doesNotContain("1//good", "GOCSPX-kita-secret").contains(clientId);
		sync(channel);
		assertThat(jdbc.sql("select access_token from youtube_accounts where channel_id = ?::uuid").param(channel)
			.query(String.class).single()).as("the access token is sealed").doesNotContain("ya29");
	}

	@Test
	void commentThreadsArriveOnceAsConversationsAndTheAnswerIsPostedInTheThread() throws Exception {
		String channel = connect();
		JsonNode synced = sync(channel);
		assertThat(synced.get("health").get("connected").asBoolean()).isTrue();
		assertThat(synced.get("health").get("lastReceivedAt").isNull()).isFalse();
		assertThat(synced.get("health").get("lastError").asString()).isEmpty();
		assertThat(synced.get("health").get("dailyQuota").asInt()).isEqualTo(10_000);
		assertThat(quotaUsed(synced)).as("channels.list when entered and when first read, commentThreads, comments, videos; "
				+ "for the channel's own videos, channels.list for its uploads playlist and playlistItems.list").isEqualTo(7);

		JsonNode again = sync(channel);
		assertThat(quotaUsed(again)).as("only commentThreads.list: replies and titles are known, the videos were just read")
			.isEqualTo(8);
		var page = new UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/settings/channels");
		assertThat(page.body()).as("the channel list in German").contains("heute verbrauchtes Kontingent: 8 von 10.000 Einheiten");
		google.verify(1, getRequestedFor(urlPathEqualTo("/youtube/v3/comments")));
		google.verify(1, getRequestedFor(urlPathEqualTo("/youtube/v3/videos")));
		google.verify(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads"))
			.withHeader("Authorization", equalTo("Bearer ya29.fresh-access-token")));

		assertThat(conversations().size()).as("one conversation per thread").isEqualTo(3);
		JsonNode lena = messages(conversationOf(THREAD_LENA));
		assertThat(lena.size()).as("the comment and its reply, each once").isEqualTo(2);
		assertThat(lena.get(0).get("subject").asString()).as("the video being discussed")
			.isEqualTo("Sommerfest 2026 – Einladung");
		assertThat(lena.toString()).contains("Wann ist das Sommerfest genau?", "Ich glaube am 20. Juni.");

		JsonNode jonas = messages(conversationOf(THREAD_JONAS));
		assertThat(jonas.size()).as("the comment and all six replies, the sixth from comments.list").isEqualTo(7);
		assertThat(jonas.toString()).contains("Anmeldung", "Antwort 6").doesNotContain("<script", "onerror", "javascript:",
				"onclick");
		assertThat(jonas.get(0).get("subject").asString()).startsWith("Basteln mit Kindern").doesNotContain("<script");
		assertThat(jdbc.sql("select headers::text from messages where external_id = ? and workspace_id = ?")
			.params(THREAD_JONAS, workspace.id()).query(String.class).single())
			.as("the video's links kept with the comment; an address that is no web address is not")
			.contains("https://www.youtube.com/watch?v=vid-basteln&lc=" + THREAD_JONAS).doesNotContain("javascript:");

		JsonNode own = messages(conversationOf("UgxThreadKitaAnkuendigung.r1"));
		assertThat(own.size()).as("the channel's own comment is not inbound").isEqualTo(1);
		assertThat(own.get(0).get("body").asString()).contains("Wir kommen gern!");
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:youtube'")
			.param(workspace.id()).query(String.class).list()).as("authors are known by their channel ids")
			.containsExactlyInAnyOrder("uclenavogt000000000001", "ucjonasmeyer0000000002", "ucemmaschulz0000000003");
		List<String> names = new ArrayList<>();
		conversations().forEach(c -> names.add(c.get("contact").get("name").asString()));
		assertThat(names).as("markup in a name is dropped").contains("Jonas Meyer", "Lena Vogt").noneMatch(n -> n.contains("<"));

		google.stubFor(post(urlPathEqualTo("/youtube/v3/comments")).willReturn(answer(200, "comment_inserted.json")));
		String conversation = conversationOf(THREAD_LENA);
		String reply = reply(conversation, "Am 20. Juni ab 14 Uhr.");
		await().untilAsserted(() -> assertThat(delivery(reply)).isEqualTo("sent"));
		google.verify(1, postRequestedFor(urlPathEqualTo("/youtube/v3/comments")).withQueryParam("part", equalTo("snippet"))
			.withHeader("Authorization", equalTo("Bearer ya29.fresh-access-token"))
			.withRequestBody(matchingJsonPath("$.snippet.parentId", equalTo(THREAD_LENA)))
			.withRequestBody(matchingJsonPath("$.snippet.textOriginal", equalTo("Am 20. Juni ab 14 Uhr."))));
		assertThat(jdbc.sql("select external_id from messages where id = ?::uuid").param(reply).query(String.class).single())
			.isEqualTo("UgxThreadSommerfestLena.AnswerFromKita");
		assertThat(quotaUsed(api.get("/api/v1/channels/" + channel).json())).as("comments.insert costs 50").isEqualTo(58);
	}

	@Test
	void theChannelsPublicVideosAreReadAndThoseAPersonCommentedOnStartedAConversation() {
		String channel = connect();
		sync(channel);
		sync(channel);

		JsonNode personal = api.get("/api/v1/insights/metrics?from=2026-05-01&to=2026-05-31&channel=" + channel).json()
			.get("personal");
		assertThat(personal.get("networkPostsPublished").asLong()).as("three public videos; the private one is none")
			.isEqualTo(3);
		assertThat(personal.get("networkPostsStartedDialogue").asLong()).as("Lena and Jonas commented on two of them")
			.isEqualTo(2);
		google.verify(1, getRequestedFor(urlPathEqualTo("/youtube/v3/playlistItems"))
			.withQueryParam("part", equalTo("snippet,contentDetails,status")).withQueryParam("maxResults", equalTo("50")));
	}

	@Test
	void anAccessTokenIsRefreshedBeforeItExpiresAndANewRefreshTokenIsKept() {
		google.stubFor(refreshWith("1//good").atPriority(1).willReturn(answer(200, "token_rotated.json")));
		google.stubFor(refreshWith("1//rotated-refresh-token").willReturn(answer(200, "token_short.json")));
		String channel = connect();
		JsonNode first = sync(channel);
		assertThat(Instant.parse(first.get("health").get("tokenExpiresAt").asString())).as("time-based access ends; "
				+ "the managers are told before").isCloseTo(Instant.now().plusSeconds(604_799), within(1, ChronoUnit.MINUTES));
		sync(channel);
		var refreshes = google.findAll(postRequestedFor(urlPathEqualTo("/token")));
		List<String> used = new ArrayList<>();
		for (var request : refreshes) {
			used.add(UiSession.formFields(request.getBodyAsString()).get("refresh_token"));
		}
		assertThat(used.subList(0, 2)).as("entering, then connecting the account").containsOnly("1//good");
		assertThat(used.subList(2, used.size())).as("a token living 30 s is refreshed before each use, with the "
				+ "refresh token Google handed out, kept when the next answer has none").isNotEmpty()
			.containsOnly("1//rotated-refresh-token");
		assertThat(jdbc.sql("select refresh_token from youtube_accounts where channel_id = ?::uuid").param(channel)
			.query(String.class).single()).as("sealed").doesNotContain("rotated");
	}

	@Test
	void anExpiredTokenIsRefreshedOnceAndARevokedSignInAsksForAReconnect() {
		String channel = connect();
		google.stubFor(api("commentThreads").atPriority(1).withHeader("Authorization", equalTo("Bearer ya29.fresh-access-token"))
			.willReturn(answer(401, "error_401.json")).inScenario("expired").whenScenarioStateIs("Started")
			.willSetStateTo("refreshed"));
		JsonNode healed = sync(channel);
		assertThat(healed.get("health").get("connected").asBoolean()).as("a 401 is answered by one refresh").isTrue();
		assertThat(conversations().size()).isEqualTo(3);

		google.stubFor(api("commentThreads").atPriority(1).willReturn(answer(401, "error_401.json")));
		JsonNode after = sync(channel);
		assertThat(after.get("health").get("connected").asBoolean()).isFalse();
		assertThat(after.get("health").get("lastError").asString()).contains("reconnect");
		assertThat(after.get("sending").get("ready").asBoolean()).isFalse();
		assertThat(after.get("sending").get("problem").get("de").asString()).contains("neu verbunden");
		int calls = google.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads"))).size();
		sync(channel);
		assertThat(google.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads"))))
			.as("nothing is asked until the channel is reconnected").hasSize(calls);

		String reply = reply(conversationOf(THREAD_LENA), "Antwort ohne Anmeldung");
		await().untilAsserted(() -> assertThat(delivery(reply)).isEqualTo("failed"));
		google.verify(0, postRequestedFor(urlPathEqualTo("/youtube/v3/comments")));

		google.resetRequests();
		google.stubFor(refreshWith("1//good").atPriority(1).willReturn(answer(400, "token_invalid_grant.json")));
		google.stubFor(api("commentThreads").atPriority(0).willReturn(answer(200, "commentThreads_empty.json")));
		var reconnected = api.patch("/api/v1/channels/" + channel, Map.of("config", config("1//new")));
		assertThat(reconnected.status()).as("a refused refresh token is refused when entered").isEqualTo(400);
		google.stubFor(refreshWith("1//new").willReturn(answer(200, "token.json")));
		var fixed = api.patch("/api/v1/channels/" + channel, Map.of("config", config("1//new")));
		assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
		JsonNode back = sync(channel);
		assertThat(back.get("health").get("connected").asBoolean()).as("new credentials connect it again").isTrue();
		assertThat(back.get("sending").get("ready").asBoolean()).isTrue();
	}

	@Test
	void aRevokedRefreshTokenMarksTheChannelForReconnecting() {
		String channel = connect();
		sync(channel);
		jdbc.sql("update youtube_accounts set access_expires_at = now() where channel_id = ?::uuid").param(channel).update();
		google.stubFor(refreshWith("1//good").atPriority(1).willReturn(answer(400, "token_invalid_grant.json")));
		JsonNode after = sync(channel);
		assertThat(after.get("health").get("connected").asBoolean()).isFalse();
		assertThat(after.get("health").get("lastError").asString()).contains("invalid_grant", "reconnect");
		assertThat(after.get("sending").get("ready").asBoolean()).isFalse();
	}

	@Test
	void googlesQuotaExceededPausesUntilMidnightPacificTimeAndTheReplyWaitsForIt() {
		String channel = connect();
		sync(channel);
		google.stubFor(api("commentThreads").atPriority(1).willReturn(answer(403, "error_quotaExceeded.json")));
		JsonNode spent = sync(channel);
		Instant reset = YouTubeQuota.nextReset(Instant.now());
		assertThat(Instant.parse(spent.get("health").get("rateLimitedUntil").asString())).isEqualTo(reset);
		assertThat(reset.atZone(java.time.ZoneId.of("America/Los_Angeles")).toLocalTime())
			.isEqualTo(java.time.LocalTime.MIDNIGHT);
		assertThat(spent.get("health").get("lastError").asString()).contains("quota").doesNotContain("<a", "..");
		assertThat(spent.get("health").get("connected").asBoolean()).isTrue();
		assertThat(quotaUsed(spent)).as("Google's word counts: the day's quota is spent").isEqualTo(10_000);

		int calls = google.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads"))).size();
		sync(channel);
		assertThat(google.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads")))).hasSize(calls);

		String reply = reply(conversationOf(THREAD_LENA), "Antwort nach Mitternacht");
		await().untilAsserted(() -> assertThat(delivery(reply)).isEqualTo("failed"));
		assertThat(nextAttempt(reply)).as("tried again when the quota is reset").isEqualTo(reset);
		google.verify(0, postRequestedFor(urlPathEqualTo("/youtube/v3/comments")));
	}

	@Test
	void rapportsOwnCountKeepsUnitsForAReplyAndRefusesWhatWouldOverspend() {
		String channel = connect();
		sync(channel);
		jdbc.sql("update youtube_quota set units = 9950 where client_id = ?").param(clientId).update();
		google.resetRequests();
		JsonNode kept = sync(channel);
		assertThat(kept.get("health").get("lastError").asString()).contains("9950 of 10000");
		assertThat(kept.get("health").get("rateLimitedUntil").isNull()).as("no pause: replies may still go").isTrue();
		google.verify(0, getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads")));

		google.stubFor(post(urlPathEqualTo("/youtube/v3/comments")).willReturn(answer(200, "comment_inserted.json")));
		String conversation = conversationOf(THREAD_LENA);
		String first = reply(conversation, "Die letzte Antwort des Tages");
		await().untilAsserted(() -> assertThat(delivery(first)).isEqualTo("sent"));
		String second = reply(conversation, "Eine zu viel");
		await().untilAsserted(() -> assertThat(delivery(second)).isEqualTo("failed"));
		assertThat(nextAttempt(second)).isEqualTo(YouTubeQuota.nextReset(Instant.now()));
		google.verify(1, postRequestedFor(urlPathEqualTo("/youtube/v3/comments")));
		assertThat(quotaUsed(api.get("/api/v1/channels/" + channel).json())).isEqualTo(10_000);
	}

	@Test
	void errorsAndBrokenAnswersAreKeptAsHealthAndNothingIsLost() {
		String channel = connect();
		google.stubFor(api("commentThreads").atPriority(1).willReturn(answer(500, "error_500.json")));
		JsonNode failed = sync(channel);
		assertThat(failed.get("health").get("lastError").asString()).contains("500", "backendError");
		assertThat(failed.get("health").get("connected").asBoolean()).isTrue();

		google.stubFor(api("commentThreads").atPriority(1).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json").withBody(file("malformed.json"))));
		JsonNode broken = sync(channel);
		assertThat(broken.get("health").get("lastError").asString()).contains("not JSON");
		assertThat(conversations()).isEmpty();

		Instant retryAfter = Instant.now().plusSeconds(120);
		google.stubFor(api("commentThreads").atPriority(1).willReturn(answer(429, "error_429.json")
			.withHeader("Retry-After", "120")));
		JsonNode paused = sync(channel);
		assertThat(Instant.parse(paused.get("health").get("rateLimitedUntil").asString()))
			.isCloseTo(retryAfter, within(5, ChronoUnit.SECONDS));
		int calls = google.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads"))).size();
		sync(channel);
		assertThat(google.findAll(getRequestedFor(urlPathEqualTo("/youtube/v3/commentThreads"))))
			.as("nothing is asked during the pause").hasSize(calls);

		jdbc.sql("update youtube_accounts set rate_limited_until = null where channel_id = ?::uuid").param(channel).update();
		google.stubFor(api("commentThreads").atPriority(1).willReturn(answer(200, "commentThreads.json")));
		google.stubFor(api("comments").atPriority(1).willReturn(answer(503, "error_503.json")));
		JsonNode half = sync(channel);
		assertThat(half.get("health").get("lastError").asString()).contains("503");
		assertThat(conversations()).as("nothing stored from a run that broke off").isEmpty();

		google.stubFor(api("comments").atPriority(1).willReturn(answer(200, "comments_replies.json")));
		JsonNode healed = sync(channel);
		assertThat(healed.get("health").get("lastError").asString()).isEmpty();
		assertThat(conversations().size()).isEqualTo(3);
		assertThat(messages(conversationOf(THREAD_JONAS)).size()).isEqualTo(7);

		google.stubFor(post(urlPathEqualTo("/youtube/v3/comments")).willReturn(answer(500, "error_500.json")));
		String reply = reply(conversationOf(THREAD_LENA), "Kommt das an?");
		await().untilAsserted(() -> assertThat(delivery(reply)).isEqualTo("failed"));
		assertThat(jdbc.sql("select next_attempt_at from messages where id = ?::uuid").param(reply)
			.query(java.sql.Timestamp.class).optional().orElse(null))
			.as("YouTube does not deduplicate: a reply that may have been posted is not posted again").isNull();
	}

	@Test
	void aManagerSignsInWithGoogleAndTheChannelIsConnected() throws Exception {
		google.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("grant_type=authorization_code"))
			.willReturn(answer(200, "token_code.json")));
		google.stubFor(refreshWith("1//signed-in-refresh-token").willReturn(answer(200, "token.json")));
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String csrf = UiSession.csrf(ui.get("/settings/channels").body());
		var sent = ui.form("/settings/channels/connect/youtube/sign-in",
				Map.of("_csrf", csrf, "clientId", clientId, "clientSecret", "GOCSPX-kita-secret", "name", "Kita auf YouTube"));
		assertThat(sent.onward()).startsWith(google.baseUrl() + "/o/oauth2/v2/auth?");
		Map<String, String> authorize = UiSession.formFields(sent.onward().substring(sent.onward().indexOf('?') + 1));
		assertThat(authorize).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
			.containsEntry("client_id", clientId).containsEntry("access_type", "offline")
			.containsEntry("scope", "https://www.googleapis.com/auth/youtube.force-ssl");
		assertThat(authorize.get("redirect_uri")).endsWith("/settings/channels/callback/youtube");

		var back = ui.get("/settings/channels/callback/youtube?code=4/0AX4XfWg&state=" + authorize.get("state"));
		assertThat(back.location()).endsWith("/settings/channels");
		var channel = channels.byKey(workspace.id(), "youtube").orElseThrow();
		assertThat(channel.name()).isEqualTo("Kita auf YouTube");
		assertThat(channel.config()).containsEntry("refreshToken", "1//signed-in-refresh-token")
			.containsEntry("clientId", clientId);

		var exchange = google.findAll(postRequestedFor(urlPathEqualTo("/token"))
			.withRequestBody(containing("grant_type=authorization_code"))).getFirst();
		Map<String, String> sentForm = UiSession.formFields(exchange.getBodyAsString());
		assertThat(sentForm).containsEntry("code", "4/0AX4XfWg").containsEntry("client_secret", "GOCSPX-kita-secret");
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
			.digest(sentForm.get("code_verifier").getBytes(StandardCharsets.US_ASCII)));
		assertThat(challenge).isEqualTo(authorize.get("code_challenge"));
	}

}
