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

	private java.util.UUID conversation(String thread, String sentAt) {
		Api.Response r = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", thread, "threadKey", thread,
				"from", Map.of("handle", thread + "@example.org"), "body", "Frage", "sentAt", sentAt));
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return jdbc.sql("select id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), thread).query(java.util.UUID.class).single();
	}

	private void label(java.util.UUID conversation, String... labels) {
		Api.Response r = api.patch("/api/v1/conversations/" + conversation, Map.of("labels", List.of(labels)));
		assertThat(r.status()).as(r.body()).isEqualTo(200);
	}

	/** The PDF at the path, in English. */
	private byte[] pdf(String path) throws Exception {
		java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
					.header("Authorization", "Bearer " + token).header("Accept-Language", "en").build(),
				java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(r.statusCode()).isEqualTo(200);
		return r.body();
	}

	/** The PDF's text, page by page. */
	private static String text(byte[] pdf) throws Exception {
		com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf);
		StringBuilder text = new StringBuilder();
		com.lowagie.text.pdf.parser.PdfTextExtractor extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
		for (int page = 1; page <= reader.getNumberOfPages(); page++) {
			text.append(extractor.getTextFromPage(page)).append('\n');
		}
		reader.close();
		return text.toString();
	}

	/** How many charts (drawn forms) the PDF's pages show. */
	private static int charts(byte[] pdf) throws Exception {
		com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf);
		int charts = 0;
		for (int page = 1; page <= reader.getNumberOfPages(); page++) {
			com.lowagie.text.pdf.PdfDictionary xObjects = reader.getPageN(page)
				.getAsDict(com.lowagie.text.pdf.PdfName.RESOURCES).getAsDict(com.lowagie.text.pdf.PdfName.XOBJECT);
			if (xObjects == null) {
				continue;
			}
			for (com.lowagie.text.pdf.PdfName key : xObjects.getKeys()) {
				if (com.lowagie.text.pdf.PdfName.FORM.equals(xObjects.getAsStream(key).getAsName(com.lowagie.text.pdf.PdfName.SUBTYPE))) {
					charts++;
				}
			}
		}
		reader.close();
		return charts;
	}

	/** The row of the figures table that counts the conversations: its label, then now and before. */
	private static String conversationsRow(String text, String label) {
		return text.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> l.matches(label + " ?\\d+ ?\\d+"))
			.findFirst().orElseThrow(() -> new AssertionError(text));
	}

	@Test
	void aReportMailOfOneLabelSaysSoAndCountsOnlyItsConversations() throws Exception {
		mailbox();
		String lastWeek = LocalDate.now(workspace.timeZone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.minusWeeks(1).plusDays(2) + "T10:00:00Z";
		label(conversation("a", lastWeek), "Presse");
		conversation("b", lastWeek);
		conversation("c", lastWeek);
		// "später" is on a conversation of this week only: last week has nothing of it.
		label(conversation("d", Instant.now().toString()), "später");

		Api.Response english = api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients",
				List.of("client@example.net"), "language", "en", "label", "PRESSE"));
		assertThat(english.status()).as(english.body()).isEqualTo(201);
		assertThat(english.json().get("label").asString()).as("kept as the inbox keeps labels").isEqualTo("presse");
		Api.Response german = api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients",
				List.of("kunde@example.com"), "language", "de", "label", "presse"));
		Api.Response everything = api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients",
				List.of("alle@example.org"), "language", "en"));
		assertThat(everything.json().get("label").isNull()).as(everything.body()).isTrue();
		Api.Response later = api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients",
				List.of("spaeter@example.org"), "language", "de", "label", "später"));
		assertThat(later.status()).as(later.body()).isEqualTo(201);

		for (Api.Response schedule : List.of(english, german, everything)) {
			Api.Response sent = api.post("/api/v1/reports/schedules/" + schedule.json().get("id").asString() + "/send",
					Map.of());
			assertThat(sent.json().get("outcome").asString()).as(sent.body()).isEqualTo("sent");
		}
		Api.Response skipped = api.post("/api/v1/reports/schedules/" + later.json().get("id").asString() + "/send", Map.of());
		assertThat(skipped.json().get("outcome").asString()).as("nothing of that label last week")
			.isEqualTo("skipped");
		assertThat(greenMail.waitForIncomingEmail(15_000, 3)).isTrue();

		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.net")[0];
		assertThat(mail.getSubject()).startsWith(workspace.name() + ": dialogue report").endsWith(", label “presse”");
		Multipart parts = (Multipart) mail.getContent();
		assertThat(parts.getBodyPart(0).getContent().toString()).contains("for the conversations with the label “presse”");
		Part pdf = parts.getBodyPart(1);
		assertThat(pdf.getFileName()).endsWith("-presse.pdf");
		String text = text(pdf.getInputStream().readAllBytes());
		assertThat(text).contains("Label: presse")
			.contains("Figures, conversations and channels count only the conversations with this label");
		assertThat(conversationsRow(text, "Conversations")).isEqualTo("Conversations 1 0");

		MimeMessage deutsch = greenMail.getReceivedMessagesForDomain("example.com")[0];
		assertThat(deutsch.getSubject()).startsWith(workspace.name() + ": Dialogbericht").endsWith(", Label „presse“");
		Multipart teile = (Multipart) deutsch.getContent();
		assertThat(teile.getBodyPart(0).getContent().toString()).contains("für die Gespräche mit dem Label „presse“");
		String deutscherText = text(teile.getBodyPart(1).getInputStream().readAllBytes());
		assertThat(deutscherText).contains("Label: presse")
			.contains("Kennzahlen, Gespräche und Kanäle zählen nur die Gespräche mit diesem Label");
		assertThat(conversationsRow(deutscherText, "Gespräche")).isEqualTo("Gespräche 1 0");

		MimeMessage all = greenMail.getReceivedMessagesForDomain("example.org")[0];
		assertThat(all.getSubject()).doesNotContain("label");
		Multipart allParts = (Multipart) all.getContent();
		assertThat(allParts.getBodyPart(0).getContent().toString()).doesNotContain("label");
		String allText = text(allParts.getBodyPart(1).getInputStream().readAllBytes());
		assertThat(allText).doesNotContain("Label:");
		assertThat(conversationsRow(allText, "Conversations")).isEqualTo("Conversations 3 0");

		assertThat(api.get("/api/v1/reports/schedules").json().get("items").get(0).get("label").asString())
			.isEqualTo("presse");
		assertProblem(api.post("/api/v1/reports/schedules", Map.of("frequency", "weekly", "recipients",
				List.of("a@example.org"), "label", "niemand")), "label");
	}

	@Test
	void thePdfOfOneLabel() throws Exception {
		LocalDate yesterday = LocalDate.now(workspace.timeZone()).minusDays(1);
		label(conversation("a", yesterday + "T10:00:00Z"), "Presse");
		conversation("b", yesterday + "T11:00:00Z");
		String period = "from=" + yesterday.minusDays(6) + "&to=" + yesterday;
		Api.Response pdf = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl()
				+ "/api/v1/insights/report.pdf?" + period + "&label=Presse")).header("Authorization", "Bearer " + token)
			.header("Accept-Language", "en"));
		assertThat(pdf.status()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
			.endsWith("-" + yesterday + "-presse.pdf\"");
		byte[] bytes = pdf("/api/v1/insights/report.pdf?" + period + "&label=Presse");
		String text = text(bytes);
		assertThat(text).contains("Label: presse");
		assertThat(conversationsRow(text, "Conversations")).isEqualTo("Conversations 1 0");
		// the first response over time, the conversations that waited, the rate per channel and the funnel as charts
		assertThat(charts(bytes)).isEqualTo(4);
		assertThat(conversationsRow(text(pdf("/api/v1/insights/report.pdf?" + period)), "Conversations"))
			.isEqualTo("Conversations 2 0");

		assertProblem(api.get("/api/v1/insights/report.pdf?label=niemand"), "label");
	}

	private static void assertProblem(Api.Response r, String field) {
		assertThat(r.status()).as(r.body()).isEqualTo(400);
		assertThat(r.json().get("field").asString()).isEqualTo(field);
	}
}
