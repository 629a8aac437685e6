package org.rapport.authenticity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storm early warning per topic end to end: posts of a followed feed heard by listening, matched by two monitors
 * (topics); one angry author writing often raises nothing, many angry authors on one topic raise one alert for that
 * topic and none for the quiet other one, with banner, mail, the posts that caused it, acknowledging, the threshold
 * per topic and forgetting a deleted topic.
 */
class TopicStormIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension feeds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@topicstorm.test", "team", "geheim"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Channels channels;

	@Autowired
	StormWatch watch;

	static final String[] ANGRY = { "Boykott! Wie könnt ihr den Bahnhof so verkommen lassen? Schämt euch.",
			"Der Bahnhof ist widerlich, unfassbar respektlos.", "Disgusting, the Bahnhof is totally unacceptable. #boycott",
			"Shame on you, the Bahnhof plan is offensive.", "Skandal, was ihr am Bahnhof macht. Entsetzlich!" };

	record Item(String author, String text, Instant at) {
	}

	/** Serves the feed with these items (each its own address), replacing what it served before. */
	private static void serve(List<Item> items) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (Item item : items) {
			String url = "https://social.example.net/posts/" + UUID.nameUUIDFromBytes((item.author() + item.text() + item.at())
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.add(Map.of("id", url, "url", url, "content_text", item.text(), "date_published", item.at().toString(),
					"authors", List.of(Map.of("name", item.author()))));
		}
		String body = JSON.writeValueAsString(Map.of("version", "https://jsonfeed.org/version/1.1", "title", "Stadtgespräch",
				"items", out));
		feeds.stubFor(get(urlPathEqualTo("/stadt.json")).willReturn(aResponse().withHeader("Content-Type", "application/feed+json")
			.withBody(body)));
	}

	private int readNow() {
		var read = api.post("/api/v1/listening/read", Map.of());
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		return read.json().get("heard").asInt();
	}

	private String monitor(String name, String term) {
		var created = api.post("/api/v1/listening/monitors", Map.of("name", name, "any", List.of(term)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private void followTheFeed() {
		var created = api.post("/api/v1/channels", Map.of("key", "stadt", "kind", "feed", "name", "Stadtgespräch",
				"config", Map.of("url", feeds.baseUrl() + "/stadt.json")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
	}

	@Test
	void manyAngryAuthorsOnOneTopicRaiseOneAlertForItAndNoneForAQuietTopic() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@topicstorm.test", "Team", "team", "geheim"));
		String managerEmail = "manager-" + UUID.randomUUID().toString().substring(0, 8) + "@topicstorm.test";
		members.add(workspace.id(), managerEmail, "Mara Manager", PASSWORD, Role.MANAGER);
		String agentEmail = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@topicstorm.test";
		members.add(workspace.id(), agentEmail, "Aaron Agent", PASSWORD, Role.AGENT);
		String bahnhof = monitor("Bahnhof", "Bahnhof");
		String kita = monitor("Kita", "Kita");
		Instant now = Instant.now();

		// One angry person posting fifteen times about the Bahnhof, and calm posts about the Kita, are no storm.
		List<Item> items = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			items.add(new Item("Wütend Wilma", ANGRY[i % ANGRY.length] + " (" + i + ")", now.minusSeconds(900 - 30L * i)));
		}
		for (int i = 0; i < 8; i++) {
			items.add(new Item("Mutter " + i, "Die neue Kita ist schön, danke an alle! (" + i + ")", now.minusSeconds(600 - 40L * i)));
		}
		serve(items);
		followTheFeed();
		assertThat(readNow()).isEqualTo(23);
		assertThat(api.get("/api/v1/alerts").json().get("items")).isEmpty();
		assertThat(jdbc.sql("select count(*) from storm_topic_recent where monitor_id = ?").param(UUID.fromString(bahnhof))
			.query(Integer.class).single()).isEqualTo(15);
		assertThat(jdbc.sql("select count(distinct author_key) from storm_topic_recent where monitor_id = ? and negative")
			.param(UUID.fromString(bahnhof)).query(Integer.class).single()).as("one angry author").isEqualTo(1);

		// Twelve different people within ten minutes are a storm on the Bahnhof; the Kita stays quiet.
		for (int i = 0; i < 12; i++) {
			items.add(new Item("Person " + i, ANGRY[i % ANGRY.length] + " [" + i + "]", now.minusSeconds(600 - 50L * i)));
		}
		for (int i = 8; i < 12; i++) {
			items.add(new Item("Mutter " + i, "Die neue Kita ist schön, danke an alle! (" + i + ")", now.minusSeconds(300 - 20L * i)));
		}
		serve(items);
		assertThat(readNow()).isEqualTo(16);
		JsonNode alerts = api.get("/api/v1/alerts").json();
		assertThat(alerts.get("items")).hasSize(1);
		assertThat(alerts.get("open").asInt()).isEqualTo(1);
		JsonNode listed = alerts.get("items").get(0);
		assertThat(listed.get("monitorId").asString()).isEqualTo(bahnhof);
		assertThat(listed.get("channelId").isNull()).isTrue();
		assertThat(jdbc.sql("select count(*) from storm_alerts where monitor_id = ?").param(UUID.fromString(kita))
			.query(Integer.class).single()).isZero();
		String id = listed.get("id").asString();

		JsonNode detail = api.get("/api/v1/alerts/" + id).json();
		assertThat(detail.get("topicName").asString()).isEqualTo("Bahnhof");
		assertThat(detail.get("channelName").isNull()).isTrue();
		assertThat(detail.get("messages")).isEmpty();
		JsonNode alert = detail.get("alert");
		assertThat(alert.get("negativeAuthors").asInt()).isGreaterThanOrEqualTo(4);
		assertThat(alert.get("negativeShare").asDouble()).isGreaterThan(0.5);
		assertThat(alert.get("growth").asDouble()).isGreaterThan(0);
		assertThat(alert.get("conversationIds")).isEmpty();
		JsonNode hits = detail.get("hits");
		assertThat(hits).isNotEmpty();
		assertThat(hits.get(0).get("url").asString()).startsWith("https://social.example.net/posts/");
		assertThat(hits.get(0).get("text").asString()).contains("Bahnhof");
		assertThat(hits.get(0).get("channel").asString()).isEqualTo("Stadtgespräch");

		// More of the same storm updates the alert and raises no second one.
		for (int i = 12; i < 18; i++) {
			items.add(new Item("Person " + i, ANGRY[i % ANGRY.length] + " [" + i + "]", Instant.now()));
		}
		serve(items);
		assertThat(readNow()).isEqualTo(6);
		assertThat(api.get("/api/v1/alerts").json().get("items")).hasSize(1);

		// Every member sees the banner naming the topic; the alert page shows the posts with their addresses.
		UiSession agent = new UiSession(baseUrl()).login(agentEmail, PASSWORD);
		for (String page : List.of("/inbox", "/listening", "/settings")) {
			String body = agent.get(page).body();
			assertThat(body).as(page).contains("id=\"storm-banner\"").contains("Shitstorm-Warnung zum Thema „Bahnhof“")
				.contains("/authenticity/alerts/" + id);
		}
		UiSession.Page alertPage = agent.get("/authenticity/alerts/" + id);
		assertThat(alertPage.status()).isEqualTo(200);
		assertThat(alertPage.body()).contains("Shitstorm-Warnung: Thema „Bahnhof“").contains("storm-acknowledge")
			.contains("Beitrag öffnen").contains("https://social.example.net/posts/")
			.contains("/listening?monitor=" + bahnhof).doesNotContain("Im Posteingang antworten");
		assertThat(agent.get("/authenticity/alerts").body()).contains("Thema „Bahnhof“");

		// One mail to each manager (the owner and the manager), none to the agent, with the posts' addresses.
		assertThat(greenMail.waitForIncomingEmail(20_000, 2)).isTrue();
		Thread.sleep(1000);
		List<MimeMessage> toManager = GreenMailboxes.mailsTo(greenMail, managerEmail);
		assertThat(toManager).hasSize(1);
		assertThat(toManager.getFirst().getSubject()).contains("Shitstorm-Warnung zum Thema „Bahnhof“")
			.contains("Storm warning on topic 'Bahnhof'");
		assertThat((String) toManager.getFirst().getContent()).contains("/authenticity/alerts/" + id).contains("> ")
			.contains("https://social.example.net/posts/");
		assertThat(GreenMailboxes.mailsTo(greenMail, ownerEmail)).hasSize(1);
		assertThat(GreenMailboxes.mailsTo(greenMail, agentEmail)).isEmpty();

		// A member acknowledges: the banner goes for everyone.
		var ack = api.post("/api/v1/alerts/" + id + "/acknowledge", Map.of());
		assertThat(ack.status()).isEqualTo(200);
		assertThat(ack.json().get("alert").get("acknowledgedBy").asString()).isEqualTo(owner.userId().toString());
		assertThat(agent.get("/inbox").body()).doesNotContain("storm-banner");
		assertThat(api.get("/api/v1/alerts").json().get("open").asInt()).isZero();

		// Deleting the topic forgets what the warning kept about it.
		assertThat(api.delete("/api/v1/listening/monitors/" + bahnhof).status()).isIn(200, 204);
		for (String table : List.of("storm_baselines", "storm_buckets", "storm_topic_recent", "storm_topic_authors", "storm_alerts")) {
			assertThat(jdbc.sql("select count(*) from " + table + " where monitor_id = ?").param(UUID.fromString(bahnhof))
				.query(Integer.class).single()).as(table).isZero();
		}
		assertThat(jdbc.sql("select count(*) from storm_baselines where monitor_id = ?").param(UUID.fromString(kita))
			.query(Integer.class).single()).as("the other topic keeps its baseline").isEqualTo(1);
	}

	@Test
	void thresholdsPerTopicAndBadInput() throws Exception {
		String topic = monitor("Bahnhof", "Bahnhof");
		String path = "/api/v1/listening/monitors/" + topic + "/storm-threshold";
		JsonNode initial = api.get(path).json();
		assertThat(initial.get("monitorId").asString()).isEqualTo(topic);
		assertThat(initial.get("sensitivity").asString()).isEqualTo("normal");
		assertThat(initial.get("minAuthors").asInt()).isEqualTo(4);

		var tooFew = api.put(path, Map.of("minAuthors", 1));
		assertThat(tooFew.status()).isEqualTo(400);
		assertThat(tooFew.json().get("field").asString()).isEqualTo("minAuthors");
		var unknown = api.put(path, Map.of("sensitivity", "extreme"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("sensitivity");
		assertThat(api.put("/api/v1/listening/monitors/" + UUID.randomUUID() + "/storm-threshold", Map.of("minAuthors", 5))
			.status()).isEqualTo(404);
		assertThat(api.get("/api/v1/listening/monitors/" + UUID.randomUUID() + "/storm-threshold").status()).isEqualTo(404);

		var set = api.put(path, Map.of("sensitivity", "high", "minAuthors", 6));
		assertThat(set.status()).isEqualTo(200);
		JsonNode now = api.get(path).json();
		assertThat(now.get("sensitivity").asString()).isEqualTo("high");
		assertThat(now.get("minAuthors").asInt()).isEqualTo(6);
		assertThat(watch.topicSettings(workspace.id(), UUID.fromString(topic)))
			.isEqualTo(new StormDetector.Settings(StormDetector.Sensitivity.HIGH, 6));

		// A topic's threshold is the topic's alone: the channels keep theirs.
		assertThat(watch.settings(workspace.id())).isEmpty();

		// Agents read it but may not change it.
		String agentEmail = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@topicstorm.test";
		var agent = members.add(workspace.id(), agentEmail, "Aaron Agent", PASSWORD, Role.AGENT);
		String agentToken = tokens.create(new CurrentUser(agent.userId(), agentEmail, "Aaron Agent", workspace.id(),
				Role.AGENT, null), "agent").token();
		var asAgent = new Api(baseUrl(), agentToken);
		assertThat(asAgent.get(path).status()).isEqualTo(200);
		assertThat(asAgent.put(path, Map.of("minAuthors", 5)).status()).isEqualTo(403);

		// The page where channel thresholds are set has the topic's too.
		UiSession owner = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String page = owner.get("/authenticity/alerts").body();
		assertThat(page).contains("storm-topic-thresholds").contains("/settings/storm/topics/" + topic)
			.contains("id=\"topic-min-" + topic + "\"");
	}
}
