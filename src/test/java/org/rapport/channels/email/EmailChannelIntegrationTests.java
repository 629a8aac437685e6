package org.rapport.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class EmailChannelIntegrationTests extends IntegrationTest {

	static final String MAILBOX = "support@rapport.test";

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser(MAILBOX, "support", "geheim"));

	static final Session SESSION = Session.getInstance(new Properties());

	@Autowired
	Channels channels;

	@Autowired
	MailFetcher fetcher;

	@Autowired
	IdleWatchers idleWatchers;

	@Autowired
	DataSource dataSource;

	Channel channel;

	@BeforeEach
	void createMailbox() {
		Map<String, String> config = org.rapport.support.GreenMailboxes.settings(greenMail, MAILBOX, "Beratungsstelle Nord", "support", "geheim");
		channel = channels.create(workspace.id(), "email", "email", "Postfach", config);
	}

	/**
	 * Switches the mailbox off in the database, so the scheduled poll and the IDLE watchers leave it alone. The test
	 * keeps fetching with the channel as loaded (enabled), so the counts {@code fetch} returns are its own.
	 */
	void keepBackgroundFetchingAway() {
		channels.setEnabled(workspace.id(), channel.id(), false);
	}

	/** Puts a mail into the support mailbox as the mail server would, byte for byte. */
	static void arrive(String raw) throws Exception {
		GreenMailUser user = greenMail.getUserManager().getUserByEmail(MAILBOX);
		user.deliver(new MimeMessage(SESSION, new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
	}

	static String plainMail(String messageId, String from, String subject, String body, String extraHeaders) {
		return """
				Message-ID: %s
				From: %s
				To: %s
				Subject: %s
				Date: Mon, 04 May 2026 10:15:00 +0200
				%sMIME-Version: 1.0
				Content-Type: text/plain; charset=UTF-8
				Content-Transfer-Encoding: 8bit

				%s
				""".formatted(messageId, from, MAILBOX, subject, extraHeaders, body);
	}

	JsonNode conversations() {
		Api.Response response = api.get("/api/v1/conversations?channel=email");
		assertThat(response.status()).isEqualTo(200);
		return response.json().get("items");
	}

	JsonNode messagesOf(String conversationId) {
		return api.get("/api/v1/conversations/" + conversationId + "/messages").json().get("items");
	}

	@Test
	void aWebFormAnswerSentByMailThreadsTheCustomersReplyBackIntoTheFormConversation() throws Exception {
		Api.Response form = new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Mara Klein",
				"email", "mara@example.net", "subject", "Ehrenamt", "message", "Ich möchte helfen.", "consent", true));
		assertThat(form.status()).isEqualTo(201);
		String id = api.get("/api/v1/conversations?channel=webform").json().get("items").get(0).get("id").asString();
		api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Wie schön! Wann passt es Ihnen?", "kind", "reply"));
		assertThat(greenMail.waitForIncomingEmail(20_000, 1)).isTrue();
		MimeMessage sent = Arrays.stream(greenMail.getReceivedMessages())
			.filter(m -> header(m, "To").contains("mara@example.net")).findFirst().orElseThrow();
		assertThat(sent.getSubject()).isEqualTo("Re: Ehrenamt");

		arrive(plainMail("<mara-1@mail.example.net>", "mara@example.net", "Re: Ehrenamt", "Dienstags nachmittags.",
				"In-Reply-To: " + sent.getMessageID() + "\nReferences: " + sent.getMessageID() + "\n"));
		fetcher.fetch(channel);

		assertThat(conversations()).as("no new conversation on the mailbox").isEmpty();
		JsonNode thread = messagesOf(id);
		assertThat(thread).hasSize(3);
		assertThat(thread).filteredOn(m -> m.get("direction").asString().equals("in"))
			.extracting(m -> Jsoup.parse(m.get("body").asString()).text())
			.containsExactlyInAnyOrder("Ich möchte helfen.", "Dienstags nachmittags.");
	}

	@Test
	void mailBecomesConversationReplyGoesOutAndTheAnswerThreadsBack() throws Exception {
		arrive(plainMail("<q1@mail.example.org>", "Erika Muster <Erika@Example.org>", "Frage zur Anmeldung",
				"Hallo, wann ist das Büro geöffnet?", ""));

		fetcher.fetch(channel);

		JsonNode items = conversations();
		assertThat(items).hasSize(1);
		JsonNode conversation = items.get(0);
		assertThat(conversation.get("subject").asString()).isEqualTo("Frage zur Anmeldung");
		assertThat(conversation.get("contact").get("name").asString()).isEqualTo("Erika Muster");
		assertThat(conversation.get("contact").get("handle").asString()).isEqualTo("erika@example.org");
		String id = conversation.get("id").asString();
		JsonNode first = messagesOf(id).get(0);
		assertThat(Jsoup.parse(first.get("body").asString()).text()).isEqualTo("Hallo, wann ist das Büro geöffnet?");
		assertThat(first.get("direction").asString()).isEqualTo("in");

		Api.Response written = api.post("/api/v1/conversations/" + id + "/messages",
				Map.of("body", "Hallo Erika,\n\nwir sind ab 9 Uhr da.", "kind", "reply"));
		assertThat(written.status()).isEqualTo(201);

		assertThat(greenMail.waitForIncomingEmail(20_000, 2)).as("the reply reached the mail server").isTrue();
		MimeMessage sent = Arrays.stream(greenMail.getReceivedMessages())
			.filter(m -> header(m, "To").contains("erika@example.org"))
			.findFirst().orElseThrow();
		String ourId = sent.getMessageID();
		assertThat(ourId).matches("<[0-9a-f-]{36}@localhost>");
		assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<q1@mail.example.org>");
		assertThat(sent.getHeader("References", " ")).contains("<q1@mail.example.org>");
		assertThat(sent.getSubject()).isEqualTo("Re: Frage zur Anmeldung");
		assertThat(header(sent, "From")).contains("Beratungsstelle Nord").contains(MAILBOX);
		assertThat(sent.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
		assertThat(((String) sent.getContent()).replace("\r\n", "\n").strip()).isEqualTo("Hallo Erika,\n\nwir sind ab 9 Uhr da.");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode reply = messagesOf(id).get(1);
			assertThat(reply.get("kind").asString()).isEqualTo("reply");
			assertThat(reply.get("delivery").asString()).isEqualTo("sent");
		});

		arrive(plainMail("<q2@mail.example.org>", "erika@example.org", "Re: Re: Frage zur Anmeldung",
				"Danke, bis morgen!", "In-Reply-To: " + ourId + "\nReferences: <q1@mail.example.org> " + ourId + "\n"));
		fetcher.fetch(channel);

		assertThat(conversations()).as("the answer joined the conversation").hasSize(1);
		JsonNode thread = messagesOf(id);
		assertThat(thread).hasSize(3);
		assertThat(thread).filteredOn(m -> m.get("direction").asString().equals("in"))
			.extracting(m -> Jsoup.parse(m.get("body").asString()).text())
			.containsExactlyInAnyOrder("Hallo, wann ist das Büro geöffnet?", "Danke, bis morgen!");
		assertThat(api.get("/api/v1/conversations/" + id).json().get("summary").get("messageCount").asInt()).isEqualTo(3);
	}

	@Test
	void fetchingAgainBringsNoDuplicatesAndClearsAnEarlierProblem() throws Exception {
		keepBackgroundFetchingAway();
		arrive(plainMail("<d1@mail.example.org>", "a@example.org", "Eins", "erste", ""));
		arrive(plainMail("<d2@mail.example.org>", "b@example.org", "Zwei", "zweite", ""));
		channels.state(channel.id(), "an old problem");

		assertThat(fetcher.fetch(channel)).isEqualTo(2);
		assertThat(fetcher.fetch(channel)).isZero();

		assertThat(conversations()).hasSize(2);
		assertThat(messageCount()).isEqualTo(2);
		assertThat(channels.get(workspace.id(), channel.id()).state()).isEmpty();

		arrive(plainMail("<d3@mail.example.org>", "c@example.org", "Drei", "dritte", ""));
		assertThat(fetcher.fetch(channel)).as("only the new mail is read").isEqualTo(1);
		assertThat(conversations()).hasSize(3);
	}

	@Test
	void readsLargeMailboxesInBatchesOfAtMost200() throws Exception {
		int count = MailFetcher.BATCH + 5;
		for (int i = 0; i < count; i++) {
			arrive(plainMail("<bulk" + i + "@mail.example.org>", "sender" + i + "@example.org", "Nr. " + i, "Text " + i, ""));
		}

		fetcher.fetch(channel);

		assertThat(messageCount()).isEqualTo(count);
		assertThat(lastUid()).isEqualTo(count);
	}

	@Test
	void startsOverWithoutDuplicatesWhenUidValidityChanges() throws Exception {
		for (int i = 0; i < 3; i++) {
			arrive(plainMail("<uv" + i + "@mail.example.org>", "sender" + i + "@example.org", "Nr. " + i, "Text " + i, ""));
		}
		fetcher.fetch(channel);
		assertThat(lastUid()).isEqualTo(3);

		jdbc.sql("update email_cursors set uid_validity = uid_validity + 1, last_uid = 99 where channel_id = ?")
			.param(channel.id()).update();
		assertThat(fetcher.fetch(channel)).as("everything is read again, and recognised").isZero();

		assertThat(messageCount()).isEqualTo(3);
		assertThat(lastUid()).isEqualTo(3);
	}

	long messageCount() {
		return jdbc.sql("select count(*) from messages where channel_id = ?").param(channel.id()).query(Long.class).single();
	}

	long lastUid() {
		return jdbc.sql("select last_uid from email_cursors where channel_id = ?").param(channel.id()).query(Long.class).single();
	}

	@Test
	void aMailboxHeldByAnotherNodeIsLeftAlone() throws Exception {
		keepBackgroundFetchingAway();
		arrive(plainMail("<n1@mail.example.org>", "a@example.org", "Eins", "erste", ""));

		try (MailboxLock otherNode = MailboxLock.tryAcquire(dataSource, channel.id()).orElseThrow()) {
			assertThat(fetcher.fetch(channel)).isZero();
			assertThat(conversations()).isEmpty();
		}

		assertThat(fetcher.fetch(channel)).isEqualTo(1);
		assertThat(conversations()).hasSize(1);
	}

	@Test
	void htmlMailIsRenderedInert() throws Exception {
		arrive("""
				Message-ID: <h1@mail.example.org>
				From: Mallory <mallory@example.org>
				Subject: Angebot
				MIME-Version: 1.0
				Content-Type: text/html; charset=UTF-8

				<html><body><p>Sehr <b>gutes</b> Angebot</p><script>alert(1)</script>
				<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">klick</a></body></html>
				""");
		fetcher.fetch(channel);

		String id = conversations().get(0).get("id").asString();
		String body = messagesOf(id).get(0).get("body").asString();
		assertThat(body).contains("<b>gutes</b>").contains("Angebot")
			.doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onerror").doesNotContainIgnoringCase("javascript:");
	}

	@Test
	void attachmentIsKept() throws Exception {
		byte[] pdf = "%PDF-1.4 Antrag auf Beratung".getBytes(StandardCharsets.US_ASCII);
		arrive("""
				Message-ID: <att1@mail.example.org>
				From: anna@example.org
				Subject: Antrag
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="b"

				--b
				Content-Type: text/plain; charset=UTF-8

				Anbei der Antrag.
				--b
				Content-Type: application/pdf; name="Antrag.pdf"
				Content-Disposition: attachment; filename="Antrag.pdf"
				Content-Transfer-Encoding: base64

				%s
				--b--
				""".formatted(Base64.getMimeEncoder().encodeToString(pdf)));
		fetcher.fetch(channel);

		String id = conversations().get(0).get("id").asString();
		JsonNode attachments = messagesOf(id).get(0).get("attachments");
		assertThat(attachments).hasSize(1);
		assertThat(attachments.get(0).get("fileName").asString()).isEqualTo("Antrag.pdf");
		assertThat(attachments.get(0).get("contentType").asString()).isEqualTo("application/pdf");
		assertThat(attachments.get(0).get("size").asLong()).isEqualTo(pdf.length);
	}

	@Test
	void brokenMailIsQuarantinedAndTheMailsAroundItAreIngested() throws Exception {
		arrive(plainMail("<g1@mail.example.org>", "a@example.org", "Vorher", "gut", ""));
		arrive("""
				Message-ID: <broken@mail.example.org>
				From: b@example.org
				Subject: kaputt
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="never-used"

				QUARANTINE-MARKER without any boundary
				""");
		arrive(plainMail("<g2@mail.example.org>", "c@example.org", "Nachher", "auch gut", ""));

		fetcher.fetch(channel);
		assertThat(fetcher.fetch(channel)).isZero();

		assertThat(conversations()).extracting(c -> c.get("subject").asString()).containsExactlyInAnyOrder("Vorher", "Nachher");
		List<Map<String, Object>> kept = jdbc.sql("select external_id, reason, raw from quarantine where channel_id = ?")
			.param(channel.id()).query().listOfRows();
		assertThat(kept).hasSize(1);
		assertThat(kept.get(0).get("external_id")).isEqualTo("<broken@mail.example.org>");
		assertThat((String) kept.get(0).get("reason")).containsIgnoringCase("boundary");
		assertThat(new String((byte[]) kept.get(0).get("raw"), StandardCharsets.UTF_8)).contains("QUARANTINE-MARKER");
	}

	@Test
	void aRefusedLoginIsShownAsTheChannelsState() {
		Map<String, String> config = new LinkedHashMap<>(channel.config());
		config.put("imapPassword", "falsch");
		Channel wrong = channels.create(workspace.id(), "email-2", "email", "Falsch", config);

		assertThat(fetcher.fetch(wrong)).isZero();

		assertThat(channels.get(workspace.id(), wrong.id()).state()).contains("did not accept the login for 'support'");
	}

	@Test
	void idleReadsNewMailWithoutWaitingForThePoll() throws Exception {
		idleWatchers.sync();
		await().atMost(Duration.ofSeconds(15)).until(() -> idleWatchers.idling(channel.id()));
		Thread.sleep(300);

		arrive(plainMail("<idle1@mail.example.org>", "eilig@example.org", "Eilig", "Bitte schnell", ""));

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(conversations()).hasSize(1));
		assertThat(conversations().get(0).get("subject").asString()).isEqualTo("Eilig");
		assertThat(idleWatchers.stop(channel.id(), Duration.ofSeconds(5))).as("the IDLE thread ends when stopped").isTrue();
		assertThat(idleWatchers.idling(channel.id())).isFalse();
	}

	static String header(Message message, String name) {
		try {
			String value = ((MimeMessage) message).getHeader(name, ", ");
			return value == null ? "" : value;
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
