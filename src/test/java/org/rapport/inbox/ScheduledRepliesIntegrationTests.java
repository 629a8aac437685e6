package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Jobs;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * A reply planned for later is no message until its time: it neither shows in the conversation nor answers it; at
 * its time it leaves as its author's, once, with the files planned with it; before then it can be sent at once or
 * taken back (which deletes its files).
 */
class ScheduledRepliesIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	@Autowired
	Channels channels;

	@Autowired
	ScheduledReplies scheduled;

	@Autowired
	SendLaterJob sendLater;

	@Autowired
	Jobs jobs;

	private String arrives(String threadKey) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", threadKey, "threadKey", threadKey,
				"from", Map.of("handle", threadKey + "@example.org"), "subject", "Frage " + threadKey, "body", "Hallo " + threadKey));
		return api.get("/api/v1/conversations?q=" + threadKey).json().get("items").get(0).get("id").asString();
	}

	private Api as(Member m) {
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.displayName(), workspace.id(), m.role(), null),
				"later").token());
	}

	private List<String> kinds(String conversation) {
		return api.get("/api/v1/conversations/" + conversation + "/messages").json().get("items").valueStream()
			.map(m -> m.get("kind").asString()).toList();
	}

	private boolean waiting(String conversation) {
		return !api.get("/api/v1/conversations/" + conversation).json().get("summary").get("waitingSince").isNull();
	}

	@Test
	void aPlannedReplyLeavesAtItsTimeAsItsAuthorsOnce() {
		Member anna = members.add(workspace.id(), "anna-" + UUID.randomUUID() + "@example.org", "Anna Später",
				PASSWORD, Role.AGENT);
		String c = arrives("laterone");
		Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		Api.Response planned = as(anna).post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Guten Morgen, hier die Antwort.", "sendAt", at.toString()));
		assertThat(planned.status()).isEqualTo(202);
		String id = planned.json().get("id").asString();
		assertThat(planned.json().get("sendAt").asString()).isEqualTo(at.toString());
		assertThat(kinds(c)).as("no message until its time").containsExactly("message");
		assertThat(waiting(c)).as("the conversation still waits").isTrue();
		JsonNode listed = api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("authorName").asString()).isEqualTo("Anna Später");
		assertThat(jobs.list(workspace.id(), ScheduledReplies.JOB, "queued", 50)).anyMatch(j -> j.payload().contains(id));

		sendLater.run("{\"id\": \"" + id + "\"}");
		sendLater.run("{\"id\": \"" + id + "\"}");
		JsonNode messages = api.get("/api/v1/conversations/" + c + "/messages").json().get("items");
		assertThat(messages).hasSize(2);
		assertThat(messages.get(1).get("kind").asString()).isEqualTo("reply");
		assertThat(messages.get(1).get("body").asString()).contains("Guten Morgen, hier die Antwort.");
		assertThat(messages.get(1).get("authorName").asString()).isEqualTo("Anna Später");
		assertThat(waiting(c)).as("answered now").isFalse();
		assertThat(api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items")).isEmpty();
	}

	@Test
	void aPlannedReplyCanBeSentNowOrTakenBackAndWaitsWhenItsAuthorMayNoLongerAnswer() throws Exception {
		String c = arrives("latertwo");
		String in2h = Instant.now().plus(2, ChronoUnit.HOURS).toString();
		String first = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Erste", "sendAt", in2h)).json()
			.get("id").asString();
		String second = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Zweite", "sendAt", in2h)).json()
			.get("id").asString();
		Api.Response back = api.delete("/api/v1/conversations/" + c + "/scheduled/" + first);
		assertThat(back.status()).isEqualTo(200);
		assertThat(back.json().get("body").asString()).isEqualTo("Erste");
		sendLater.run("{\"id\": \"" + first + "\"}");
		assertThat(kinds(c)).as("taken back: it never leaves").containsExactly("message");
		Api.Response now = api.post("/api/v1/conversations/" + c + "/scheduled/" + second + "/send", Map.of());
		assertThat(now.status()).isEqualTo(201);
		assertThat(now.json().get("body").asString()).contains("Zweite");
		assertThat(api.delete("/api/v1/conversations/" + c + "/scheduled/" + second).status()).isEqualTo(404);

		Member leaving = members.add(workspace.id(), "geht-" + UUID.randomUUID() + "@example.org", "Gerd Geht", PASSWORD, Role.AGENT);
		String third = as(leaving).post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Dritte", "sendAt", in2h))
			.json().get("id").asString();
		members.changeRole(owner, leaving.userId(), Role.VIEWER);
		sendLater.run("{\"id\": \"" + third + "\"}");
		JsonNode stuck = api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items").get(0);
		assertThat(stuck.get("error").asString()).contains("no longer answer");
		assertThat(new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD).get("/inbox/" + c).body())
			.containsAnyOf("its author may no longer answer conversations", "darf keine Gespräche mehr beantworten");
		assertThat(kinds(c)).containsExactly("message", "reply");
		api.post("/api/v1/conversations/" + c + "/scheduled/" + third + "/send", Map.of());
		assertThat(kinds(c)).containsExactly("message", "reply", "reply");
	}

	@Test
	void badPlansAreRefusedNamingTheField() {
		String c = arrives("laterthree");
		Api.Response past = api.post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Zu spät", "sendAt", Instant.now().minus(1, ChronoUnit.HOURS).toString()));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.json().get("field").asString()).isEqualTo("sendAt");
		Api.Response tooFar = api.post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Viel zu früh", "sendAt", Instant.now().plus(400, ChronoUnit.DAYS).toString()));
		assertThat(tooFar.json().get("field").asString()).isEqualTo("sendAt");
		Api.Response note = api.post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Notiz", "kind", "note", "sendAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
		assertThat(note.status()).isEqualTo(400);
		assertThat(note.json().get("field").asString()).isEqualTo("sendAt");
		Member viewer = members.add(workspace.id(), "sieht-" + UUID.randomUUID() + "@example.org", "Vera Viewer", PASSWORD, Role.VIEWER);
		assertThat(as(viewer).post("/api/v1/conversations/" + c + "/messages",
				Map.of("body", "Hallo", "sendAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())).status()).isEqualTo(403);
		assertThat(api.post("/api/v1/conversations/" + UUID.randomUUID() + "/messages",
				Map.of("body", "Hallo", "sendAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items")).isEmpty();
	}

	/** A conversation from the web form, answered by mail through the workspace's mailbox. */
	private String byMail() {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		Api.Response form = new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Mara Klein",
				"email", "mara@example.net", "subject", "Anfahrt", "message", "Wie komme ich zu Ihnen?", "consent", true));
		assertThat(form.status()).isEqualTo(201);
		return api.get("/api/v1/conversations?channel=webform").json().get("items").get(0).get("id").asString();
	}

	private static Map<String, String> file(String name, String type, byte[] content) {
		return Map.of("fileName", name, "contentType", type, "content", java.util.Base64.getEncoder().encodeToString(content));
	}

	private int plannedFiles() {
		return jdbc.sql("select count(*) from scheduled_reply_files where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single();
	}

	@Test
	void aPlannedReplyKeepsItsFilesAndTheMailCarriesThemAtItsTime() throws Exception {
		String c = byMail();
		byte[] plan = "%PDF-1.4 Lageplan".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		byte[] times = "Mo–Fr 9–17 Uhr".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Api.Response planned = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Anbei der Plan.",
				"sendAt", Instant.now().plus(2, ChronoUnit.HOURS).toString(), "attachments",
				List.of(file("Lageplan Büro.pdf", "application/pdf", plan), file("zeiten.txt", "", times))));
		assertThat(planned.status()).as(planned.body()).isEqualTo(202);
		String id = planned.json().get("id").asString();
		JsonNode files = api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items").get(0).get("attachments");
		assertThat(files).hasSize(2);
		assertThat(files.get(0).get("fileName").asString()).isEqualTo("Lageplan Büro.pdf");
		assertThat(files.get(0).get("contentType").asString()).isEqualTo("application/pdf");
		assertThat(files.get(0).get("size").asLong()).isEqualTo(plan.length);
		assertThat(files.get(1).get("contentType").asString()).as("the kind the name suggests").isEqualTo("text/plain");
		assertThat(kinds(c)).as("no message until its time").containsExactly("message");
		assertThat(greenMail.getReceivedMessages()).isEmpty();

		sendLater.run("{\"id\": \"" + id + "\"}");
		assertThat(greenMail.waitForIncomingEmail(20_000, 1)).isTrue();
		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.net")[0];
		Multipart parts = (Multipart) mail.getContent();
		assertThat(parts.getCount()).isEqualTo(3);
		assertThat((String) parts.getBodyPart(0).getContent()).startsWith("Anbei der Plan.");
		Part pdf = parts.getBodyPart(1);
		assertThat(pdf.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
		assertThat(jakarta.mail.internet.MimeUtility.decodeText(pdf.getFileName())).isEqualTo("Lageplan Büro.pdf");
		assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(plan);
		assertThat(parts.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(times);
		JsonNode reply = api.get("/api/v1/conversations/" + c + "/messages").json().get("items").get(1);
		assertThat(reply.get("attachments")).extracting(a -> a.get("fileName").asString())
			.containsExactlyInAnyOrder("Lageplan Büro.pdf", "zeiten.txt");
		assertThat(plannedFiles()).as("they left with the reply").isZero();
	}

	@Test
	void takenBackAPlannedReplysFilesAreDeletedAndSentNowTheyGoWithIt() {
		String c = byMail();
		String in2h = Instant.now().plus(2, ChronoUnit.HOURS).toString();
		String first = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Erste", "sendAt", in2h,
				"attachments", List.of(file("a.txt", "text/plain", new byte[] { 'a' })))).json().get("id").asString();
		String second = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Zweite", "sendAt", in2h,
				"attachments", List.of(file("b.txt", "text/plain", new byte[] { 'b', 'b' })))).json().get("id").asString();
		assertThat(plannedFiles()).isEqualTo(2);

		Api.Response back = api.delete("/api/v1/conversations/" + c + "/scheduled/" + first);
		assertThat(back.status()).isEqualTo(200);
		assertThat(back.json().get("attachments").get(0).get("fileName").asString()).isEqualTo("a.txt");
		assertThat(plannedFiles()).as("taken back: its file is gone").isEqualTo(1);
		sendLater.run("{\"id\": \"" + first + "\"}");
		assertThat(kinds(c)).containsExactly("message");

		Api.Response now = api.post("/api/v1/conversations/" + c + "/scheduled/" + second + "/send", Map.of());
		assertThat(now.status()).as(now.body()).isEqualTo(201);
		assertThat(now.json().get("attachments").get(0).get("fileName").asString()).isEqualTo("b.txt");
		assertThat(now.json().get("attachments").get(0).get("size").asLong()).isEqualTo(2);
		assertThat(plannedFiles()).isZero();
	}

	@Test
	void filesThatCouldNotGoWithTheReplyAreRefusedWhenItIsPlanned() {
		String c = byMail();
		String in2h = Instant.now().plus(2, ChronoUnit.HOURS).toString();
		Api.Response large = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "x", "sendAt", in2h,
				"attachments", List.of(file("gross.bin", "application/octet-stream", new byte[15_000_001]))));
		assertThat(large.status()).as(large.body()).isEqualTo(400);
		assertThat(large.json().get("field").asString()).isEqualTo("attachments");
		assertThat(large.json().get("detail").asString())
			.isEqualTo("The files are 15.1 MB together; at most 15 MB can go with one message.");
		String noFiles = arrives("laterfiles");
		Api.Response none = api.post("/api/v1/conversations/" + noFiles + "/messages", Map.of("body", "x", "sendAt", in2h,
				"attachments", List.of(file("a.txt", "text/plain", new byte[] { 1 }))));
		assertThat(none.status()).isEqualTo(400);
		assertThat(none.json().get("field").asString()).isEqualTo("attachments");
		assertThat(api.get("/api/v1/conversations/" + c + "/scheduled").json().get("items")).as("nothing planned").isEmpty();
		assertThat(api.get("/api/v1/conversations/" + noFiles + "/scheduled").json().get("items")).isEmpty();
		assertThat(plannedFiles()).isZero();
	}

	@Test
	void anEditedPlannedReplyKeepsItsFilesUnlessNewOnesAreGivenAndLeavesAtItsNewTime() {
		String c = byMail();
		Instant in2h = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		String id = api.post("/api/v1/conversations/" + c + "/messages", Map.of("body", "Erste Fassung", "sendAt",
				in2h.toString(), "attachments", List.of(file("a.txt", "text/plain", new byte[] { 'a' })))).json().get("id")
			.asString();
		String planned = "/api/v1/conversations/" + c + "/scheduled/" + id;

		Api.Response text = api.patch(planned, Map.of("body", "Zweite Fassung"));
		assertThat(text.status()).as(text.body()).isEqualTo(200);
		assertThat(text.json().get("body").asString()).isEqualTo("Zweite Fassung");
		assertThat(text.json().get("attachments")).extracting(f -> f.get("fileName").asString()).containsExactly("a.txt");

		Api.Response refused = api.patch(planned, Map.of("attachments",
				List.of(file("gross.bin", "application/octet-stream", new byte[15_000_001]))));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("field").asString()).isEqualTo("attachments");
		assertThat(api.patch(planned, Map.of("sendAt", Instant.now().minus(1, ChronoUnit.HOURS).toString())).json()
			.get("field").asString()).isEqualTo("sendAt");

		Instant in3h = in2h.plus(1, ChronoUnit.HOURS);
		Api.Response moved = api.patch(planned, Map.of("sendAt", in3h.toString(), "attachments",
				List.of(file("b.txt", "text/plain", new byte[] { 'b', 'b' }), file("c.txt", "text/plain", new byte[] { 'c' }))));
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		assertThat(moved.json().get("sendAt").asString()).isEqualTo(in3h.toString());
		assertThat(moved.json().get("attachments")).extracting(f -> f.get("fileName").asString())
			.containsExactly("b.txt", "c.txt");
		assertThat(plannedFiles()).as("the first file is gone").isEqualTo(2);

		sendLater.run("{\"id\": \"" + id + "\", \"sendAt\": \"" + in2h + "\"}");
		assertThat(kinds(c)).as("not at the old time").containsExactly("message");
		assertThat(jobs.list(workspace.id(), ScheduledReplies.JOB, "queued", 50))
			.anyMatch(j -> j.payload().contains(id) && j.payload().contains(in3h.toString()));
		sendLater.run("{\"id\": \"" + id + "\", \"sendAt\": \"" + in3h + "\"}");
		JsonNode reply = api.get("/api/v1/conversations/" + c + "/messages").json().get("items").get(1);
		assertThat(reply.get("body").asString()).contains("Zweite Fassung");
		assertThat(reply.get("attachments")).extracting(f -> f.get("fileName").asString())
			.containsExactlyInAnyOrder("b.txt", "c.txt");
		assertThat(api.patch(planned, Map.of("body", "Zu spät")).status()).as("it has left").isEqualTo(404);
	}
}
