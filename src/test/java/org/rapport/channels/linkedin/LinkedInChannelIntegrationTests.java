package org.rapport.channels.linkedin;

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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The LinkedIn connector against LinkedIn answering as its official documentation shows (WireMock; see
 * {@code src/test/resources/linkedin/README.md} for the page each answer and delivery follows): credentials checked
 * when entered and sealed, comments read once as one conversation per post with replies threaded, answers posted as
 * the page's comment nested under the right comment, tokens refreshed with the refresh token kept, signed webhook
 * deliveries taken once and unsigned ones refused without storing anything, and LinkedIn's refusals (an expired
 * token, a limit, a 5xx, an answer that is no JSON) kept as the channel's health, never as a 500.
 */
class LinkedInChannelIntegrationTests extends IntegrationTest {

	static final String ORG = "urn:li:organization:2414183";
	static final String CLIENT = "78kitaclient01";
	static final String SECRET = "WPL_AP1.kita-client-secret.0001";
	static final String ACCESS = "AQV-entered-access-token";
	static final String POST_1 = "urn:li:share:7401000000000000001";
	static final String POST_2 = "urn:li:share:7401000000000000002";
	static final String LENA = "urn:li:comment:(urn:li:activity:7401000000000000101,7401000000000000201)";
	static final String EMMA = "urn:li:comment:(urn:li:activity:7401000000000000101,7401000000000000211)";
	static final String JONAS = "urn:li:comment:(urn:li:activity:7401000000000000101,7401000000000000203)";
	static final String MAX = "urn:li:comment:(urn:li:activity:7401000000000000102,7401000000000000301)";
	static final String PAULA = "urn:li:comment:(urn:li:activity:7401000000000000101,7401000000000000401)";

	@Autowired
	Channels channels;

	@RegisterExtension
	static WireMockExtension linkedin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static String file(String name) {
		try (var in = LinkedInChannelIntegrationTests.class.getResourceAsStream("/linkedin/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No recorded answer " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static ResponseDefinitionBuilder answer(int status, String name) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(file(name));
	}

	static String enc(String urn) {
		return URLEncoder.encode(urn, StandardCharsets.UTF_8);
	}

	static MappingBuilder comments(String urn) {
		return get(urlPathEqualTo("/rest/socialActions/" + enc(urn) + "/comments"));
	}

	static MappingBuilder refreshWith(String refreshToken) {
		return post(urlPathEqualTo("/oauth/v2/accessToken")).withRequestBody(containing("grant_type=refresh_token"))
			.withRequestBody(containing("refresh_token=" + enc(refreshToken)));
	}

	static MappingBuilder introspect(String token) {
		return post(urlPathEqualTo("/oauth/v2/introspectToken")).withRequestBody(containing("token=" + enc(token)));
	}

	@BeforeEach
	void aLinkedInApi() {
		System.setProperty("rapport.linkedin.api-base", linkedin.baseUrl());
		System.setProperty("rapport.linkedin.oauth-base", linkedin.baseUrl());
		linkedin.resetAll();
		linkedin.stubFor(introspect(ACCESS).willReturn(answer(200, "introspect_active.json")));
		linkedin.stubFor(introspect("AQV-expired").willReturn(answer(200, "introspect_expired.json")));
		linkedin.stubFor(post(urlPathEqualTo("/oauth/v2/introspectToken")).atPriority(1)
			.withRequestBody(containing("client_secret=wrong")).willReturn(answer(401, "token_invalid_client.json")));
		linkedin.stubFor(refreshWith("AQX-good").willReturn(answer(200, "token_refreshed.json")));
		linkedin.stubFor(get(urlPathEqualTo("/rest/organizations/2414183")).willReturn(answer(200, "organization.json")));
		linkedin.stubFor(get(urlPathEqualTo("/rest/organizations/999999")).willReturn(answer(404, "error_404.json")));
		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).withQueryParam("q", equalTo("author"))
			.withQueryParam("author", equalTo(ORG)).willReturn(answer(200, "posts.json")));
		linkedin.stubFor(comments(POST_1).willReturn(answer(200, "comments_post1.json")));
		linkedin.stubFor(comments(POST_2).willReturn(answer(200, "comments_post2.json")));
		linkedin.stubFor(comments(LENA).willReturn(answer(200, "replies_lena.json")));
		linkedin.stubFor(get(urlPathEqualTo("/rest/organizationalEntityNotifications")).willReturn(answer(200,
				"notifications_empty.json")));
	}

	@AfterAll
	static void noLinkedInApi() {
		System.clearProperty("rapport.linkedin.api-base");
		System.clearProperty("rapport.linkedin.oauth-base");
	}

