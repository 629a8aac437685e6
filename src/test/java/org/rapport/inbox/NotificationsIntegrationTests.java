package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.rapport.platform.BusinessHours;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Members are told when a conversation is given to them, when a note mentions them, when their conversation gets a
 * new message and before an answer is late; each reads only their own, and a daily digest mails what is unread.
 */
class NotificationsIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@digest.test", "team", "geheim"));

	@Autowired
	NotificationTriggers triggers;

	@Autowired
	DailyDigest digest;

	@Autowired
	Channels channels;

	private Member member(Role role, String name) {
		return members.add(workspace.id(), name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 8)
				+ "@example.org", name, "a long password", role);
	}

	private Api as(Member m) {
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.displayName(), workspace.id(), m.role(), null),
				"notifications").token());
	}

	private String arrives(String externalId, String threadKey, Instant sentAt) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "threadKey", threadKey,
				"from", Map.of("handle", threadKey + "@example.org", "name", "Kim " + threadKey), "subject", "Frage " + threadKey,
				"body", "Hallo, eine Frage zu " + externalId, "sentAt", sentAt.toString()));
		return api.get("/api/v1/conversations?q=" + threadKey).json().get("items").get(0).get("id").asString();
	}

	private String arrives(String externalId, String threadKey) {
		return arrives(externalId, threadKey, Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	private static List<JsonNode> items(Api who, String query) {
		List<JsonNode> found = new ArrayList<>();
		who.get("/api/v1/notifications" + query).json().get("items").forEach(found::add);
		return found;
	}

	@Test
	void anAssignmentAMentionAndNewMessagesTellTheRightMemberOnce() {
		Member lena = member(Role.AGENT, "Lena Vogt");
		Member viewer = member(Role.VIEWER, "Paul Lesend");
		Api asLena = as(lena);
		Api asViewer = as(viewer);
		String a = arrives("n1", "notifyone");

		api.patch("/api/v1/conversations/" + a, Map.of("assigneeId", lena.userId().toString()));
		List<JsonNode> told = items(asLena, "");
		assertThat(told).hasSize(1);
		assertThat(told.getFirst().get("kind").asString()).isEqualTo("assigned");
		assertThat(told.getFirst().get("conversationId").asString()).isEqualTo(a);
		assertThat(told.getFirst().get("actorName").asString()).isEqualTo(owner.displayName());
		assertThat(told.getFirst().get("title").asString()).isEqualTo("Frage notifyone");
		assertThat(items(api, "")).as("the one who assigned is told nothing").isEmpty();

		// a new message while the assignment is unread: the assignment already leads there
		arrives("n1-b", "notifyone");
		assertThat(items(asLena, "")).hasSize(1);
		assertThat(asLena.post("/api/v1/notifications/read", Map.of("all", true)).json().get("marked").asInt()).isEqualTo(1);
		assertThat(asLena.get("/api/v1/notifications").json().get("unread").asInt()).isZero();

		// two new messages make one notification that counts them
		arrives("n1-c", "notifyone");
		arrives("n1-d", "notifyone");
		List<JsonNode> unread = items(asLena, "?unread=true");
		assertThat(unread).hasSize(1);
		assertThat(unread.getFirst().get("kind").asString()).isEqualTo("message");
		assertThat(unread.getFirst().get("count").asInt()).isEqualTo(2);
		assertThat(unread.getFirst().get("excerpt").asString()).isEqualTo("Hallo, eine Frage zu n1-d");

		// a note mentions Lena by first name and by her address' name, and the viewer by full name: one each
		String local = lena.email().substring(0, lena.email().indexOf('@'));
		api.post("/api/v1/conversations/" + a + "/messages", Map.of("kind", "note",
				"body", "@Lena bitte prüfen (cc @" + local + ", @paul lesend); nicht gemeint: kim@example.org"));
		assertThat(items(asLena, "?unread=true")).extracting(n -> n.get("kind").asString())
			.containsExactlyInAnyOrder("message", "mentioned");
		JsonNode mention = items(asViewer, "").getFirst();
		assertThat(mention.get("kind").asString()).isEqualTo("mentioned");
		assertThat(mention.get("excerpt").asString()).startsWith("@Lena bitte prüfen");
		assertThat(items(api, "")).as("the author is not told of their own note").isEmpty();

		// opening the conversation reads what told Lena about it; the viewer's stay unread
		asLena.post("/api/v1/conversations/" + a + "/read", Map.of());
		assertThat(items(asLena, "?unread=true")).isEmpty();
		assertThat(items(asViewer, "?unread=true")).hasSize(1);

		// one's own only: the owner cannot mark the viewer's read; the viewer can
		String viewersId = mention.get("id").asString();
		assertThat(api.post("/api/v1/notifications/read", Map.of("ids", List.of(viewersId))).json().get("marked").asInt()).isZero();
		assertThat(asViewer.post("/api/v1/notifications/read", Map.of("ids", List.of(viewersId))).json().get("marked").asInt()).isEqualTo(1);

		// assigning to oneself tells nobody
		String b = arrives("n2", "notifytwo");
		asLena.patch("/api/v1/conversations/" + b, Map.of("assigneeId", lena.userId().toString()));
		assertThat(items(asLena, "?unread=true")).isEmpty();
	}

	@Test
	void aRoutingRuleTellsTheMemberItGaveAConversationTo() {
		Member lena = member(Role.AGENT, "Lena Regel");
		api.put("/api/v1/inbox/triage-routes", Map.of("complaint", lena.userId().toString()));
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "c1", "threadKey", "complaint1",
				"from", Map.of("handle", "wut@example.org"), "subject", "Beschwerde",
				"body", "Ich beschwere mich über den miserablen Service, das ist eine Frechheit und völlig inakzeptabel."));
		List<JsonNode> told = items(as(lena), "");
		assertThat(told).hasSize(1);
		assertThat(told.getFirst().get("kind").asString()).isEqualTo("assigned");
		assertThat(told.getFirst().get("actorId").isNull()).isTrue();
	}

	@Test
	void badRequestsNameTheFieldAndChangeNothing() {
		Api.Response noIds = api.post("/api/v1/notifications/read", Map.of());
		assertThat(noIds.status()).isEqualTo(400);
		assertThat(noIds.json().get("field").asString()).isEqualTo("ids");
		Api.Response limit = api.get("/api/v1/notifications?limit=0");
		assertThat(limit.status()).isEqualTo(400);
		assertThat(limit.json().get("field").asString()).isEqualTo("limit");
		Api.Response digestMissing = api.put("/api/v1/notifications/settings", Map.of());
		assertThat(digestMissing.status()).isEqualTo(400);
		assertThat(digestMissing.json().get("field").asString()).isEqualTo("digest");
		assertThat(api.get("/api/v1/notifications/settings").json().get("digest").asBoolean()).isFalse();
	}

	@Test
	void anAnswerAboutToBeLateIsWarnedOfOncePerWaitingPeriod() {
		workspaces.updateSettings(workspace.id(), workspace.name(), workspace.timeZone(), BusinessHours.always());
		api.post("/api/v1/goals", Map.of("purpose", "support", "measure", "answeredWithin", "target", 0.8, "hours", 1));
		Member lena = member(Role.AGENT, "Lena Frist");
		Member agent = member(Role.AGENT, "Otto Anders");
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String late = arrives("d1", "deadlineone", now.minus(50, ChronoUnit.MINUTES));
		String nobodys = arrives("d2", "deadlinetwo", now.minus(55, ChronoUnit.MINUTES));
		String early = arrives("d3", "deadlinethree", now.minus(20, ChronoUnit.MINUTES));
		api.patch("/api/v1/conversations/" + late, Map.of("assigneeId", lena.userId().toString()));
		api.patch("/api/v1/conversations/" + early, Map.of("assigneeId", lena.userId().toString()));
		as(lena).post("/api/v1/notifications/read", Map.of("all", true));

		triggers.warnOfDeadlines(Instant.now());
		triggers.warnOfDeadlines(Instant.now());

		List<JsonNode> lenas = items(as(lena), "");
		assertThat(lenas).filteredOn(n -> n.get("kind").asString().equals("deadline"))
			.extracting(n -> n.get("conversationId").asString()).containsExactly(late);
		assertThat(lenas.stream().filter(n -> n.get("kind").asString().equals("deadline")).findFirst().orElseThrow()
			.get("waitingSince").asString()).isEqualTo(now.minus(50, ChronoUnit.MINUTES).toString());
		assertThat(items(api, "")).as("the owner is told of the one nobody has")
			.extracting(n -> n.get("conversationId").asString()).containsExactly(nobodys);
		assertThat(items(as(agent), "")).isEmpty();

		// an answer ends the waiting; a new message starts a new period, warned of again once it is due
		api.post("/api/v1/conversations/" + late + "/messages", Map.of("kind", "reply", "body", "Wir kümmern uns."));
		triggers.warnOfDeadlines(Instant.now().plus(2, ChronoUnit.HOURS));
		assertThat(items(as(lena), "")).filteredOn(n -> n.get("kind").asString().equals("deadline"))
			.extracting(n -> n.get("conversationId").asString()).as("the early one is due by now").containsExactlyInAnyOrder(early, late);
		arrives("d1-b", "deadlineone", Instant.now());
		triggers.warnOfDeadlines(Instant.now().plus(2, ChronoUnit.HOURS));
		assertThat(items(as(lena), "")).filteredOn(n -> n.get("kind").asString().equals("deadline"))
			.extracting(n -> n.get("conversationId").asString()).containsExactlyInAnyOrder(late, early, late);
	}

	@Test
	void theDailyDigestMailsWhatIsUnreadOnceADayAndOnlyToThoseWhoAskedForIt() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@digest.test", "Team", "team", "geheim"));
		Member lena = member(Role.AGENT, "Lena Morgen");
		Member quiet = member(Role.AGENT, "Ruth Ruhig");
		Api asLena = as(lena);
		String a = arrives("g1", "digestone");
		api.patch("/api/v1/conversations/" + a, Map.of("assigneeId", lena.userId().toString()));
		api.patch("/api/v1/conversations/" + a, Map.of("assigneeId", quiet.userId().toString()));
		api.patch("/api/v1/conversations/" + a, Map.of("assigneeId", lena.userId().toString()));
		assertThat(asLena.put("/api/v1/notifications/settings", Map.of("digest", true)).json().get("digest").asBoolean()).isTrue();
		assertThat(asLena.get("/api/v1/notifications/settings").json().get("digestHour").asInt()).as("7 unless chosen").isEqualTo(7);
		Api.Response late = asLena.put("/api/v1/notifications/settings", Map.of("digest", true, "digestHour", 24));
		assertThat(late.status()).isEqualTo(400);
		assertThat(late.json().get("field").asString()).isEqualTo("digestHour");
		assertThat(asLena.put("/api/v1/notifications/settings", Map.of("digest", true, "digestHour", 9)).json()
			.get("digestHour").asInt()).isEqualTo(9);

		// at 8 in the morning, workspace time: Lena asked for 9
		Instant morning = java.time.LocalDate.now(workspace.timeZone()).plusDays(1).atTime(8, 0)
			.atZone(workspace.timeZone()).toInstant();
		assertThat(digest.send(morning)).as("not before her hour").isZero();
		digest.send(morning.plus(90, ChronoUnit.MINUTES));
		digest.send(morning.plus(3, ChronoUnit.HOURS));
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		Thread.sleep(1000);
		List<MimeMessage> toLena = GreenMailboxes.mailsTo(greenMail, lena.email());
		assertThat(toLena).as("once a day").hasSize(1);
		String text = (String) toLena.getFirst().getContent();
		assertThat(toLena.getFirst().getSubject()).contains("Rapport");
		assertThat(text).contains("Lena Morgen").contains("Frage digestone").contains("/inbox/" + a)
			.contains("/notifications");
		assertThat(GreenMailboxes.mailsTo(greenMail, quiet.email())).as("Ruth did not ask for it").isEmpty();
	}
}
