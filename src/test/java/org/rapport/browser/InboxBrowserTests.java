package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

class InboxBrowserTests extends BrowserTest {

	@Test
	void logsInSeesTheInboxAndAnswersAnApiMessage() {
		api.post("/api/v1/messages", Map.of("messages", List.of(
				Map.of("channel", "api", "externalId", "shop-1", "from", Map.of("handle", "erika@example.org", "name", "Erika Muster"),
						"subject", "Frage zur Anmeldung", "body", "Wann beginnt der Kurs <b>im Mai</b>?"),
				Map.of("channel", "api", "externalId", "shop-2", "from", Map.of("handle", "tom@example.org", "name", "Tom Berger"),
						"subject", "<img src=x onerror=alert(1)>Rückruf", "body", "<script>alert('x')</script>Bitte rufen Sie zurück."))));
		logIn(ownerEmail, PASSWORD);
		assertThat(page.locator(".conv-list li")).hasCount(2);
		screenshot("inbox");

		page.getByText("Frage zur Anmeldung").click();
		assertThat(page.locator(".thread h1")).hasText("Frage zur Anmeldung");
		assertThat(page.locator(".msg-body").first()).containsText("Wann beginnt der Kurs <b>im Mai</b>?");
		page.locator("#composer-body").fill("Guten Tag Frau Muster, der Kurs beginnt am 4. Mai.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.reply")).containsText("der Kurs beginnt am 4. Mai");

		page.locator("input[name=kind][value=note]").check();
		page.locator("#composer-body").fill("Teilnehmerliste prüfen");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
		assertThat(page.locator(".msg.note")).containsText("Teilnehmerliste prüfen");
		screenshot("conversation");

		page.locator("#form-done button").click();
		assertThat(page.locator(".flash")).containsText("Konversation erledigt");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator("#form-done")).isVisible();

		var messages = api.get("/api/v1/conversations?q=Kurs").json().get("items");
		assertThat(messages.size()).isEqualTo(1);
		assertThat(messages.get(0).get("status").asString()).isEqualTo("open");

		// Hostile input renders inert: no dialog opens, the script text is gone.
		page.onDialog(dialog -> {
			throw new AssertionError("A script ran: " + dialog.message());
		});
		page.navigate(baseUrl() + "/inbox");
		page.getByText("Tom Berger").click();
		assertThat(page.locator(".msg-body").first()).hasText("<script>alert('x')</script>Bitte rufen Sie zurück.");
		assertThat(page.locator(".msg-body script")).hasCount(0);
	}

	@Test
	void logsAPhoneCallAndFindsItInTheContactTimeline() {
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/log");
		page.getByLabel("E-Mail, Telefonnummer oder Profil").fill("030 5550 1234");
		page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Herr Hahn");
		page.getByLabel("Was besprochen wurde").fill("Fragt nach Parkplätzen für den Tag der offenen Tür.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Speichern")).click();
		page.waitForURL("**/inbox/**");
		assertThat(page.locator(".msg.activity")).containsText("Parkplätzen");
		assertThat(page.locator(".msg.activity .chip").first()).containsText("Anruf");
		assertThat(page.locator(".side")).containsText("+493055501234");

		page.locator(".side a").first().click();
		assertThat(page.locator("h1")).hasText("Herr Hahn");
		assertThat(page.locator(".timeline")).containsText("Anruf");
		screenshot("contact");
	}

	@Test
	void aWebFormSubmissionArrivesInTheInboxWithItsConsent() {
		page.navigate(baseUrl() + "/f/" + workspace.slug());
		page.locator("#f-name").fill("Mara Klein");
		page.locator("#f-email").fill("mara@example.net");
		page.getByLabel("Ihre Nachricht").fill("Ich möchte mich ehrenamtlich engagieren.");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Absenden")).click();
		assertThat(page.locator(".field-error")).containsText("stimmen Sie zu");
		assertThat(page.getByLabel("Ihre Nachricht")).hasValue("Ich möchte mich ehrenamtlich engagieren.");
		page.locator("input[name=consent]").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Absenden")).click();
		assertThat(page.locator("h1")).hasText("Vielen Dank!");
		assertThat(page.getByText("Einwilligung widerrufen")).hasAttribute("href",
				java.util.regex.Pattern.compile(".*/privacy/withdraw\\?c=.*&t=.*"));

		logIn(ownerEmail, PASSWORD);
		page.getByText("Mara Klein").click();
		assertThat(page.locator(".msg-body").first()).containsText("ehrenamtlich");
		assertThat(page.locator(".side")).containsText("contact_form");
	}
}
