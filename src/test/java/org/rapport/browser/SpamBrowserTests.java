package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** Spam out of the way: the filter's catch and a conversation the team marks go to the Spam view, and come back. */
class SpamBrowserTests extends BrowserTest {

	private void arrives(String externalId, String subject, String body) {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", externalId,
				"from", Map.of("handle", externalId + "@example.org"), "subject", subject, "body", body))));
	}

	private Locator row(String subject) {
		return page.locator("#conv-list li", new Page.LocatorOptions().setHasText(subject));
	}

	@Test
	void aConversationMarkedSpamGoesToTheSpamViewAndNotSpamBringsItBack() {
		arrives("s-1", "Gewinnspiel", "Check out my channel https://win-money.example.com for free money, giveaway every day!");
		arrives("s-2", "Frage zum Termin", "Hallo, wann habt ihr morgen geöffnet? Ich würde gern vorbeikommen.");
		logIn(ownerEmail, PASSWORD);
		assertThat(page.locator("#conv-list")).containsText("Frage zum Termin");
		assertThat(page.locator("#conv-list")).not().containsText("Gewinnspiel");
		assertThat(page.locator("#view-spam")).containsText("1");

		row("Frage zum Termin").locator("a").click();
		assertThat(page.locator(".thread h1")).hasText("Frage zum Termin");
		page.locator("#form-spam button").click();
		assertThat(page.locator(".flash")).containsText("In den Spam verschoben.");
		assertThat(page.locator("#conv-list")).not().containsText("Frage zum Termin");
		assertThat(page.locator("#view-spam")).containsText("2");

		page.locator("#view-spam").click();
		assertThat(page.locator("#conv-list li")).hasCount(2);
		assertThat(row("Gewinnspiel")).containsText("Spam");
		row("Frage zum Termin").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Locator.GetByRoleOptions().setName("Kein Spam")).click();
		assertThat(page.locator(".flash")).containsText("Zurück im Posteingang.");
		assertThat(page.locator("#conv-list li")).hasCount(1);
		assertThat(page.locator("#conv-list")).containsText("Gewinnspiel");

		page.locator("nav a", new Page.LocatorOptions().setHasText("Offen")).first().click();
		assertThat(page.locator("#conv-list")).containsText("Frage zum Termin");
		assertThat(page.locator("#conv-list")).not().containsText("Gewinnspiel");

		// the filter's own catch, opened: it says where it is and goes back with one click
		page.locator("#view-spam").click();
		row("Gewinnspiel").locator("a").click();
		assertThat(page.locator("#spam-notice")).containsText("Diese Konversation liegt im Spam");
		page.locator("#form-not-spam button").click();
		assertThat(page.locator(".flash")).containsText("Zurück im Posteingang.");
		assertThat(page.locator("#conv-list")).containsText("Gewinnspiel");
		assertThat(page.locator("#view-spam")).containsText("0");
	}

	@Test
	void theSpamViewFitsAPhone() {
		arrives("p-1", "Giveaway", "Check out my channel https://win-money.example.com for free money, giveaway every day!");
		Page small = phoneInEnglish();
		try {
			small.navigate(baseUrl() + "/inbox?view=spam");
			assertThat(small.locator("#conv-list li")).hasCount(1);
			assertThat(small.locator("#conv-list li button")).hasText("Not spam");
			org.assertj.core.api.Assertions.assertThat(fitsWidth(small)).as("no sideways scrolling").isTrue();
			small.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots", "inbox-spam-360.png")));
			small.locator("#conv-list li button").click();
			assertThat(small.locator(".flash")).containsText("Back in the inbox.");
			assertThat(small.locator("#conv-list li")).hasCount(0);
		}
		finally {
			small.context().close();
		}
	}
}
