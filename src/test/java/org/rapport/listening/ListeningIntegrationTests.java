package org.rapport.listening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Jobs;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.JsonNode;

/**
 * Listening through followed feeds, end to end over the API and the page: feeds read with a conditional GET, every
 * item once (also when two feeds carry the same article), monitors that fold umlauts and honour all/exclude, hits
 * paged, dismissed and brought back, an hourly alert queued, and hostile feeds (an entity bomb, a feed of 50 MB)
 * refused with the reason in words.
 */
class ListeningIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension feeds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	Jobs jobs;

	@BeforeEach
	void feedsOnTheWeb() {
		feeds.stubFor(get(urlPathEqualTo("/press.rss")).willReturn(aResponse().withHeader("Content-Type", "application/rss+xml")
			.withHeader("ETag", "\"v1\"").withBody(file("press.rss"))));
		feeds.stubFor(get(urlPathEqualTo("/press.rss")).atPriority(1).withHeader("If-None-Match", equalTo("\"v1\""))
			.willReturn(aResponse().withStatus(304)));
		feeds.stubFor(get(urlPathEqualTo("/partner.json")).willReturn(aResponse().withHeader("Content-Type", "application/feed+json")
			.withBody(file("partner.json"))));
		feeds.stubFor(get(urlPathEqualTo("/bomb.xml")).willReturn(aResponse().withHeader("Content-Type", "application/rss+xml")
			.withBody(file("bomb.xml"))));
	}

	private static String file(String name) {
		try {
			return new String(new ClassPathResource("feeds/" + name).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A well-formed feed of 50 MB: 50,000 items of a kilobyte each. */
	private static byte[] huge() {
		StringBuilder out = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>");
		String item = "<item><title>x</title><link>https://huge.example/%d</link><description>" + "y".repeat(1000)
				+ "</description></item>";
		for (int i = 0; out.length() < 50 * 1024 * 1024; i++) {
			out.append(item.formatted(i));
		}
		return out.append("</channel></rss>").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private String follow(String key, String path) {
		var created = api.post("/api/v1/channels", Map.of("key", key, "kind", "feed", "name", key,
				"config", Map.of("url", feeds.baseUrl() + path)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private int readNow() {
		var read = api.post("/api/v1/listening/read", Map.of());
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		return read.json().get("heard").asInt();
	}

	private List<JsonNode> hits(String query) {
		var page = api.get("/api/v1/listening/hits" + query);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		List<JsonNode> out = new ArrayList<>();
		page.json().get("items").forEach(out::add);
		return out;
	}

	private static List<String> titles(List<JsonNode> hits) {
		return hits.stream().map(h -> h.get("title").asString()).toList();
	}

	@Test
	void aFollowedFeedIsHeardItemByItemOnceAndAskedAgainOnlyIfChanged() {
		follow("presse", "/press.rss");
		assertThat(readNow()).isEqualTo(3);
		List<JsonNode> heard = hits("");
		assertThat(titles(heard)).as("heard in one read: the newest first").containsExactly("Haushalt beschlossen",
				"Stellenangebot: Erzieherin (m/w/d)", "Neue Kita in Zürich eröffnet");
		JsonNode kita = heard.stream().filter(h -> h.get("title").asString().startsWith("Neue Kita")).findFirst().orElseThrow();
		assertThat(kita.get("text").asString()).contains("Die Stadt eröffnet eine Kita").doesNotContain("<", "alert(1)");
		assertThat(kita.get("author").asString()).isEqualTo("Redaktion Presseportal");
		assertThat(kita.get("language").asString()).isEqualTo("de");
		assertThat(kita.get("postedAt").asString()).isEqualTo("2026-12-01T08:30:00Z");
		assertThat(kita.get("canShare").asBoolean()).isFalse();
		assertThat(kita.get("canAnswer").asBoolean()).isFalse();

		assertThat(readNow()).as("unchanged: the server answers 304").isZero();
		feeds.verify(getRequestedFor(urlPathEqualTo("/press.rss")).withHeader("If-None-Match", equalTo("\"v1\"")));
		assertThat(hits("")).hasSize(3);

		var sources = api.get("/api/v1/listening/sources").json().get("items");
		assertThat(sources).hasSize(1);
		assertThat(sources.get(0).get("searches").asBoolean()).isFalse();
		assertThat(sources.get(0).get("lastError").asString()).isEmpty();
		assertThat(sources.get(0).get("lastReadAt").isNull()).isFalse();
	}

	@Test
	void monitorsFoldUmlautsHonourAllAndExcludeAndTheSameArticleFromTwoFeedsIsShownOnce() {
		var monitor = api.post("/api/v1/listening/monitors", Map.of("name", "Kita Zürich", "all", List.of("Kita", "zürich"),
				"exclude", List.of("Stellenangebot"), "alertPerHour", 1));
		assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
		String monitorId = monitor.json().get("id").asString();
		var tags = api.post("/api/v1/listening/monitors", Map.of("name", "Zusammenarbeit", "phrases", List.of("gute Zusammenarbeit")));
		assertThat(tags.status()).as(tags.body()).isEqualTo(201);

		follow("presse", "/press.rss");
		follow("partner", "/partner.json");
		assertThat(readNow()).as("3 press items, 1 new partner item; the shared article is the press item").isEqualTo(4);

		assertThat(titles(hits("?monitor=" + monitorId))).as("Zuerich in a job ad is excluded; Zürichberg is another word; "
				+ "the article both feeds carry is one hit, from whichever feed was read first")
			.singleElement().asString().startsWith("Neue Kita in Zürich eröffnet");
		assertThat(titles(hits("?monitor=" + tags.json().get("id").asString())))
			.containsExactly("Zusammenarbeit mit der Kita am Zürichberg");
		assertThat(hits("")).hasSize(4);

		var counts = api.get("/api/v1/listening/monitors").json().get("items");
		assertThat(counts).hasSize(2);
		assertThat(alertJobs()).as("1 hit an hour was asked for").isEqualTo(1);
		readNow();
		assertThat(alertJobs()).as("no new hit, no second alert").isEqualTo(1);

		var page1 = api.get("/api/v1/listening/hits?limit=3").json();
		assertThat(page1.get("items")).hasSize(3);
		var page2 = api.get("/api/v1/listening/hits?limit=3&cursor=" + page1.get("next").asString()).json();
		assertThat(page2.get("items")).hasSize(1);
		assertThat(page2.get("next").isNull()).isTrue();
	}

	@Test
	void hitsAreDismissedAndBroughtBackButAFeedsItemIsNeitherSharedNorAnswered() {
		follow("presse", "/press.rss");
		readNow();
		String id = hits("").get(0).get("id").asString();
		var dismissed = api.post("/api/v1/listening/hits/" + id + "/dismiss", Map.of());
		assertThat(dismissed.status()).isEqualTo(200);
		assertThat(dismissed.json().get("status").asString()).isEqualTo("dismissed");
		assertThat(hits("")).hasSize(2);
		assertThat(hits("?status=dismissed")).hasSize(1);
		assertThat(api.post("/api/v1/listening/hits/" + id + "/restore", Map.of()).json().get("status").asString()).isEqualTo("new");
		assertThat(hits("")).hasSize(3);
		assertThat(jdbc.sql("select action from audit_log where workspace_id = ? and action like 'listening.hit.%' order by id")
			.param(workspace.id()).query(String.class).list()).as("audited")
			.containsExactly("listening.hit.dismissed", "listening.hit.restored");

		var share = api.post("/api/v1/listening/hits/" + id + "/share", Map.of());
		assertThat(share.status()).isEqualTo(400);
		assertThat(share.json().get("field").asString()).isEqualTo("id");
		var answer = api.post("/api/v1/listening/hits/" + id + "/answer", Map.of());
		assertThat(answer.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/listening/hits/" + UUID.randomUUID() + "/dismiss", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void badMonitorsAndQueriesAreRefusedNamingTheFieldAndOnlyManagersKeepMonitors() {
		assertField(api.post("/api/v1/listening/monitors", Map.of("name", "Nothing")), "any");
		assertField(api.post("/api/v1/listening/monitors", Map.of("name", "Symbols", "any", List.of("!!!"))), "any[0]");
		assertField(api.post("/api/v1/listening/monitors", Map.of("name", "", "any", List.of("kita"))), "name");
		assertField(api.post("/api/v1/listening/monitors", Map.of("name", "L", "any", List.of("kita"), "languages", List.of("german"))),
				"languages[0]");
		assertField(api.post("/api/v1/listening/monitors", Map.of("name", "A", "any", List.of("kita"), "alertPerHour", 0)),
				"alertPerHour");
		assertField(api.post("/api/v1/listening/monitors", Map.of("name", "C", "any", List.of("kita"),
				"channelIds", List.of(UUID.randomUUID().toString()))), "channelIds[0]");
		assertField(api.post("/api/v1/listening/monitors", Map.of("name", "Many", "any", java.util.Collections.nCopies(51, "kita"))),
				"any");
		assertThat(api.get("/api/v1/listening/monitors").json().get("items")).as("nothing stored").isEmpty();

		assertField(api.get("/api/v1/listening/hits?limit=0"), "limit");
		assertField(api.get("/api/v1/listening/hits?cursor=nonsense"), "cursor");
		assertField(api.get("/api/v1/listening/hits?monitor=nonsense"), "monitor");
		assertField(api.get("/api/v1/listening/hits?status=maybe"), "status");

		Api agent = as(Role.AGENT);
		assertThat(agent.post("/api/v1/listening/monitors", Map.of("name", "Kita", "any", List.of("kita"))).status()).isEqualTo(403);
		var created = api.post("/api/v1/listening/monitors", Map.of("name", "Kita", "any", List.of("kita")));
		assertThat(agent.get("/api/v1/listening/monitors/" + created.json().get("id").asString()).status()).isEqualTo(200);
		assertThat(agent.delete("/api/v1/listening/monitors/" + created.json().get("id").asString()).status()).isEqualTo(403);
		Api viewer = as(Role.VIEWER);
		assertThat(viewer.post("/api/v1/listening/read", Map.of()).status()).isEqualTo(403);
		assertThat(viewer.get("/api/v1/listening/hits").status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/listening/monitors/" + created.json().get("id").asString()).status()).isEqualTo(204);
	}

	@Test
	void hostileOrOversizedFeedsAreRefusedWithTheReasonAndNothingIsExpanded() {
		var bomb = api.post("/api/v1/channels", Map.of("key", "bomb", "kind", "feed", "name", "Bomb",
				"config", Map.of("url", feeds.baseUrl() + "/bomb.xml")));
		assertThat(bomb.status()).as(bomb.body()).isEqualTo(400);
		assertThat(bomb.json().get("field").asString()).isEqualTo("config.url");
		assertThat(bomb.json().get("detail").asString()).contains("not a feed that can be read").doesNotContain("root:");

		feeds.stubFor(get(urlPathEqualTo("/huge.xml")).willReturn(aResponse().withHeader("Content-Type", "application/rss+xml")
			.withBody(huge())));
		var huge = api.post("/api/v1/channels", Map.of("key", "huge", "kind", "feed", "name", "Huge",
				"config", Map.of("url", feeds.baseUrl() + "/huge.xml")));
		assertThat(huge.status()).as(huge.body()).isEqualTo(400);
		assertThat(huge.json().get("detail").asString()).contains("larger than 5 MB");

		follow("presse", "/press.rss");
		readNow();
		feeds.stubFor(get(urlPathEqualTo("/press.rss")).atPriority(0).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/rss+xml").withBody(file("bomb.xml"))));
		assertThat(readNow()).isZero();
		var source = api.get("/api/v1/listening/sources").json().get("items").get(0);
		assertThat(source.get("lastError").asString()).contains("not a feed that can be read");
		assertThat(hits("")).as("nothing heard before is lost").hasSize(3);

		feeds.stubFor(get(urlPathEqualTo("/press.rss")).atPriority(0).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/rss+xml").withBody(huge())));
		assertThat(readNow()).isZero();
		source = api.get("/api/v1/listening/sources").json().get("items").get(0);
		assertThat(source.get("lastError").asString()).contains("larger than 5 MB");
		assertThat(hits("")).as("nothing heard before is lost when the feed grows to 50 MB").hasSize(3);
	}

	@Test
	void thePageShowsHitsInGermanAndAManagerKeepsMonitorsThere() throws Exception {
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var channelsPage = ui.get("/settings/channels");
		assertThat(channelsPage.body()).contains("Feed (RSS, Atom, JSON Feed) verbinden");
		var followed = ui.form("/settings/channels/connect/feed", Map.of("_csrf", UiSession.csrf(channelsPage.body()),
				"name", "Presseportal", "url", feeds.baseUrl() + "/press.rss"));
		assertThat(followed.location()).as(followed.body()).endsWith("/settings/channels");
		readNow();
		var page = ui.get("/listening");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Zuhören", "Neue Kita in Zürich eröffnet", "Verwerfen", "Wo Rapport zuhört")
			.doesNotContain("alert(1)");

		String csrf = UiSession.csrf(ui.get("/listening/monitors/new").body());
		var refused = ui.form("/listening/monitors", Map.of("_csrf", csrf, "name", "Leer", "any", ""));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("aria-invalid=\"true\"").contains("id=\"monitor-any\"");
		var saved = ui.form("/listening/monitors", Map.of("_csrf", csrf, "name", "Haushalt", "any", "Haushalt, Stadtrat",
				"languages", "de"));
		assertThat(saved.location()).contains("/listening?monitor=");
		assertThat(api.get("/api/v1/listening/monitors").json().get("items").get(0).get("any").toString())
			.contains("Haushalt", "Stadtrat");
	}

	private int alertJobs() {
		return List.of("queued", "running", "done", "failed").stream()
			.mapToInt(status -> jobs.list(workspace.id(), "listening-alert-mail", status, 10).size()).sum();
	}

	private Api as(Role role) {
		Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", "Vera " + role.key(),
				"some long password", role);
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), "Vera", workspace.id(), role, null), "t").token());
	}

	private static void assertField(Api.Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("field").asString()).isEqualTo(field);
	}
}
