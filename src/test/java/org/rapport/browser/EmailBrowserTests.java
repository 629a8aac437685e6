package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.channels.email.MailFetcher;
import org.springframework.beans.factory.annotation.Autowired;

/** A manager connects a mailbox in the settings, a mail arrives, an agent answers it, and the answer is mailed. */
class EmailBrowserTests extends BrowserTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("kontakt@verein.test", "kontakt", "geheim"));

	@Autowired
	Channels channels;

	@Autowired
	MailFetcher fetcher;

	@Test
	void connectsAMailboxAndAnswersAMailThatArrivesInGreenMail() throws Exception {
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/channels");
		page.locator("#connect-email > summary").click();
		page.locator("#email-emailAddress").fill("kontakt@verein.test");
		page.locator("#email-fromName").fill("Verein Nord");
		page.locator("#email-imapHost").fill("127.0.0.1");
		page.locator("#email-imapPort").fill(String.valueOf(greenMail.getImap().getPort()));
		page.locator("#email-imapSecurity input[value=none]").check();
		page.locator("#email-imapUsername").fill("kontakt");
		page.locator("#email-imapPassword").fill("geheim");
		page.locator("#email-smtpHost").fill("127.0.0.1");
		page.locator("#email-smtpPort").fill(String.valueOf(greenMail.getSmtp().getPort()));
		page.locator("#email-smtpSecurity input[value=none]").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Postfach verbinden")).click();
		assertThat(page.locator(".flash")).containsText("Postfach verbunden");
		assertThat(page.locator("table code", new Page.LocatorOptions().setHasText("email"))).hasCount(1);

		GreenMailUtil.sendTextEmail("kontakt@verein.test", "Jana Roth <jana@example.net>", "Termin für Beratung",
				"Guten Tag, ich hätte gern einen Termin nächste Woche.", greenMail.getSmtp().getServerSetup());
		fetcher.fetch(channels.byKey(workspace.id(), "email").orElseThrow());

		page.navigate(baseUrl() + "/inbox");
		page.getByText("Termin für Beratung").click();
		assertThat(page.locator(".msg-body").first()).containsText("einen Termin nächste Woche");
		assertThat(page.locator("#composer-via")).containsText("E-Mail");
		page.locator("#composer-body").fill("Gern, am Dienstag um 10 Uhr?");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.reply")).containsText("Dienstag um 10 Uhr");

		assertThat(greenMail.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), 2)).isTrue();
		MimeMessage answer = java.util.Arrays.stream(greenMail.getReceivedMessages())
			.filter(m -> {
				try {
					return m.getAllRecipients()[0].toString().contains("jana@example.net");
				}
				catch (jakarta.mail.MessagingException e) {
					return false;
				}
			})
			.findFirst().orElseThrow();
		assertThat(answer.getSubject()).isEqualTo("Re: Termin für Beratung");
		assertThat(GreenMailUtil.getBody(answer)).contains("Dienstag um 10 Uhr");
		assertThat(answer.getHeader("In-Reply-To")).isNotNull();
		page.reload();
		assertThat(page.locator(".msg.reply")).containsText("gesendet");
	}

	@Test
	void attachesFilesToAReplyAndRefusesWhatTheMailCannotCarry() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach", org.rapport.support.GreenMailboxes.settings(greenMail,
				"kontakt@verein.test", "Verein Nord", "kontakt", "geheim"));
		GreenMailUtil.sendTextEmail("kontakt@verein.test", "Jana Roth <jana@example.net>", "Anfahrt",
				"Wie finde ich Sie?", greenMail.getSmtp().getServerSetup());
		fetcher.fetch(channels.byKey(workspace.id(), "email").orElseThrow());
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/inbox");
		page.getByText("Anfahrt").first().click();
		assertThat(page.locator("#composer-files-hint")).hasText("Bis zu 10 Dateien, zusammen 15 MB.");

		// too large: a clear error in German, the text kept
		page.locator("#composer-body").fill("Anbei der Plan.");
		page.locator("#composer-files").setInputFiles(new com.microsoft.playwright.options.FilePayload("riesig.bin",
				"application/octet-stream", new byte[15_500_000]),
				// 15.5 MB go to the browser through Playwright's pipe: on a loaded machine that outlasts the usual 15 s
				new com.microsoft.playwright.Locator.SetInputFilesOptions().setTimeout(60_000));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".flash.error")).hasText(
				"Die Dateien sind zusammen 15,5 MB groß; mit einer Nachricht können höchstens 15 MB gehen.");
		assertThat(page.locator("#composer-body")).hasValue("Anbei der Plan.");

		page.locator("#composer-files").setInputFiles(new com.microsoft.playwright.options.FilePayload[] {
				new com.microsoft.playwright.options.FilePayload("Lageplan.pdf", "application/pdf",
						"%PDF-1.4 plan".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
				new com.microsoft.playwright.options.FilePayload("zeiten.txt", "text/plain",
						"9-17".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) });
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.reply")).containsText("Anbei der Plan.");
		assertThat(page.locator(".msg.reply a", new Page.LocatorOptions().setHasText("Lageplan.pdf"))).isVisible();
		assertThat(page.locator(".msg.reply a", new Page.LocatorOptions().setHasText("zeiten.txt"))).isVisible();

		assertThat(greenMail.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), 2)).isTrue();
		MimeMessage answer = greenMail.getReceivedMessagesForDomain("example.net")[0];
		jakarta.mail.Multipart parts = (jakarta.mail.Multipart) answer.getContent();
		assertThat(parts.getCount()).isEqualTo(3);
		assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("Lageplan.pdf");
		assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("zeiten.txt");

		// on a phone, in English, the file field fits
		page.setViewportSize(360, 740);
		page.navigate(page.url().replaceFirst("\\?.*$", "") + "?lang=en");
		assertThat(page.locator("#composer-files-hint")).hasText("Up to 10 files, 15 MB together.");
		assertThat(page.locator("label[for=composer-files]")).hasText("Attach files");
		org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate(
				"document.documentElement.scrollWidth - document.documentElement.clientWidth")).isLessThanOrEqualTo(0);
	}
}
