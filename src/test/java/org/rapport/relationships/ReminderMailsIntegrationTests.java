package org.rapport.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import org.springframework.beans.factory.annotation.Autowired;

/** Due reminders are mailed to the assignee (or the creator) exactly once per due time, even with concurrent runs. */
class ReminderMailsIntegrationTests extends ReachOutFixtures {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	@Autowired
	ReminderMails mails;

	@Autowired
	Channels channels;

	private void connectMailbox() {
		channels.create(workspace.id(), "email", "email", "Postfach", GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
	}

	private List<MimeMessage> mailsTo(String address) throws Exception {
		return GreenMailboxes.mailsTo(greenMail, address);
	}

	/** Runs the job on four threads at once, as several nodes would. */
	private void runConcurrently() throws Exception {
		try (var pool = Executors.newFixedThreadPool(4)) {
			List<Callable<Integer>> runs = List.of(mails::sendDue, mails::sendDue, mails::sendDue, mails::sendDue);
			for (Future<Integer> f : pool.invokeAll(runs)) {
				f.get();
			}
		}
	}

	@Test
	void mailsADueReminderToItsAssigneeExactlyOnce() throws Exception {
		connectMailbox();
		String anna = contact("Anna Anruf", "anna@example.org");
		String miaEmail = "mia-" + UUID.randomUUID().toString().substring(0, 8) + "@team.test";
		var mia = members.add(workspace.id(), miaEmail, "Mia Team", "some long password", Role.AGENT);
		var created = api.post("/api/v1/contacts/" + anna + "/reminders", Map.of("note", "Nach dem Kongress nachfassen",
				"dueAt", Instant.now().minusSeconds(30).toString(), "assigneeId", mia.userId().toString())).json();
		// Not due yet: nothing goes out.
		String later = api.post("/api/v1/contacts/" + anna + "/reminders", Map.of("dueAt", Instant.now().plus(Duration.ofHours(2)).toString()))
			.json().get("id").asString();

		runConcurrently();
		mails.sendDue();
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		Thread.sleep(1500);
		List<MimeMessage> toMia = mailsTo(miaEmail);
		assertThat(toMia).hasSize(1);
		MimeMessage mail = toMia.getFirst();
		assertThat(mail.getSubject()).contains("Anna Anruf").contains("Erinnerung").contains("Reminder");
		String text = (String) mail.getContent();
		assertThat(text).contains("Nach dem Kongress nachfassen").contains("/contacts/" + anna);
		assertThat(mailsTo(ownerEmail)).isEmpty();

		JsonAssert.mailed(api.get("/api/v1/reminders").json(), created.get("id").asString(), true);
		JsonAssert.mailed(api.get("/api/v1/reminders").json(), later, false);

		// Done and due again never repeats a mail for the same due time.
		mails.sendDue();
		Thread.sleep(500);
		assertThat(mailsTo(miaEmail)).hasSize(1);
	}

	@Test
	void aRecurringReminderIsMailedOncePerRoundAndToItsCreatorWhenUnassigned() throws Exception {
		connectMailbox();
		String bert = contact("Bert Rhythmus", "bert@example.org");
		String id = api.post("/api/v1/contacts/" + bert + "/reminders", Map.of("everyWeeks", 2)).json().get("id").asString();
		jdbc.sql("update reminders set anchor_at = ? where id = ?::uuid").params(Timestamp.from(Instant.now().minus(Duration.ofDays(20))), id).update();

		runConcurrently();
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		Thread.sleep(1000);
		assertThat(mailsTo(ownerEmail)).hasSize(1);
		mails.sendDue();

		// He wrote 15 days ago (recorded late): the next round fell due yesterday, and is mailed once more.
		inbound("bert@example.org", "bert", Duration.ofDays(15));
		runConcurrently();
		assertThat(greenMail.waitForIncomingEmail(15_000, 2)).isTrue();
		Thread.sleep(1000);
		mails.sendDue();
		Thread.sleep(500);
		assertThat(mailsTo(ownerEmail)).hasSize(2);
	}

	@Test
	void withoutAMailboxTheReminderIsKeptAndMailedOnceOneIsConnected() throws Exception {
		String clara = contact("Clara Später", "clara@example.org");
		String id = api.post("/api/v1/contacts/" + clara + "/reminders", Map.of("dueAt", Instant.now().minusSeconds(5).toString()))
			.json().get("id").asString();
		mails.sendDue();
		String error = jdbc.sql("select mail_error from reminders where id = ?::uuid").param(id).query(String.class).single();
		assertThat(error).contains("mailbox");
		assertThat(jdbc.sql("select mailed_for is null from reminders where id = ?::uuid").param(id).query(Boolean.class).single()).isTrue();

		connectMailbox();
		runConcurrently();
		assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		Thread.sleep(1000);
		assertThat(mailsTo(ownerEmail)).hasSize(1);
		assertThat(jdbc.sql("select mail_error is null and mailed_at is not null from reminders where id = ?::uuid").param(id)
			.query(Boolean.class).single()).isTrue();
	}

	/** Small helpers over the reminder list. */
	static final class JsonAssert {

		static void mailed(tools.jackson.databind.JsonNode list, String id, boolean mailed) {
			for (var r : list.get("items")) {
				if (r.get("id").asString().equals(id)) {
					assertThat(r.get("mailedAt").isNull()).as("mailedAt of " + id).isEqualTo(!mailed);
					return;
				}
			}
			throw new AssertionError("reminder " + id + " not listed");
		}
	}
}
