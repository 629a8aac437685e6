package org.rapport.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Files with a reply: they leave as attachments of the mail, within what the channel carries, or not at all. */
class ReplyFilesIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	@Autowired
	Channels channels;

	@BeforeEach
	void mailbox() {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
	}

	private String formConversation() {
		Api.Response form = new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Mara Klein",
				"email", "mara@example.net", "subject", "Anfahrt", "message", "Wie komme ich zu Ihnen?", "consent", true));
		assertThat(form.status()).isEqualTo(201);
		return api.get("/api/v1/conversations?channel=webform").json().get("items").get(0).get("id").asString();
	}

	private static Map<String, String> file(String name, String type, byte[] content) {
		return Map.of("fileName", name, "contentType", type, "content", Base64.getEncoder().encodeToString(content));
	}

	@Test
	void aReplyByMailCarriesItsFilesAndTheConversationListsThem() throws Exception {
		String id = formConversation();
		byte[] plan = "%PDF-1.4 Lageplan".getBytes(StandardCharsets.US_ASCII);
		byte[] times = "Mo–Fr 9–17 Uhr".getBytes(StandardCharsets.UTF_8);
		Api.Response written = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Anbei der Plan.",
				"kind", "reply", "attachments", List.of(file("Lageplan Büro.pdf", "application/pdf", plan),
						file("zeiten.txt", "text/plain", times))));
		assertThat(written.status()).as(written.body()).isEqualTo(201);
		assertThat(written.json().get("attachments")).extracting(a -> a.get("fileName").asString())
			.containsExactly("Lageplan Büro.pdf", "zeiten.txt");

		assertThat(greenMail.waitForIncomingEmail(20_000, 1)).isTrue();
		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.net")[0];
		Multipart parts = (Multipart) mail.getContent();
		assertThat(parts.getCount()).isEqualTo(3);
		assertThat(((String) parts.getBodyPart(0).getContent())).startsWith("Anbei der Plan.");
		Part pdf = parts.getBodyPart(1);
		assertThat(pdf.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
		assertThat(jakarta.mail.internet.MimeUtility.decodeText(pdf.getFileName())).isEqualTo("Lageplan Büro.pdf");
		assertThat(pdf.getContentType()).startsWith("application/pdf");
		assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(plan);
		assertThat(parts.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(times);

		var reply = api.get("/api/v1/conversations/" + id + "/messages").json().get("items").get(1);
		assertThat(reply.get("attachments")).hasSize(2);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api
			.get("/api/v1/conversations/" + id + "/messages").json().get("items").get(1).get("delivery").asString())
			.as("marked sent once the mail server took it").isEqualTo("sent"));
	}

	@Test
	void filesAChannelCannotCarryAreRefusedWithTheFieldAndNothingIsStored() {
		String id = formConversation();
		List<Map<String, String>> eleven = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			eleven.add(file("f" + i + ".txt", "text/plain", new byte[] { 1 }));
		}
		assertProblem(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "x", "attachments", eleven)),
				"attachments", "At most 10 files can go with one message, not 11.");
		assertProblem(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "x", "attachments",
				List.of(file("gross.bin", "application/octet-stream", new byte[15_000_001])))), "attachments",
				"The files are 15.1 MB together; at most 15 MB can go with one message.");
		assertProblem(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "x", "attachments",
				List.of(Map.of("fileName", "a.txt", "content", "kein base64!")))), "attachments[0].content", null);
		assertProblem(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "x", "attachments",
				List.of(file(" ", "text/plain", new byte[] { 1 })))), "attachments[0]", null);
		assertProblem(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "x", "sendAt",
				java.time.Instant.now().plusSeconds(3600).toString(), "attachments", eleven)), "attachments",
				"At most 10 files can go with one message, not 11.");
		assertThat(api.get("/api/v1/conversations/" + id + "/scheduled").json().get("items")).as("nothing planned").isEmpty();
		assertThat(api.get("/api/v1/conversations/" + id + "/messages").json().get("items")).hasSize(1);
	}

	@Test
	void aChannelThatSendsNoFilesRefusesThemOnARepliesButANoteKeepsThem() {
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "q1", "threadKey", "t1",
				"from", Map.of("handle", "kai@example.org"), "body", "Frage")).status()).isEqualTo(201);
		String id = api.get("/api/v1/conversations?channel=api").json().get("items").get(0).get("id").asString();
		assertProblem(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Antwort", "attachments",
				List.of(file("a.txt", "text/plain", new byte[] { 1 })))), "attachments",
				"A reply on this channel cannot carry files; send them another way or write a note.");
		Api.Response note = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Screenshot anbei",
				"kind", "note", "attachments", List.of(file("bild.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))));
		assertThat(note.status()).as(note.body()).isEqualTo(201);
		assertThat(note.json().get("attachments").get(0).get("fileName").asString()).isEqualTo("bild.png");
	}

	private static void assertProblem(Api.Response r, String field, String detail) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo(field);
		if (detail != null) {
			assertThat(r.json().get("detail").asString()).isEqualTo(detail);
		}
	}
}