	private Map<String, Object> config(String accessToken, String refreshToken) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("clientId", CLIENT);
		config.put("clientSecret", SECRET);
		config.put("organization", "2414183");
		if (accessToken != null) {
			config.put("accessToken", accessToken);
		}
		if (refreshToken != null) {
			config.put("refreshToken", refreshToken);
		}
		return config;
	}

	private String connect(Map<String, Object> config) {
		var created = api.post("/api/v1/channels", Map.of("key", "linkedin", "kind", "linkedin", "name", "Kita auf LinkedIn",
				"config", config));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain(SECRET, ACCESS, "AQX-good");
		return created.json().get("id").asString();
	}

	private String connect() {
		return connect(config(ACCESS, null));
	}

	private JsonNode sync(String channel) {
		var synced = api.post("/api/v1/channels/" + channel + "/sync", Map.of());
		assertThat(synced.status()).as(synced.body()).isEqualTo(200);
		return synced.json();
	}

	private JsonNode conversations() {
		return api.get("/api/v1/conversations?channel=linkedin").json().get("items");
	}

	private String conversationOf(String externalId) {
		return jdbc.sql("select conversation_id::text from messages where external_id = ? and workspace_id = ?")
			.params(externalId, workspace.id()).query(String.class).single();
	}

	private JsonNode messages(String conversation) {
		return api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items");
	}

	private int messageCount() {
		return jdbc.sql("select count(*) from messages m join channels c on c.id = m.channel_id where c.workspace_id = ?"
				+ " and c.kind = 'linkedin'").param(workspace.id()).query(Integer.class).single();
	}

	private String reply(String conversation, String text) {
		var sent = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", text, "kind", "reply"));
		assertThat(sent.status()).as(sent.body()).isIn(200, 201);
		return sent.json().get("id").asString();
	}

	private String delivery(String message) {
		return jdbc.sql("select delivery from messages where id = ?::uuid").param(message).query(String.class).single();
	}

	static String signature(String body, String secret) {
		return HexFormat.of().formatHex(LinkedInConnector.hmac(secret,
				("hmacsha256=" + body).getBytes(StandardCharsets.UTF_8)));
	}

	private Api.Response deliver(String channel, String body, String signature) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/hooks/channels/" + channel))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-LI-Signature", signature);
		}
		return new Api(baseUrl(), null).send(request);
	}

	private Api.Response signed(String channel, String file) {
		String body = file(file);
		return deliver(channel, body, signature(body, SECRET));
	}


	@Test
	void wrongCredentialsAreRefusedNamingTheFieldAndTheTokensAreSealed() {
		var expired = api.post("/api/v1/channels", Map.of("key", "linkedin", "kind", "linkedin",
				"config", config("AQV-expired", null)));
		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.json().get("field").asString()).isEqualTo("config.accessToken");
		assertThat(expired.json().get("detail").asString()).contains("reconnect");

		Map<String, Object> wrongSecret = config(ACCESS, null);
		wrongSecret.put("clientSecret", "wrong");
		var refused = api.post("/api/v1/channels", Map.of("key", "linkedin", "kind", "linkedin", "config", wrongSecret));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("config.clientSecret");

		Map<String, Object> otherPage = config(ACCESS, null);
		otherPage.put("organization", "urn:li:organization:999999");
		var unknown = api.post("/api/v1/channels", Map.of("key", "linkedin", "kind", "linkedin", "config", otherPage));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("config.organization");

		Map<String, Object> noPage = config(ACCESS, null);
		noPage.put("organization", "kita-sonnenschein");
		assertThat(api.post("/api/v1/channels", Map.of("key", "linkedin", "kind", "linkedin", "config", noPage))
			.json().get("field").asString()).isEqualTo("config.organization");

		var noToken = api.post("/api/v1/channels", Map.of("key", "linkedin", "kind", "linkedin", "config", config(null, null)));
		assertThat(noToken.status()).isEqualTo(400);
		assertThat(noToken.json().get("field").asString()).isEqualTo("config.accessToken");

		String channel = connect();
		assertThat(jdbc.sql("select config::text from channels where id = ?::uuid").param(channel).query(String.class)
			.single()).doesNotContain(ACCESS, SECRET).contains(ORG);
		JsonNode synced = sync(channel);
		assertThat(Instant.parse(synced.get("health").get("tokenExpiresAt").asString()))
			.as("the access token's expiry as introspection tells it; the managers are told before")
			.isEqualTo(Instant.ofEpochSecond(1799999999));
		assertThat(jdbc.sql("select access_token from linkedin_accounts where channel_id = ?::uuid").param(channel)
			.query(String.class).single()).as("sealed").doesNotContain("AQV");
	}

	@Test
	void commentsArriveOnceAsOneConversationPerPostAndTheAnswerIsNestedUnderTheRightComment() {
		String channel = connect();
		JsonNode synced = sync(channel);
		assertThat(synced.get("health").get("connected").asBoolean()).isTrue();
		assertThat(synced.get("health").get("lastError").asString()).isEmpty();
		assertThat(synced.get("health").get("lastReceivedAt").isNull()).isFalse();
		linkedin.verify(getRequestedFor(urlPathEqualTo("/rest/posts")).withHeader("LinkedIn-Version", equalTo(LinkedInClient.VERSION))
			.withHeader("X-Restli-Protocol-Version", equalTo("2.0.0")).withHeader("Authorization", equalTo("Bearer " + ACCESS)));

		assertThat(conversations().size()).as("one conversation per post").isEqualTo(2);
		JsonNode summer = messages(conversationOf(LENA));
		assertThat(summer.size()).as("Lena, Emma's reply to her and Jonas; the page's own comments are not inbound")
			.isEqualTo(3);
		assertThat(summer.toString()).contains("Wann genau beginnt das Sommerfest?", "Ich glaube um 14 Uhr.", "Gibt es Kuchen?")
			.doesNotContain("Wir freuen uns", "Genau, ab 14 Uhr", "<script", "<img");
		assertThat(summer.get(0).get("subject").asString()).as("the post the comments belong to")
			.isEqualTo("LinkedIn: Sommerfest am 20. Juni – alle Familien sind eingeladen!");
		assertThat(messages(conversationOf(MAX)).get(0).get("subject").asString()).as("markup of the post dropped")
			.isEqualTo("LinkedIn: Wir suchen Erzieher*innen (m/w/d) für unser Team.");
		assertThat(jdbc.sql("select headers::text from messages where external_id = ? and workspace_id = ?")
			.params(EMMA, workspace.id()).query(String.class).single()).as("the post's address and the comment replied to")
			.contains("https://www.linkedin.com/feed/update/" + POST_1 + "/", LENA);
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:linkedin'")
			.param(workspace.id()).query(String.class).list()).as("people are known by their member URNs (handles are kept in lower case)")
			.containsExactlyInAnyOrder("urn:li:person:lenavogt01", "urn:li:person:emmaschulz03",
					"urn:li:person:jonasmeyer02", "urn:li:person:maxbauer04");

		int before = messageCount();
		sync(channel);
		assertThat(messageCount()).as("read again, stored once").isEqualTo(before);
		linkedin.verify(1, getRequestedFor(urlPathEqualTo("/rest/socialActions/" + enc(LENA) + "/comments")));
		assertThat(jdbc.sql("select read_until from linkedin_accounts where channel_id = ?::uuid").param(channel)
			.query(java.sql.Timestamp.class).single().toInstant()).as("the cursor: the newest comment read (the page's reply)")
			.isEqualTo(Instant.ofEpochMilli(1764665000000L));

		linkedin.stubFor(post(urlPathEqualTo("/rest/socialActions/" + enc(LENA) + "/comments"))
			.willReturn(answer(201, "comment_created.json").withHeader("x-restli-id", "7401000000000000299")));
		// the person's latest comment is Emma's reply to Lena: the answer is nested under Lena's top-level comment
		String reply = reply(conversationOf(LENA), "Um 14 Uhr geht es los.");
		await().untilAsserted(() -> assertThat(delivery(reply)).isEqualTo("sent"));
		linkedin.verify(1, postRequestedFor(urlPathEqualTo("/rest/socialActions/" + enc(LENA) + "/comments"))
			.withHeader("LinkedIn-Version", equalTo(LinkedInClient.VERSION))
			.withRequestBody(matchingJsonPath("$.actor", equalTo(ORG)))
			.withRequestBody(matchingJsonPath("$.object", equalTo(POST_1)))
			.withRequestBody(matchingJsonPath("$.parentComment", equalTo(LENA)))
			.withRequestBody(matchingJsonPath("$.message.text", equalTo("Um 14 Uhr geht es los."))));
		assertThat(jdbc.sql("select external_id from messages where id = ?::uuid").param(reply).query(String.class).single())
			.isEqualTo("urn:li:comment:(urn:li:activity:7401000000000000101,7401000000000000299)");

		linkedin.stubFor(post(urlPathEqualTo("/rest/socialActions/" + enc(MAX) + "/comments"))
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody(file("error_500.json"))));
		String lost = reply(conversationOf(MAX), "Ja, auch in Teilzeit.");
		await().untilAsserted(() -> assertThat(delivery(lost)).isEqualTo("failed"));
		assertThat(jdbc.sql("select delivery_error from messages where id = ?::uuid").param(lost).query(String.class).single())
			.as("a comment that may have been posted is not posted twice").contains("may have been posted");
	}

	@Test
	void thePagesOwnPostsAreReadAndThoseAPersonCommentedOnStartedAConversation() {
		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).atPriority(1).withQueryParam("sortBy", equalTo("CREATED"))
			.willReturn(answer(200, "posts_created.json")));
		String channel = connect();
		sync(channel);

		JsonNode personal = api.get("/api/v1/insights/metrics?from=2025-11-01&to=2025-12-31&channel=" + channel).json()
			.get("personal");
		assertThat(personal.get("networkPostsPublished").asLong()).as("three published posts; the draft is none")
			.isEqualTo(3);
		assertThat(personal.get("networkPostsStartedDialogue").asLong()).as("people commented on the first two")
			.isEqualTo(2);
		linkedin.verify(getRequestedFor(urlPathEqualTo("/rest/posts")).withQueryParam("sortBy", equalTo("CREATED"))
			.withQueryParam("start", equalTo("0")).withQueryParam("count", equalTo("50")));
	}

	@Test
	void aRefreshKeepsTheRefreshTokenWhenTheAnswerHasNoneAndTakesARotatedOne() {
		linkedin.stubFor(refreshWith("AQX-good").atPriority(1).willReturn(answer(200, "token_rotated.json")));
		linkedin.stubFor(refreshWith("AQX-rotated-refresh-token").willReturn(answer(200, "token_short.json")));
		String channel = connect(config(null, "AQX-good"));
		JsonNode first = sync(channel);
		assertThat(Instant.parse(first.get("health").get("tokenExpiresAt").asString()))
			.as("the refresh token's year; the managers are told 14 days and 1 day before")
			.isCloseTo(Instant.now().plusSeconds(31535999), within(1, ChronoUnit.MINUTES));
		assertThat(linkedin.findAll(postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken")))).as("an access token of "
				+ "60 days is used as long as it lives").hasSize(2);
		jdbc.sql("update linkedin_accounts set access_expires_at = now() + interval '2 hours' where channel_id = ?::uuid")
			.param(channel).update();
		sync(channel);
		sync(channel);
		List<String> used = new ArrayList<>();
		for (var request : linkedin.findAll(postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken")))) {
			used.add(UiSession.formFields(request.getBodyAsString()).get("refresh_token"));
		}
		assertThat(used.subList(0, 2)).as("checking when entered, then connecting").containsOnly("AQX-good");
		assertThat(used.subList(2, used.size())).as("a token living 10 minutes is refreshed before use, with the refresh "
				+ "token handed out, kept when the next answer has none").isNotEmpty()
			.containsOnly("AQX-rotated-refresh-token");
		assertThat(jdbc.sql("select refresh_token from linkedin_accounts where channel_id = ?::uuid").param(channel)
			.query(String.class).single()).as("sealed").doesNotContain("rotated");
		assertThat(Instant.parse(sync(channel).get("health").get("tokenExpiresAt").asString()))
			.as("an answer without the refresh token's expiry keeps the one known")
			.isCloseTo(Instant.now().plusSeconds(31535999), within(1, ChronoUnit.MINUTES));
	}

	private int requests(MappingBuilder what) {
		return linkedin.findAll(RequestPatternBuilder.like(what.build().getRequest())).size();
	}

	private int stored(String externalId) {
		return jdbc.sql("select count(*) from messages where external_id = ? and workspace_id = ?")
			.params(externalId, workspace.id()).query(Integer.class).single();
	}

	@Test
	void commentsAndPostsAreReadPageByPageUntilTheCursor() {
		String newest = "urn:li:comment:(urn:li:activity:7401000000000000102,7401000000000000305)";
		String oldest = "urn:li:comment:(urn:li:activity:7401000000000000102,7401000000000000300)";
		String ida = "urn:li:comment:(urn:li:activity:7401000000000000104,7401000000000000601)";
		MappingBuilder firstPosts = get(urlPathEqualTo("/rest/posts")).withQueryParam("q", equalTo("author"))
			.withQueryParam("start", equalTo("0"));
		MappingBuilder olderPosts = get(urlPathEqualTo("/rest/posts")).withQueryParam("q", equalTo("author"))
			.withQueryParam("start", equalTo("10"));
		MappingBuilder firstComments = comments(POST_2).withQueryParam("start", equalTo("0"))
			.withQueryParam("count", equalTo("50"));
		MappingBuilder olderComments = comments(POST_2).withQueryParam("start", equalTo("50"))
			.withQueryParam("count", equalTo("50"));
		linkedin.stubFor(firstPosts.atPriority(1).willReturn(answer(200, "posts_page1.json")));
		linkedin.stubFor(olderPosts.atPriority(1).willReturn(answer(200, "posts_page2.json")));
		linkedin.stubFor(firstComments.atPriority(1).willReturn(answer(200, "comments_post2_page1.json")));
		linkedin.stubFor(olderComments.atPriority(1).willReturn(answer(200, "comments_post2_page2.json")));
		linkedin.stubFor(comments("urn:li:share:7401000000000000004").willReturn(answer(200, "comments_post4.json")));
		String channel = connect();

		sync(channel);
		assertThat(messages(conversationOf(MAX)).size()).as("both pages of the post's comments").isEqualTo(4);
		assertThat(stored(newest)).isEqualTo(1);
		assertThat(stored(oldest)).isEqualTo(1);
		assertThat(requests(olderComments)).isEqualTo(1);
		assertThat(requests(olderPosts)).as("the first run reads the latest posts only").isZero();
		assertThat(jdbc.sql("select read_until from linkedin_accounts where channel_id = ?::uuid").param(channel)
			.query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(Instant.ofEpochMilli(1764680000000L));

		int before = messageCount();
		sync(channel);
		assertThat(requests(olderComments)).as("the first page ends before the cursor: nothing older is asked")
			.isEqualTo(1);
		assertThat(requests(olderPosts)).as("the last post of the page is older than the cursor").isZero();
		assertThat(messageCount()).isEqualTo(before);

		jdbc.sql("update linkedin_accounts set read_until = ? where channel_id = ?::uuid")
			.params(java.sql.Timestamp.from(Instant.ofEpochMilli(1764500000000L)), channel).update();
		sync(channel);
		assertThat(requests(olderPosts)).as("the cursor is older than the page's last post: the next page is read")
			.isEqualTo(1);
		assertThat(stored(ida)).isEqualTo(1);
		assertThat(messages(conversationOf(ida)).get(0).get("subject").asString())
			.isEqualTo("LinkedIn: Unser Herbstbasar war ein voller Erfolg – danke an alle Helfer!");
		assertThat(messageCount()).as("what was read before is not stored again").isEqualTo(before + 1);
	}

	@Test
	void aMentionTheWebhookMissedIsReadBackOnce() {
		String channel = connect();
		assertThat(signed(channel, "webhook_mention.json").status()).isEqualTo(200);
		MappingBuilder notifications = get(urlPathEqualTo("/rest/organizationalEntityNotifications"))
			.withQueryParam("q", equalTo("criteria")).withQueryParam("actions", equalTo("List(SHARE_MENTION)"))
			.withQueryParam("organizationalEntity", equalTo(ORG));
		MappingBuilder missed = get(urlPathEqualTo("/rest/posts/" + enc("urn:li:share:7401000000000000777")));
		MappingBuilder delivered = get(urlPathEqualTo("/rest/posts/" + enc("urn:li:share:7401000000000000555")));
		linkedin.stubFor(notifications.atPriority(1).willReturn(answer(200, "notifications_mentions.json")));
		linkedin.stubFor(missed.willReturn(answer(200, "post_mention.json")));

		sync(channel);
		assertThat(stored("urn:li:share:7401000000000000777")).isEqualTo(1);
		assertThat(stored("urn:li:share:7401000000000000555")).as("the webhook's mention, the same id").isEqualTo(1);
		assertThat(requests(delivered)).as("a mention known already is not read again").isZero();
		JsonNode mention = messages(conversationOf("urn:li:share:7401000000000000777"));
		assertThat(mention.size()).isEqualTo(1);
		assertThat(mention.get(0).get("body").asString()).contains("Toller Elternabend bei der @Kita Sonnenschein")
			.doesNotContain("urn:li:organization");
		assertThat(mention.get(0).get("subject").asString()).startsWith("LinkedIn: Toller Elternabend");
		assertThat(jdbc.sql("select value from identities where workspace_id = ? and kind = 'handle:linkedin'")
			.param(workspace.id()).query(String.class).list()).contains("urn:li:person:tomweber08");

		int before = messageCount();
		sync(channel);
		assertThat(messageCount()).as("read again, stored once").isEqualTo(before);
		assertThat(requests(missed)).isEqualTo(1);
		List<String> ranges = new ArrayList<>();
		for (var request : linkedin.findAll(RequestPatternBuilder.like(notifications.build().getRequest()))) {
			ranges.add(request.queryParameter("timeRange").firstValue());
		}
		assertThat(ranges).hasSize(2);
		long firstStart = Long.parseLong(ranges.get(0).replaceAll("^\\(start:(\\d+),end:(\\d+)\\)$", "$1"));
		long firstEnd = Long.parseLong(ranges.get(0).replaceAll("^\\(start:(\\d+),end:(\\d+)\\)$", "$2"));
		long secondStart = Long.parseLong(ranges.get(1).replaceAll("^\\(start:(\\d+),end:(\\d+)\\)$", "$1"));
		assertThat(firstEnd - firstStart).as("the first run reads a week back")
			.isEqualTo(LinkedInPolling.FIRST_MENTIONS.toMillis());
		assertThat(secondStart).as("the next run from an hour before where the last ended")
			.isEqualTo(firstEnd - LinkedInPolling.MENTIONS_OVERLAP.toMillis());
	}

	@Test
	void anExpiredTokenShowsReconnectNeededAndNothingIsAskedUntilThen() {
		String channel = connect();
		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).atPriority(1).willReturn(answer(401, "error_401.json")));
		JsonNode after = sync(channel);
		assertThat(after.get("health").get("connected").asBoolean()).isFalse();
		assertThat(after.get("health").get("lastError").asString()).contains("REVOKED_ACCESS_TOKEN", "reconnect");
		assertThat(after.get("sending").get("ready").asBoolean()).isFalse();
		assertThat(after.get("sending").get("problem").get("de").asString()).contains("Neu verbinden");
		int calls = linkedin.findAll(getRequestedFor(urlPathEqualTo("/rest/posts"))).size();
		sync(channel);
		assertThat(linkedin.findAll(getRequestedFor(urlPathEqualTo("/rest/posts")))).hasSize(calls);

		linkedin.stubFor(introspect("AQV-new-token").willReturn(answer(200, "introspect_active.json")));
		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).atPriority(0).willReturn(answer(200, "posts.json")));
		var fixed = api.patch("/api/v1/channels/" + channel, Map.of("config", config("AQV-new-token", null)));
		assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
		JsonNode back = sync(channel);
		assertThat(back.get("health").get("connected").asBoolean()).as("a new sign-in connects it again").isTrue();
		assertThat(back.get("sending").get("ready").asBoolean()).isTrue();
	}

	@Test
	void aRevokedRefreshTokenAsksForAReconnect() {
		String channel = connect(config(null, "AQX-good"));
		sync(channel);
		jdbc.sql("update linkedin_accounts set access_expires_at = now() where channel_id = ?::uuid").param(channel).update();
		linkedin.stubFor(refreshWith("AQX-good").atPriority(1).willReturn(answer(400, "token_invalid_grant.json")));
		JsonNode after = sync(channel);
		assertThat(after.get("health").get("connected").asBoolean()).isFalse();
		assertThat(after.get("health").get("lastError").asString()).contains("invalid_grant", "reconnect");
	}

	@Test
	void limitsAreHonouredUntilRetryAfterOrMidnightUtc() {
		String channel = connect();
		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).atPriority(1).willReturn(answer(429, "error_429.json")));
		JsonNode limited = sync(channel);
		assertThat(Instant.parse(limited.get("health").get("rateLimitedUntil").asString()))
			.as("LinkedIn's daily limits reset at midnight UTC").isEqualTo(LinkedInClient.nextReset(Instant.now()));
		assertThat(limited.get("health").get("connected").asBoolean()).isTrue();
		int calls = linkedin.findAll(getRequestedFor(urlPathEqualTo("/rest/posts"))).size();
		sync(channel);
		assertThat(linkedin.findAll(getRequestedFor(urlPathEqualTo("/rest/posts")))).as("nothing asked during the pause")
			.hasSize(calls);

		String other = connectAnother();
		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).atPriority(1)
			.willReturn(answer(429, "error_429.json").withHeader("Retry-After", "120")));
		JsonNode paused = sync(other);
		assertThat(Instant.parse(paused.get("health").get("rateLimitedUntil").asString()))
			.isCloseTo(Instant.now().plusSeconds(120), within(10, ChronoUnit.SECONDS));
	}

	@Test
	void withTheAppsIdThePagesNotificationsAreSubscribedToTheChannelsHookOnce() {
		Map<String, Object> wrong = config(ACCESS, null);
		wrong.put("appId", "my-app");
		var refused = api.post("/api/v1/channels", Map.of("key", "linkedin", "kind", "linkedin", "config", wrong));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("config.appId");

		linkedin.stubFor(get(urlPathEqualTo("/rest/organizationAcls")).withQueryParam("q", equalTo("roleAssignee"))
			.willReturn(answer(200, "organization_acls.json")));
		linkedin.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(
				com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/rest/eventSubscriptions/.*"))
			.willReturn(aResponse().withStatus(201)));
		Map<String, Object> config = config(ACCESS, null);
		config.put("appId", "218040001");
		String channel = connect(config);
		sync(channel);
		sync(channel);

		var subscriptions = linkedin.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
				com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/rest/eventSubscriptions/.*")));
		assertThat(subscriptions).as("once for the hook's address").hasSize(1);
		assertThat(subscriptions.getFirst().getUrl()).isEqualTo("/rest/eventSubscriptions/(developerApplication:"
				+ enc("urn:li:developerApplication:218040001") + ",user:" + enc("urn:li:person:kitaAdmin01") + ",entity:"
				+ enc(ORG) + ",eventType:ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS)");
		assertThat(subscriptions.getFirst().getHeader("LinkedIn-Version")).isEqualTo(LinkedInClient.VERSION);
		assertThat(subscriptions.getFirst().getBodyAsString()).contains("\"webhook\"", "/hooks/channels/" + channel);
	}

	private String connectAnother() {
		var created = api.post("/api/v1/channels", Map.of("key", "linkedin-2", "kind", "linkedin", "name", "Zweite",
				"config", config(ACCESS, null)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	@Test
	void serverErrorsAndMalformedAnswersAreKeptAsTheHealthAndNothingIsLost() {
		String channel = connect();
		sync(channel);
		int stored = messageCount();

		linkedin.stubFor(comments(POST_2).atPriority(1).willReturn(answer(500, "error_500.json")));
		JsonNode failed = sync(channel);
		assertThat(failed.get("health").get("lastError").asString()).contains("500");
		assertThat(failed.get("health").get("connected").asBoolean()).isTrue();

		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).atPriority(1).willReturn(answer(200, "malformed.json")));
		JsonNode broken = sync(channel);
		assertThat(broken.get("health").get("lastError").asString()).contains("not JSON");
		assertThat(messageCount()).as("nothing lost, nothing twice").isEqualTo(stored);

		linkedin.stubFor(get(urlPathEqualTo("/rest/posts")).atPriority(0).willReturn(answer(200, "posts.json")));
		linkedin.stubFor(comments(POST_2).atPriority(0).willReturn(answer(200, "comments_post2.json")));
		assertThat(sync(channel).get("health").get("lastError").asString()).as("healthy again").isEmpty();
	}

	@Test
	void theWebhookIsValidatedWithTheClientSecretAndTakesOnlySignedDeliveriesOnce() throws Exception {
		String channel = connect();
		var page = new UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/settings/channels/" + channel);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).as("the address to enter in the app's Webhooks tab")
			.contains("id=\"channel-hook-url\"", "/hooks/channels/" + channel, "Entwicklerportal unter Webhooks");
		var challenge = new Api(baseUrl(), null).send(HttpRequest.newBuilder(
				URI.create(baseUrl() + "/hooks/channels/" + channel + "?challengeCode=890e4665-4dfe-4ab1-b689-ed553bceeed0")).GET());
		assertThat(challenge.status()).isEqualTo(200);
		assertThat(challenge.json().get("challengeCode").asString()).isEqualTo("890e4665-4dfe-4ab1-b689-ed553bceeed0");
		assertThat(challenge.json().get("challengeResponse").asString()).isEqualTo(HexFormat.of().formatHex(
				LinkedInConnector.hmac(SECRET, "890e4665-4dfe-4ab1-b689-ed553bceeed0".getBytes(StandardCharsets.UTF_8))));

		String body = file("webhook_comment.json");
		assertThat(deliver(channel, body, null).status()).as("no signature").isEqualTo(401);
		assertThat(deliver(channel, body, signature(body, "another-apps-secret")).status()).as("another secret")
			.isEqualTo(401);
		assertThat(deliver(channel, body.replace("Großeltern", "Haustiere"), signature(body, SECRET)).status())
			.as("a changed body").isEqualTo(401);
		assertThat(conversations()).as("nothing stored from an unsigned delivery").isEmpty();

		assertThat(signed(channel, "webhook_comment.json").status()).isEqualTo(200);
		assertThat(signed(channel, "webhook_comment.json").status()).as("LinkedIn delivering again").isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from messages where external_id = ? and workspace_id = ?")
			.params(PAULA, workspace.id()).query(Integer.class).single()).as("stored once, by its full comment URN")
			.isEqualTo(1);
		JsonNode paula = messages(conversationOf(PAULA));
		assertThat(paula.size()).as("the page's own comment and the like are not inbound").isEqualTo(1);
		assertThat(paula.get(0).get("subject").asString()).startsWith("LinkedIn: Sommerfest am 20. Juni");

		sync(channel);
		assertThat(conversationOf(LENA)).as("the webhook and the catch-up agree on the post: one conversation")
			.isEqualTo(conversationOf(PAULA));

		assertThat(signed(channel, "webhook_comment_edit.json").status()).isEqualTo(200);
		assertThat(jdbc.sql("select body_text from messages where external_id = ? and workspace_id = ?")
			.params(PAULA, workspace.id()).query(String.class).single()).as("the edited text replaces the stored one")
			.isEqualTo("Dürfen Großeltern und Paten auch kommen?");

		linkedin.stubFor(get(urlPathEqualTo("/rest/posts/" + enc("urn:li:ugcPost:7401000000000000003")))
			.willReturn(answer(200, "post.json")));
		assertThat(signed(channel, "webhook_comment_older_post.json").status()).isEqualTo(200);
		assertThat(messages(conversationOf("urn:li:comment:(urn:li:ugcPost:7401000000000000003,7401000000000000501)"))
			.get(0).get("subject").asString()).as("a post the delivery does not describe is read once")
			.isEqualTo("LinkedIn: Fotos vom Laternenumzug sind online.");

		assertThat(signed(channel, "webhook_mention.json").status()).isEqualTo(200);
		String mention = conversationOf("urn:li:share:7401000000000000555");
		assertThat(messages(mention).get(0).get("body").asString()).contains("Tag der offenen T&uuml;r");

		linkedin.stubFor(post(urlPathEqualTo("/rest/socialActions/" + enc("urn:li:share:7401000000000000555") + "/comments"))
			.willReturn(answer(201, "comment_created.json")));
		String thanks = reply(mention, "Danke für den Besuch!");
		await().untilAsserted(() -> assertThat(delivery(thanks)).isEqualTo("sent"));
		linkedin.verify(postRequestedFor(urlPathEqualTo("/rest/socialActions/" + enc("urn:li:share:7401000000000000555")
				+ "/comments")).withRequestBody(matchingJsonPath("$.object", equalTo("urn:li:share:7401000000000000555")))
			.withRequestBody(matchingJsonPath("$.actor", equalTo(ORG))));

		String broken = "{\"notifications\": [";
		assertThat(deliver(channel, broken, signature(broken, SECRET)).status()).isEqualTo(400);
	}

	@Test
	void aManagerSignsInWithLinkedInAndThePageIsConnected() throws Exception {
		linkedin.stubFor(post(urlPathEqualTo("/oauth/v2/accessToken")).withRequestBody(containing("grant_type=authorization_code"))
			.willReturn(answer(200, "token_code.json")));
		linkedin.stubFor(refreshWith("AQX-signed-in-refresh-token").willReturn(answer(200, "token_refreshed.json")));
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String csrf = UiSession.csrf(ui.get("/settings/channels").body());
		var sent = ui.form("/settings/channels/connect/linkedin/sign-in", Map.of("_csrf", csrf, "clientId", CLIENT,
				"clientSecret", SECRET, "organization", "2414183", "name", "Kita auf LinkedIn"));
		assertThat(sent.onward()).startsWith(linkedin.baseUrl() + "/oauth/v2/authorization?");
		Map<String, String> authorize = UiSession.formFields(sent.onward().substring(sent.onward().indexOf('?') + 1));
		assertThat(authorize).containsEntry("response_type", "code").containsEntry("client_id", CLIENT)
			.containsEntry("scope", "r_organization_social w_organization_social rw_organization_admin")
			.doesNotContainKey("code_challenge");
		assertThat(authorize.get("redirect_uri")).endsWith("/settings/channels/callback/linkedin");
		assertThat(authorize.get("state")).isNotBlank();

		var forged = ui.get("/settings/channels/callback/linkedin?code=AQT-code&state=not-the-state");
		assertThat(forged.location()).endsWith("/settings/channels");
		assertThat(channels.byKey(workspace.id(), "linkedin")).as("a callback with another state connects nothing").isEmpty();

		sent = ui.form("/settings/channels/connect/linkedin/sign-in", Map.of("_csrf", csrf, "clientId", CLIENT,
				"clientSecret", SECRET, "organization", "2414183", "name", "Kita auf LinkedIn"));
		authorize = UiSession.formFields(sent.onward().substring(sent.onward().indexOf('?') + 1));
		var back = ui.get("/settings/channels/callback/linkedin?code=AQT-code&state=" + authorize.get("state"));
		assertThat(back.location()).endsWith("/settings/channels");
		var channel = channels.byKey(workspace.id(), "linkedin").orElseThrow();
		assertThat(channel.name()).isEqualTo("Kita auf LinkedIn");
		assertThat(channel.config()).containsEntry("refreshToken", "AQX-signed-in-refresh-token")
			.containsEntry("accessToken", "AQV-signed-in-access-token").containsEntry("organization", ORG);
		Map<String, String> exchange = UiSession.formFields(linkedin.findAll(postRequestedFor(urlPathEqualTo("/oauth/v2/accessToken"))
			.withRequestBody(containing("grant_type=authorization_code"))).getFirst().getBodyAsString());
		assertThat(exchange).containsEntry("code", "AQT-code").containsEntry("client_secret", SECRET);
		assertThat(exchange.get("redirect_uri")).isEqualTo(authorize.get("redirect_uri"));
	}
}
