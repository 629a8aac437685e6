package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.GreenMailboxes;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A reply planned for tomorrow morning waits above the composer, not in the conversation; taken back, its text is
 * in the composer again. On a phone in English a reply planned for a chosen time is sent at once from there. A reply
 * planned with a file shows the file on its card and leaves with it.
 */
class SendLaterBrowserTests extends BrowserTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	@Autowired
	Channels channels;

	private String arrives(String id, String subject) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", id, "threadKey", id,
				"from", Map.of("handle", id + "@example.org", "name", "Kim Frager"), "subject", subject, "body", "Hallo, Frage zu " + id));
		return api.get("/api/v1/conversations?q=" + id).json().get("items").get(0).get("id").asString();
	}

	@Test
	void aReplyPlannedForTomorrowWaitsAboveTheComposerAndCanBeTakenBack() {
		String id = arrives("laterbrowser", "Anmeldung Ferienfreizeit");
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/inbox/" + id);
		page.locator("#composer-body").fill("Gern, wir melden uns morgen früh mit allen Details.");
		page.locator("#send-later > summary").click();
		page.getByLabel("Morgen früh", new Page.GetByLabelOptions().setExact(false)).check();
		page.locator("#send-later-submit").click();
		assertThat(page.locator(".flash")).containsText("Die Antwort ist geplant");
		assertThat(page.locator("#scheduled-replies")).containsText("Gern, wir melden uns morgen früh");
		assertThat(page.locator("#scheduled-replies")).containsText("Geht am");
		assertThat(page.locator(".thread ol")).not().containsText("Gern, wir melden uns morgen früh");
		page.locator("#scheduled-replies").getByText("Zurück ins Eingabefeld").click();
		assertThat(page.locator("#composer-body")).hasValue("Gern, wir melden uns morgen früh mit allen Details.");
		assertThat(page.locator("#scheduled-replies")).hasCount(0);
	}

	@Test
	void onAPhoneInEnglishAReplyPlannedForAChosenTimeIsSentAtOnce() {
		String id = arrives("laterphone", "Holiday camp");
		Page phone = phoneInEnglish();
		try {
			phone.navigate(baseUrl() + "/inbox/" + id);
			phone.locator("#composer-body").fill("We will confirm your place next week.");
			phone.locator("#send-later > summary").click();
			phone.locator("#send-later-at-choice").check();
			phone.locator("#send-later-at").fill(java.time.LocalDate.now().plusDays(3) + "T10:30");
			phone.locator("#send-later-submit").click();
			assertThat(phone.locator(".flash")).containsText("The reply is planned");
			assertThat(phone.locator("#scheduled-replies")).containsText("We will confirm your place next week.");
			assertThat(fitsWidth(phone)).isTrue();
			phone.locator("#scheduled-replies").getByText("Send now").click();
			assertThat(phone.locator("#scheduled-replies")).hasCount(0);
			assertThat(phone.locator(".thread")).containsText("We will confirm your place next week.");
		}
		finally {
			phone.context().close();
		}
	}

	@Test
	void aReplyPlannedWithAFileShowsItOnItsCardAndTheMailCarriesIt() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		assertThat(new org.rapport.support.Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Mara Klein",
				"email", "mara@example.net", "subject", "Anfahrt", "message", "Wie komme ich zu Ihnen?", "consent", true))
			.status()).isEqualTo(201);
		String id = api.get("/api/v1/conversations?channel=webform").json().get("items").get(0).get("id").asString();
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/inbox/" + id);
		page.locator("#composer-body").fill("Anbei der Lageplan für morgen.");
		byte[] plan = "%PDF-1.4 Lageplan".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		page.locator("#composer-files").setInputFiles(new FilePayload("Lageplan.pdf", "application/pdf", plan));
		page.locator("#send-later > summary").click();
		page.getByLabel("Morgen früh", new Page.GetByLabelOptions().setExact(false)).check();
		page.locator("#send-later-submit").click();
		assertThat(page.locator(".flash")).containsText("Die Antwort ist geplant");
		assertThat(page.locator("#scheduled-replies .planned-files")).containsText("Dateien:");
		assertThat(page.locator("#scheduled-replies .planned-files")).containsText("Lageplan.pdf");
		assertThat(greenMail.getReceivedMessages()).as("not before its time").isEmpty();

		page.locator("#scheduled-replies").getByText("Jetzt senden").click();
		assertThat(page.locator("#scheduled-replies")).hasCount(0);
		assertThat(page.locator(".thread")).containsText("Lageplan.pdf");
		assertThat(greenMail.waitForIncomingEmail(20_000, 1)).isTrue();
		MimeMessage mail = greenMail.getReceivedMessagesForDomain("example.net")[0];
		Multipart parts = (Multipart) mail.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("Lageplan.pdf");
		assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(plan);
	}
}
