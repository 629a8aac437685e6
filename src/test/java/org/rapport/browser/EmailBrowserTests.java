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
		page.locator("#email-imapSecurity").selectOption("none");
		page.locator("#email-imapUsername").fill("kontakt");
		page.locator("#email-imapPassword").fill("geheim");
		page.locator("#email-smtpHost").fill("127.0.0.1");
		page.locator("#email-smtpPort").fill(String.valueOf(greenMail.getSmtp().getPort()));
		page.locator("#email-smtpSecurity").selectOption("none");
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
}
