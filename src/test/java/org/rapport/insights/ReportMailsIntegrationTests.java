package org.rapport.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.rapport.channels.Channels;
import org.rapport.support.Api;
import org.rapport.support.GreenMailboxes;
import org.rapport.support.IntegrationTest;

/** The dashboard as a PDF, and report mails with it: sent with data, skipped without, refused when wrong. */
class ReportMailsIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	@Autowired
	Channels channels;

	private void mailbox() {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "", "team", "geheim"));
	}

	@Test
	void aWeeklyReportMailCarriesThePdfAndIsSkippedWithoutData() throws Exception {
		mailbox();
		Api.Response planned = api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients",
				List.of(ownerEmail, "client@example.net"), "language", "de"));
		assertThat(planned.status()).as(planned.body()).isEqualTo(201);
		String id = planned.json().get("id").asString();
		assertThat(Instant.parse(planned.json().get("nextRunAt").asString())).isAfter(Instant.now());

		// nothing happened last week: nothing is sent
		Api.Response skipped = api.post("/api/v1/reports/schedules/" + id + "/send", Map.of());
		assertThat(skipped.json().get("outcome").asString()).isEqualTo("skipped");
		assertThat(greenMail.getReceivedMessages()).isEmpty();

		LocalDate lastWeek = LocalDate.now(workspace.timeZone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.minusWeeks(1).plusDays(2);
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "m1", "from",
				Map.of("handle", "anna@example.org"), "body", "Frage", "sentAt", lastWeek + "T10:00:00Z")).status())
			.isEqualTo(201);
		Api.Response sent = api.post("/api/v1/reports/schedules/" + id + "/send", Map.of());
		assertThat(sent.json().get("outcome").asString()).as(sent.body()).isEqualTo("sent");
		assertThat(greenMail.waitForIncomingEmail(15_000, 2)).isTrue();
		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.net")[0];
		assertThat(mail.getSubject()).startsWith(workspace.name() + ": Dialogbericht");
		Part pdf = ((Multipart) mail.getContent()).getBodyPart(1);
		assertThat(pdf.getContentType()).startsWith("application/pdf");
		assertThat(pdf.getFileName()).endsWith(".pdf");
		byte[] bytes = pdf.getInputStream().readAllBytes();
		assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(api.get("/api/v1/reports/schedules").json().get("items").get(0).get("lastOutcome").asString())
			.isEqualTo("sent");
	}

	@Test
	void thePdfOfAPeriodAndBadSchedules() {
		Api.Response pdf = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl()
				+ "/api/v1/insights/report.pdf?from=2026-10-01&to=2026-10-31")).header("Authorization", "Bearer " + token)
			.header("Accept-Language", "en"));
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		assertThat(pdf.body()).startsWith("%PDF-");

		assertProblem(api.post("/api/v1/reports/schedules", Map.of("frequency", "daily", "recipients", List.of("a@example.org"))), "frequency");
		assertProblem(api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients", List.of())), "recipients");
		assertProblem(api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients", List.of("a@example.org", "nobody"))), "recipients[1]");
		assertProblem(api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients", List.of("a@example.org"), "language", "fr")), "language");
		assertThat(api.post("/api/v1/reports/schedules/" + java.util.UUID.randomUUID() + "/send", Map.of()).status()).isEqualTo(404);
	}

	private static void assertProblem(Api.Response r, String field) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo(field);
	}
}
