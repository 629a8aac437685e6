package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.platform.Role;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The storm early warning end to end: messages through {@code POST /api/v1/messages} of the API channel, a single
 * angry thread that raises nothing, a storm that raises an alert, the banner on back-office pages, the mail to the
 * managers, acknowledging, the threshold per channel and bad input.
 */
class StormWarningIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@storm.test", "team", "geheim"));

	@Autowired
	Channels channels;

	@Autowired
	StormWatch watch;

	static final String[] ANGRY = { "Boykott! Wie könnt ihr so etwas posten? Schämt euch.",
			"Widerliche Werbung, unfassbar respektlos.", "Disgusting ad, totally unacceptable. #boycott",
			"Shame on you, this is offensive and racist.", "Skandal, was ihr da macht. Entsetzlich!" };

	private static Map<String, Object> message(String handle, String thread, String body, Instant at) {
		return Map.of("channel", "api", "externalId", UUID.randomUUID().toString(), "threadKey", thread,
				"from", Map.of("handle", handle, "name", handle), "body", body, "sentAt", at.toString());
	}

	private List<MimeMessage> mailsTo(String address) throws Exception {
		return GreenMailboxes.mailsTo(greenMail, address);
	}

	@Test
	void aStormThroughTheApiRaisesOneAlertWithBannerAndMailAndIsAcknowledged() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@storm.test", "Team", "team", "geheim"));
		String managerEmail = "manager-" + UUID.randomUUID().toString().substring(0, 8) + "@storm.test";
		members.add(workspace.id(), managerEmail, "Mara Manager", PASSWORD, Role.MANAGER);
		String agentEmail = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@storm.test";
		members.add(workspace.id(), agentEmail, "Aaron Agent", PASSWORD, Role.AGENT);
		Instant now = Instant.now();

		// One angry person writing fifteen times is not a storm.
		List<Map<String, Object>> thread = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			thread.add(message("wuetend@example.org", "one-thread", ANGRY[i % ANGRY.length], now.minusSeconds(900 - 30L * i)));
		}
		assertThat(api.post("/api/v1/messages", Map.of("messages", thread)).status()).isEqualTo(201);
		assertThat(api.get("/api/v1/alerts").json().get("items")).isEmpty();

		// Twelve different people within ten minutes are.
		List<Map<String, Object>> storm = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			storm.add(message("person" + i + "@example.org", "p" + i, ANGRY[i % ANGRY.length], now.minusSeconds(600 - 50L * i)));
		}
		assertThat(api.post("/api/v1/messages", Map.of("messages", storm)).status()).isEqualTo(201);
		JsonNode alerts = api.get("/api/v1/alerts").json();
		assertThat(alerts.get("items")).hasSize(1);
		assertThat(alerts.get("open").asInt()).isEqualTo(1);
		String id = alerts.get("items").get(0).get("id").asString();
		JsonNode detail = api.get("/api/v1/alerts/" + id).json();
		assertThat(detail.get("channelName").asString()).isNotBlank();
		JsonNode alert = detail.get("alert");
		assertThat(alert.get("negativeAuthors").asInt()).isGreaterThanOrEqualTo(4);
		assertThat(alert.get("negativeShare").asDouble()).isGreaterThan(0.5);
		assertThat(alert.get("growth").asDouble()).isGreaterThan(0);
		assertThat(alert.get("acknowledgedAt").isNull()).isTrue();
		assertThat(detail.get("messages")).isNotEmpty();
		assertThat(detail.get("messages").get(0).get("conversationId").isNull()).isFalse();
		assertThat(detail.get("messages").toString()).contains("example.org");

		// More of the same storm updates the alert and raises no second one.
		List<Map<String, Object>> more = new ArrayList<>();
		for (int i = 12; i < 20; i++) {
			more.add(message("person" + i + "@example.org", "p" + i, ANGRY[i % ANGRY.length], Instant.now()));
		}
		api.post("/api/v1/messages", Map.of("messages", more));
		assertThat(api.get("/api/v1/alerts").json().get("items")).hasSize(1);

		// Every member sees the banner on every back-office page, with the link to the alert.
		UiSession agent = new UiSession(baseUrl()).login(agentEmail, PASSWORD);
		for (String page : List.of("/inbox", "/contacts", "/insights", "/settings")) {
			String body = agent.get(page).body();
			assertThat(body).as(page).contains("id=\"storm-banner\"").contains("/authenticity/alerts/" + id);
		}
		UiSession.Page alertPage = agent.get("/authenticity/alerts/" + id);
		assertThat(alertPage.status()).isEqualTo(200);
		assertThat(alertPage.body()).contains("storm-acknowledge").contains("Im Posteingang antworten").contains("/inbox/");

		// One mail to each manager (the owner and the manager), none to the agent.
		assertThat(greenMail.waitForIncomingEmail(20_000, 2)).isTrue();
		Thread.sleep(1000);
		List<MimeMessage> toManager = mailsTo(managerEmail);
		assertThat(toManager).hasSize(1);
		assertThat(toManager.getFirst().getSubject()).contains("Shitstorm-Warnung").contains("Storm warning");
		assertThat((String) toManager.getFirst().getContent()).contains("/authenticity/alerts/" + id).contains("> ");
		assertThat(mailsTo(ownerEmail)).hasSize(1);
		assertThat(mailsTo(agentEmail)).isEmpty();

		// A member acknowledges: the banner goes for everyone.
		var ack = api.post("/api/v1/alerts/" + id + "/acknowledge", Map.of());
		assertThat(ack.status()).isEqualTo(200);
		assertThat(ack.json().get("alert").get("acknowledgedBy").asString()).isEqualTo(owner.userId().toString());
		assertThat(agent.get("/inbox").body()).doesNotContain("storm-banner");
		assertThat(api.get("/api/v1/alerts").json().get("open").asInt()).isZero();
	}

	@Test
	void thresholdsPerChannelAndBadInput() {
		String channelId = apiChannel();
		assertThat(api.get("/api/v1/alerts/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/alerts/" + UUID.randomUUID() + "/acknowledge", Map.of()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/alerts?limit=0").json().get("field").asString()).isEqualTo("limit");

		JsonNode initial = api.get("/api/v1/channels/" + channelId + "/storm-threshold").json();
		assertThat(initial.get("sensitivity").asString()).isEqualTo("normal");
		assertThat(initial.get("minAuthors").asInt()).isEqualTo(4);

		var tooFew = api.put("/api/v1/channels/" + channelId + "/storm-threshold", Map.of("minAuthors", 1));
		assertThat(tooFew.status()).isEqualTo(400);
		assertThat(tooFew.json().get("field").asString()).isEqualTo("minAuthors");
		var unknown = api.put("/api/v1/channels/" + channelId + "/storm-threshold", Map.of("sensitivity", "extreme"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("field").asString()).isEqualTo("sensitivity");
		assertThat(api.put("/api/v1/channels/" + UUID.randomUUID() + "/storm-threshold", Map.of("minAuthors", 5)).status())
			.isEqualTo(404);

		var set = api.put("/api/v1/channels/" + channelId + "/storm-threshold", Map.of("sensitivity", "high", "minAuthors", 6));
		assertThat(set.status()).isEqualTo(200);
		JsonNode now = api.get("/api/v1/channels/" + channelId + "/storm-threshold").json();
		assertThat(now.get("sensitivity").asString()).isEqualTo("high");
		assertThat(now.get("minAuthors").asInt()).isEqualTo(6);

		// The practice storm refuses a size it cannot write, naming the field.
		var tooBig = api.post("/api/v1/channels/" + channelId + "/storm-simulation", Map.of("people", 5000));
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.json().get("field").asString()).isEqualTo("people");
	}

	@Test
	void aPracticeStormRaisesAnAlertThroughNormalIngestionAndAgentsMayNotStartOne() throws Exception {
		String channelId = apiChannel();
		var simulated = api.post("/api/v1/channels/" + channelId + "/storm-simulation", Map.of("people", 10));
		assertThat(simulated.status()).isEqualTo(201);
		assertThat(simulated.json().get("written").asInt()).isEqualTo(10);
		assertThat(simulated.json().get("alert").get("channelId").asString()).isEqualTo(channelId);
		assertThat(api.get("/api/v1/conversations").json().toString()).contains("practice-");

		String agentEmail = "agent-" + UUID.randomUUID().toString().substring(0, 8) + "@storm.test";
		var agent = members.add(workspace.id(), agentEmail, "Aaron Agent", PASSWORD, Role.AGENT);
		String agentToken = tokens.create(new org.rapport.platform.CurrentUser(agent.userId(), agentEmail, "Aaron Agent",
				workspace.id(), Role.AGENT, null), "agent").token();
		var asAgent = new org.rapport.support.Api(baseUrl(), agentToken);
		assertThat(asAgent.post("/api/v1/channels/" + channelId + "/storm-simulation", Map.of()).status()).isEqualTo(403);
		assertThat(asAgent.put("/api/v1/channels/" + channelId + "/storm-threshold", Map.of("minAuthors", 5)).status()).isEqualTo(403);
		assertThat(asAgent.get("/api/v1/alerts").json().get("open").asInt()).isEqualTo(1);

		// Two days on, pruning forgets the recent messages but those the alert names, whose page still links them.
		api.post("/api/v1/messages", message("ruhig@example.org", "calm", "Danke!", Instant.now()));
		jdbc.sql("update storm_recent set at = at - interval '3 days' where workspace_id = ?").param(workspace.id()).update();
		watch.prune();
		String alertId = simulated.json().get("alert").get("id").asString();
		int named = api.get("/api/v1/alerts/" + alertId).json().get("alert").get("sampleMessageIds").size();
		assertThat(jdbc.sql("select count(*) from storm_recent where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(named);
		assertThat(api.get("/api/v1/alerts/" + alertId).json().get("messages").get(0).get("conversationId").isNull()).isFalse();
	}

	@Test
	void mergingMovesTheRecentMessagesAndErasingRemovesWhatIsKeptOfAContact() {
		Instant now = Instant.now();
		api.post("/api/v1/messages", Map.of("messages", List.of(message("ada@example.org", "a", ANGRY[0], now.minusSeconds(60)),
				message("ada.b@example.org", "b", ANGRY[1], now.minusSeconds(30)))));
		List<UUID> contacts = jdbc.sql("select contact_id from storm_recent where workspace_id = ? order by at")
			.param(workspace.id()).query(UUID.class).list();
		assertThat(contacts).hasSize(2).doesNotHaveDuplicates();
		assertThat(api.post("/api/v1/contacts/" + contacts.get(0) + "/merge", Map.of("otherId", contacts.get(1).toString())).status())
			.isEqualTo(201);
		assertThat(jdbc.sql("select distinct contact_id from storm_recent where workspace_id = ?").param(workspace.id())
			.query(UUID.class).list()).containsExactly(contacts.get(0));
		assertThat(jdbc.sql("select count(*) from storm_seen_contacts where contact_id = ?").param(contacts.get(0))
			.query(Integer.class).single()).isEqualTo(1);

		assertThat(api.delete("/api/v1/contacts/" + contacts.get(0) + "?erase=true").status()).isEqualTo(204);
		assertThat(jdbc.sql("select count(*) from storm_recent where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from storm_seen_contacts where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aBrokenWarningNeverLosesAMessage() {
		Instant now = Instant.now();
		assertThat(api.post("/api/v1/messages", message("erst@example.org", "x", "Hallo", now.minusSeconds(10))).status())
			.isEqualTo(201);
		// A baseline that cannot be read (here: too short) makes the warning fail for this channel ...
		jdbc.sql("update storm_baselines set rates = '{1,2}' where workspace_id = ?").param(workspace.id()).update();
		var posted = api.post("/api/v1/messages", message("zweit@example.org", "y", ANGRY[0], now));
		// ... and the message is stored all the same.
		assertThat(posted.status()).isEqualTo(201);
		assertThat(api.get("/api/v1/conversations").json().toString()).contains("zweit@example.org");
	}

	private String apiChannel() {
		for (JsonNode c : api.get("/api/v1/channels").json().path("items")) {
			if ("api".equals(c.path("kind").asString())) {
				return c.get("id").asString();
			}
		}
		throw new AssertionError("no API channel in " + api.get("/api/v1/channels").body());
	}
}
