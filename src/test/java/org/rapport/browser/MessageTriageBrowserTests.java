package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** The triage in the inbox: chips in the list and the conversation, the kind filter, and a member's correction. */
class MessageTriageBrowserTests extends BrowserTest {

	private void arrives(String externalId, String subject, String body) {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", externalId,
				"from", Map.of("handle", externalId + "@example.org"), "subject", subject, "body", body))));
	}

	private Locator row(Page on, String subject) {
		return on.locator("#conv-list li", new Page.LocatorOptions().setHasText(subject));
	}

	@Test
	void chipsShowTheTriageTheFilterNarrowsAndACorrectionSticks() {
		arrives("t-1", "Lieferung", "Ich warte seit drei Wochen auf meine Bestellung und niemand antwortet. Das ist unverschämt.");
		arrives("t-2", "Auskunft", "Sehr geehrte Damen und Herren, ich bitte um Auskunft nach Art. 15 DSGVO über meine Daten.");
		logIn(ownerEmail, PASSWORD);
		assertThat(row(page, "Lieferung")).containsText("Beschwerde");
		assertThat(row(page, "Lieferung")).containsText("Negativ");
		assertThat(row(page, "Auskunft")).containsText("Datenanfrage");

		page.locator("#kind-filter").selectOption("complaint");
		page.waitForURL("**kind=complaint**");
		assertThat(page.locator("#conv-list li")).hasCount(1);
		assertThat(page.locator("#conv-list")).containsText("Lieferung");

		row(page, "Lieferung").locator("a").click();
		assertThat(page.locator("#triage-kind")).hasText("Beschwerde");
		assertThat(page.locator("#triage-language")).hasText("Deutsch");
		page.locator("#triage-correct summary").click();
		page.locator("#correct-kind").selectOption("question");
		page.locator("#triage-save").click();
		assertThat(page.locator("#triage-kind")).hasText("Frage");
		assertThat(page.locator("#triage-sentiment")).hasText("Negativ");
		assertThat(page.locator("#triage-corrected")).containsText("Korrigiert von");
		screenshot("inbox-triage");
	}

	@Test
	void aRoutingRuleSendsNewComplaintsToAMember() {
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/routing");
		assertThat(page.locator("label[for=route-complaint]")).hasText("Beschwerden zuweisen an");
		String owner = page.locator("#route-complaint option").nth(1).getAttribute("value");
		page.locator("#route-complaint").selectOption(owner);
		page.locator("#routing-save").click();
		assertThat(page.locator(".flash")).hasText("Gespeichert.");
		assertThat(page.locator("#route-complaint")).hasValue(owner);
		screenshot("routing-after-save");
		org.assertj.core.api.Assertions.assertThat(fitsWidth(page)).isTrue();

		arrives("r-1", "Kaputt", "Das Gerät ist nach zwei Wochen kaputt gegangen. Ich bin sehr enttäuscht und will eine Erstattung.");
		page.navigate(baseUrl() + "/inbox");
		assertThat(row(page, "Kaputt")).containsText("Beschwerde");
		assertThat(row(page, "Kaputt")).containsText("→ ");
	}

	@Test
	void theTriageFitsAGermanPhone() {
		arrives("p-1", "Danke", "Vielen Dank für die schnelle Hilfe gestern, Frau Yilmaz war super freundlich!");
		BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(360, 740));
		try {
			Page small = phone.newPage();
			small.setDefaultTimeout(15_000);
			small.navigate(baseUrl() + "/login");
			small.getByLabel("E-Mail").fill(ownerEmail);
			small.getByLabel("Passwort").fill(PASSWORD);
			small.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden"))
				.click();
			small.waitForURL("**/inbox**");
			assertThat(row(small, "Danke")).containsText("Lob");
			org.assertj.core.api.Assertions.assertThat(fitsWidth(small)).as("the list, no sideways scrolling").isTrue();
			row(small, "Danke").locator("a").click();
			assertThat(small.locator("#triage-kind")).hasText("Lob");
			small.locator("#triage-correct summary").click();
			org.assertj.core.api.Assertions.assertThat(fitsWidth(small)).as("the correction, no sideways scrolling").isTrue();
			small.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots",
					"inbox-triage-360.png")));
			small.locator("#correct-sentiment").selectOption("neutral");
			small.locator("#triage-save").click();
			assertThat(small.locator("#triage-sentiment")).hasText("Neutral");
		}
		finally {
			phone.close();
		}
	}
}
