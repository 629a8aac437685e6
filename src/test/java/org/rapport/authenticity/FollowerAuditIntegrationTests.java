package org.rapport.authenticity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.mastodon.MastodonAnswers;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Job;
import org.rapport.platform.Jobs;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Follower audits through the API: of a connected Mastodon account (an instance answering as the official API
 * documentation shows, WireMock; see {@code src/test/resources/mastodon/README.md}) and of a CSV of profiles.
 */
class FollowerAuditIntegrationTests extends IntegrationTest {

	static final String FOLLOWERS = "/api/v1/accounts/109302/followers";
	static final String FIRST_PAGE = FOLLOWERS + "?limit=80";
	static final String SECOND_PAGE = FOLLOWERS + "?limit=80&max_id=113287402";

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	FollowerAuditJob job;

	@Autowired
	Jobs jobs;

	static ResponseDefinitionBuilder page(String file, boolean hasNext) {
		return page(file, hasNext, 290, Instant.now().plus(5, ChronoUnit.MINUTES));
	}

	/** A page as the instance answers it, with the requests left of its rate limit and when it resets. */
	static ResponseDefinitionBuilder page(String file, boolean hasNext, int remaining, Instant reset) {
		String prev = "<https://social.example" + FOLLOWERS + "?limit=80&since_id=113287410>; rel=\"prev\"";
		return aResponse().withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Limit", "300")
			.withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
			.withHeader("X-RateLimit-Reset", reset.toString())
			.withHeader("Link", hasNext ? "<https://social.example" + SECOND_PAGE + ">; rel=\"next\", " + prev : prev)
			.withBody(MastodonAnswers.file(file));
	}

	@BeforeEach
	void anInstance() {
		instance.stubFor(get("/api/v1/accounts/verify_credentials").withHeader("Authorization", equalTo("Bearer good-token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(MastodonAnswers.file("audited_account.json"))));
		instance.stubFor(get(urlEqualTo(FIRST_PAGE)).willReturn(page("followers_page1.json", true)));
		instance.stubFor(get(urlEqualTo(SECOND_PAGE)).willReturn(page("followers_page2.json", false)));
	}

	private String connect() {
		var created = api.post("/api/v1/channels", Map.of("key", "social", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "good-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private JsonNode finished(String audit) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !List.of("queued", "running")
			.contains(api.get("/api/v1/audits/" + audit).json().get("status").asString()));
		return api.get("/api/v1/audits/" + audit).json();
	}

	@Test
	void anAuditReadsBothPagesOfFollowersAndGivesTheShareBoughtWithItsIntervalTheBurstAndTheReasons() {
		String channel = connect();
		var started = api.post("/api/v1/channels/" + channel + "/audits", Map.of());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(started.json().get("status").asString()).isIn("queued", "running");
		String id = started.json().get("id").asString();
		assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/audits/" + id);

		JsonNode audit = finished(id);
		assertThat(audit.get("status").asString()).as(audit.toString()).isEqualTo("done");
		assertThat(audit.get("channelId").asString()).isEqualTo(channel);
		assertThat(audit.get("account").asString()).isEqualTo("Kita auf Mastodon");
		assertThat(audit.get("progress").get("done").asInt()).isEqualTo(5);
		assertThat(audit.get("progress").get("total").asInt()).as("followers_count of verify_credentials").isEqualTo(5);
		assertThat(audit.get("followers").asInt()).isEqualTo(5);
		assertThat(audit.get("bought").asInt()).isEqualTo(3);
		assertThat(audit.get("share").asDouble()).isEqualTo(0.6);
		JsonNode confidence = audit.get("confidence");
		assertThat(confidence.get("level").asDouble()).isEqualTo(0.95);
		assertThat(confidence.get("low").asDouble()).isCloseTo(0.2307, org.assertj.core.data.Offset.offset(0.001));
		assertThat(confidence.get("high").asDouble()).isCloseTo(0.8824, org.assertj.core.data.Offset.offset(0.001));
		assertThat(audit.get("startedAt").isNull()).isFalse();
		assertThat(audit.get("finishedAt").isNull()).isFalse();
		assertThat(audit.get("changeSinceLast").isNull()).as("the first audit of the account").isTrue();
		assertThat(audit.get("error").isNull()).isTrue();

		JsonNode days = audit.get("newPerDay");
		JsonNode burst = null;
		for (JsonNode day : days) {
			if (day.get("day").asString().equals("2025-03-14")) {
				burst = day;
			}
		}
		assertThat(burst).as("three accounts created on one day: %s", days).isNotNull();
		assertThat(burst.get("count").asInt()).isEqualTo(3);
		assertThat(burst.get("bought").asInt()).isEqualTo(3);
		assertThat(days.size()).isEqualTo(3);

		JsonNode items = audit.get("items");
		assertThat(items.size()).isEqualTo(5);
		for (int i = 0; i < 3; i++) {
			assertThat(items.get(i).get("verdict").asString()).isEqualTo("bought");
			assertThat(items.get(i).get("bought").asDouble()).isGreaterThan(0.9);
			assertThat(items.get(i).get("handle").asString()).startsWith("@user8374");
			assertThat(items.get(i).get("reasons").get(0).get("code").asString()).isNotBlank();
		}
		assertThat(texts(items.get(0))).anyMatch(t -> t.startsWith("follows 2,"));
		assertThat(items.get(3).get("verdict").asString()).isEqualTo("genuine");
		assertThat(items.get(4).get("verdict").asString()).isEqualTo("genuine");
		JsonNode bot = items.get(3).get("handle").asString().startsWith("@wetter") ? items.get(3) : items.get(4);
		assertThat(bot.get("bot").asBoolean()).isTrue();
		assertThat(bot.get("profile").get("network").asString()).isEqualTo("mastodon");

		JsonNode page = api.get("/api/v1/audits/" + id + "?offset=3&limit=1").json();
		assertThat(page.get("items").size()).isEqualTo(1);
		assertThat(page.get("items").get(0).get("verdict").asString()).isEqualTo("genuine");
		JsonNode german = german("/api/v1/audits/" + id + "?limit=1");
		assertThat(texts(german.get("items").get(0))).anyMatch(t -> t.startsWith("folgt 2."));

		instance.verify(1, getRequestedFor(urlEqualTo(SECOND_PAGE)));
		instance.verify(getRequestedFor(urlPathEqualTo(FOLLOWERS)).withHeader("Authorization", equalTo("Bearer good-token")));
	}

	@Test
	void theNextAuditSaysWhatChangedSinceTheLast() {
		String channel = connect();
		String first = api.post("/api/v1/channels/" + channel + "/audits", Map.of()).json().get("id").asString();
		assertThat(finished(first).get("status").asString()).isEqualTo("done");

		// The bot unfollowed: the second page now holds only the bought account.
		String onlyBought = Api.JSON.writeValueAsString(List.of(Api.JSON.readTree(MastodonAnswers.file("followers_page2.json")).get(0)));
		instance.stubFor(get(urlEqualTo(SECOND_PAGE)).willReturn(page("followers_page2.json", false).withBody(onlyBought)));
		String second = api.post("/api/v1/channels/" + channel + "/audits", Map.of()).json().get("id").asString();
		JsonNode audit = finished(second);
		assertThat(audit.get("followers").asInt()).isEqualTo(4);
		JsonNode change = audit.get("changeSinceLast");
		assertThat(change.get("previousAuditId").asString()).isEqualTo(first);
		assertThat(change.get("followersDelta").asInt()).isEqualTo(-1);
		assertThat(change.get("shareDelta").asDouble()).isEqualTo(0.15);
		assertThat(change.get("newFollowers").asInt()).isZero();
		assertThat(change.get("goneFollowers").asInt()).isEqualTo(1);

		JsonNode list = api.get("/api/v1/audits").json().get("items");
		assertThat(list.get(0).get("id").asString()).isEqualTo(second);
		assertThat(list.get(1).get("id").asString()).isEqualTo(first);
	}

	@Test
	void runningTheSameAuditAgainDoublesNothing() throws Exception {
		String channel = connect();
		String id = api.post("/api/v1/channels/" + channel + "/audits", Map.of()).json().get("id").asString();
		assertThat(finished(id).get("followers").asInt()).isEqualTo(5);
		String payload = payload(id, 0);

		// The job runs once more, as after a node stopped before recording it as done: nothing to read.
		job.run(payload);
		assertThat(count(id)).isEqualTo(5);
		instance.verify(1, getRequestedFor(urlEqualTo(FIRST_PAGE)));

		// A node stopped after storing the pages but before the audit was recorded as finished, and the cursor was
		// lost with it: the job reads everything again and stores each follower once.
		jdbc.sql("update authenticity_audits set status = 'running', cursor = null, finished_at = null where id = ?::uuid")
			.param(id).update();
		job.run(payload);
		instance.verify(2, getRequestedFor(urlEqualTo(FIRST_PAGE)));
		assertThat(count(id)).isEqualTo(5);
		JsonNode audit = api.get("/api/v1/audits/" + id).json();
		assertThat(audit.get("status").asString()).isEqualTo("done");
		assertThat(audit.get("followers").asInt()).isEqualTo(5);
		assertThat(audit.get("bought").asInt()).isEqualTo(3);

		// A job of an earlier step, revived after its audit was handed on, does nothing.
		jdbc.sql("update authenticity_audits set status = 'running', cursor = null, step = 3 where id = ?::uuid").param(id).update();
		job.run(payload);
		instance.verify(2, getRequestedFor(urlEqualTo(FIRST_PAGE)));
	}

	@Test
	void aRateLimitOfTheInstancePausesTheAuditUntilItsResetAndItGoesOnFromThere() throws Exception {
		Instant reset = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		instance.stubFor(get(urlEqualTo(SECOND_PAGE)).willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Limit", "300")
			.withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", reset.toString())
			.withBody("{\"error\": \"Too many requests\"}")));
		String channel = connect();
		String id = api.post("/api/v1/channels/" + channel + "/audits", Map.of()).json().get("id").asString();

		await().atMost(Duration.ofSeconds(20)).until(() -> !api.get("/api/v1/audits/" + id).json().get("pausedUntil").isNull());
		JsonNode paused = api.get("/api/v1/audits/" + id).json();
		assertThat(paused.get("status").asString()).isEqualTo("running");
		assertThat(Instant.parse(paused.get("pausedUntil").asString())).isEqualTo(reset);
		assertThat(paused.get("progress").get("done").asInt()).as("the first page is kept").isEqualTo(3);
		List<Job> waiting = waiting(id);
		assertThat(waiting).hasSize(1);
		assertThat(waiting.getFirst().runAt()).as("the next attempt is at the reset, not after a fixed pause").isEqualTo(reset);

		// At the reset the instance answers again; the queued job continues with the second page only.
		instance.stubFor(get(urlEqualTo(SECOND_PAGE)).willReturn(page("followers_page2.json", false)));
		job.run(waiting.getFirst().payload());
		JsonNode done = api.get("/api/v1/audits/" + id).json();
		assertThat(done.get("status").asString()).isEqualTo("done");
		assertThat(done.get("followers").asInt()).isEqualTo(5);
		assertThat(done.get("pausedUntil").isNull()).isTrue();
		instance.verify(1, getRequestedFor(urlEqualTo(FIRST_PAGE)));
	}

	@Test
	void aRateLimitNearlySpentWaitsForTheResetBeforeTheNextPage() {
		Instant reset = Instant.now().plus(4, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		instance.stubFor(get(urlEqualTo(FIRST_PAGE)).willReturn(page("followers_page1.json", true, 12, reset)));
		String channel = connect();
		String id = api.post("/api/v1/channels/" + channel + "/audits", Map.of()).json().get("id").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> !api.get("/api/v1/audits/" + id).json().get("pausedUntil").isNull());
		assertThat(waiting(id).getFirst().runAt()).isEqualTo(reset);
		instance.verify(0, getRequestedFor(urlEqualTo(SECOND_PAGE)));
	}

	@Test
	void aRevokedTokenFailsTheAuditWithTheInstancesWords() {
		String channel = connect();
		instance.stubFor(get("/api/v1/accounts/verify_credentials").atPriority(1)
			.willReturn(aResponse().withStatus(401).withBody(MastodonAnswers.file("error_401.json"))));
		String id = api.post("/api/v1/channels/" + channel + "/audits", Map.of()).json().get("id").asString();
		JsonNode audit = finished(id);
		assertThat(audit.get("status").asString()).isEqualTo("failed");
		assertThat(audit.get("error").asString()).contains("rejected the access token").contains("reconnect");
		assertThat(audit.get("finishedAt").isNull()).isFalse();
		assertThat(jobs.failed(workspace.id(), FollowerAudits.JOB)).as("offered under Background tasks").hasSize(1);
	}

	@Test
	void aChannelThatCannotListItsFollowersIsAClearConflictAndUnknownIdsAreNotFound() {
		JsonNode channels = api.get("/api/v1/channels").json();
		String form = null;
		for (JsonNode c : channels.get("items")) {
			if (c.get("kind").asString().equals("webform")) {
				form = c.get("id").asString();
			}
		}
		assertThat(form).as(channels.toString()).isNotNull();
		var refused = api.post("/api/v1/channels/" + form + "/audits", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("detail").asString()).contains("cannot list their followers").contains("CSV");
		assertThat(jdbc.sql("select count(*) from authenticity_audits where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();

		assertThat(api.post("/api/v1/channels/" + UUID.randomUUID() + "/audits", Map.of()).status()).isEqualTo(404);
		var unknown = api.get("/api/v1/audits/" + UUID.randomUUID());
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("detail").asString()).startsWith("No audit");
		assertThat(api.get("/api/v1/audits/not-an-id").status()).isEqualTo(400);
	}

	static final String CSV = """
			id,network,handle,createdAt,observedAt,posts,followers,following,defaultAvatar,bio,url
			1,bluesky,kauf1.bsky.social,2025-05-20,2026-11-01,0,3,1900,true,,
			2,bluesky,kauf2.bsky.social,2025-05-20,2026-11-01,1,5,2400,true,,
			3,bluesky,anna.example.org,2019-02-01,2026-11-01,3400,820,310,false,Sozialarbeiterin in Köln,https://example.org
			4,bluesky,jonas.example.org,2020-07-11,2026-11-01,950,240,180,false,Jugendhilfe,
			""";

	@Test
	void aCsvAuditIsStoredAtOnceAndComparedWithTheLastOfTheSameAccount() {
		var created = csv(CSV, "kita.bsky.social");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode audit = created.json();
		assertThat(audit.get("source").asString()).isEqualTo("csv");
		assertThat(audit.get("status").asString()).isEqualTo("done");
		assertThat(audit.get("account").asString()).isEqualTo("kita.bsky.social");
		assertThat(audit.get("network").asString()).isEqualTo("bluesky");
		assertThat(audit.get("channelId").isNull()).isTrue();
		assertThat(audit.get("followers").asInt()).isEqualTo(4);
		assertThat(audit.get("bought").asInt()).isEqualTo(2);
		assertThat(audit.get("newPerDay").get(2).get("count").asInt()).isEqualTo(2);

		String more = CSV + "5,bluesky,kauf3.bsky.social,2025-05-20,2026-11-01,0,1,2000,true,,\n";
		JsonNode second = upload(more, "kita.bsky.social").json();
		assertThat(second.get("changeSinceLast").get("previousAuditId").asString()).isEqualTo(audit.get("id").asString());
		assertThat(second.get("changeSinceLast").get("newFollowers").asInt()).isEqualTo(1);
		assertThat(second.get("changeSinceLast").get("followersDelta").asInt()).isEqualTo(1);
		assertThat(csv(CSV, "another account").json().get("changeSinceLast").isNull()).isTrue();
		var mixed = csv(CSV.replace("4,bluesky,", "4,mastodon,"), "");
		assertThat(mixed.status()).as(mixed.body()).isEqualTo(201);
		assertThat(mixed.json().get("network").isNull()).as("followers of several networks").isTrue();
		assertThat(mixed.json().get("account").asString()).isEqualTo("CSV");
	}

	@Test
	void aCsvWithBadLinesIsRefusedNamingEachLineAndNothingIsStored() {
		String bad = CSV.replace("2025-05-20,2026-11-01,1,5,2400", "2025-05-20,2026-11-01,one,5,2400")
			.replace(",3400,", ",-3,");
		var refused = csv(bad, "kita");
		assertThat(refused.status()).isEqualTo(400);
		JsonNode problem = refused.json();
		assertThat(problem.get("line").asInt()).isEqualTo(3);
		assertThat(problem.get("field").asString()).isEqualTo("posts");
		assertThat(problem.get("detail").asString()).startsWith("Line 3: column posts holds \"one\"").contains("1 more");
		assertThat(problem.get("errors").size()).isEqualTo(2);
		assertThat(problem.get("errors").get(1).get("line").asInt()).isEqualTo(4);
		assertThat(problem.get("errors").get(1).get("message").asString())
			.isEqualTo("Line 4: The field 'posts' holds -3; counts cannot be negative.");
		assertThat(upload(bad, "kita").status()).isEqualTo(400);
		assertThat(csv("", "kita").status()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from authenticity_audits where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void viewersReadAuditsWithoutStartingThemAndOtherWorkspacesSeeNone() {
		String channel = connect();
		String id = api.post("/api/v1/channels/" + channel + "/audits", Map.of()).json().get("id").asString();
		finished(id);

		Member m = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "Vera Viewer", PASSWORD, Role.VIEWER);
		Api viewer = new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "Vera Viewer", workspace.id(),
				Role.VIEWER, null), "viewer").token());
		assertThat(viewer.get("/api/v1/audits/" + id).status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/audits").json().get("items").size()).isEqualTo(1);
		assertThat(viewer.post("/api/v1/channels/" + channel + "/audits", Map.of()).status()).isEqualTo(403);
		assertThat(new Api(baseUrl(), viewer.token()).send(csvRequest(viewer.token(), CSV, "x")).status()).isEqualTo(403);

		Member trainee = members.add(workspace.id(), "trainee-" + UUID.randomUUID() + "@example.org", "Tom", PASSWORD, Role.TRAINEE);
		String traineeToken = tokens.create(new CurrentUser(trainee.userId(), trainee.email(), "Tom", workspace.id(),
				Role.TRAINEE, null), "trainee").token();
		assertThat(new Api(baseUrl(), traineeToken).post("/api/v1/channels/" + channel + "/audits", Map.of()).status())
			.as("auditing is no channel setting").isEqualTo(202);

		Workspace other = workspaces.create("Other", "other-" + UUID.randomUUID().toString().substring(0, 8));
		Member stranger = members.add(other.id(), "owner-" + UUID.randomUUID() + "@example.org", "Otto", PASSWORD, Role.OWNER);
		Api otherApi = new Api(baseUrl(), tokens.create(new CurrentUser(stranger.userId(), stranger.email(), "Otto", other.id(),
				Role.OWNER, null), "other").token());
		assertThat(otherApi.get("/api/v1/audits/" + id).status()).isEqualTo(404);
		assertThat(otherApi.get("/api/v1/audits").json().get("items").size()).isZero();
		assertThat(otherApi.post("/api/v1/channels/" + channel + "/audits", Map.of()).status()).isEqualTo(404);
	}

	private List<Job> waiting(String audit) {
		List<Job> found = new ArrayList<>();
		for (Job j : jobs.list(workspace.id(), FollowerAudits.JOB, "queued", 50)) {
			if (j.payload().contains(audit)) {
				found.add(j);
			}
		}
		return found;
	}

	private String payload(String audit, int step) {
		return Api.JSON.writeValueAsString(Map.of("workspaceId", workspace.id().toString(), "auditId", audit, "step", step));
	}

	private int count(String audit) {
		return jdbc.sql("select count(*) from authenticity_audit_items where audit_id = ?::uuid").param(audit)
			.query(Integer.class).single();
	}

	private static List<String> texts(JsonNode item) {
		List<String> texts = new ArrayList<>();
		item.get("reasons").forEach(r -> texts.add(r.get("text").asString()));
		return texts;
	}

	private JsonNode german(String path) {
		return api.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
			.header("Accept-Language", "de-DE,de;q=0.9").GET()).json();
	}

	private HttpRequest.Builder csvRequest(String bearer, String csv, String account) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/authenticity/audits?account="
				+ java.net.URLEncoder.encode(account, StandardCharsets.UTF_8)))
			.header("Authorization", "Bearer " + bearer).header("Content-Type", "text/csv; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
	}

	private Api.Response csv(String csv, String account) {
		return api.send(csvRequest(token, csv, account));
	}

	private Api.Response upload(String csv, String account) {
		String boundary = "audit-" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"account\"\r\n\r\n" + account + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"followers.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		return api.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/authenticity/audits"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}
}
