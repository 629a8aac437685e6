package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** From the reach-out list to a reminder, an introduction on both timelines, and "not now", in the browser. */
class ReachOutBrowserTests extends BrowserTest {

	@Test
	void findsWhomToCallSetsAReminderRecordsAnIntroductionAndDismisses() {
		String anna = api.post("/api/v1/contacts", Map.of("name", "Anna Aktiv", "identities",
				List.of(Map.of("kind", "email", "value", "anna@example.org")))).json().get("id").asString();
		String bert = api.post("/api/v1/contacts", Map.of("name", "Bert Brücke")).json().get("id").asString();
		for (int i = 1; i <= 2; i++) {
			api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "anna-" + i, "threadKey", "anna",
					"from", Map.of("handle", "anna@example.org"), "body", "Wann ist das nächste Treffen?",
					"sentAt", Instant.now().minus(i, ChronoUnit.DAYS).toString()));
		}

		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/reach-out");
		assertThat(page.locator("h1")).hasText("Ansprechen");
		Locator row = page.locator("#reach-out-list tbody tr").first();
		assertThat(row).containsText("Anna Aktiv");
		assertThat(row).containsText("2 Nachrichten in den letzten 14 Tagen");
		screenshot("reach-out");

		row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Erinnern")).click();
		page.waitForURL("**/contacts/" + anna + "#reminder-form");
		page.getByLabel("in Kontakt bleiben, alle").check();
		page.locator("#reminder-weeks").fill("2");
		page.getByLabel("Notiz (optional)").fill("Zum Sommerfest einladen");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Erinnerung setzen")).click();
		assertThat(page.locator(".flash")).containsText("Erinnerung gesetzt.");
		assertThat(page.locator("#reach-out")).containsText("alle 2 Wochen");
		assertThat(page.locator("#reach-out")).containsText("Zum Sommerfest einladen");

		page.getByText("Erfassen, was wir gegeben haben").click();
		page.locator("#gift-kind").selectOption("introduction");
		page.locator("#gift-other").fill("Bert Brücke");
		page.locator("#gift-note").fill("Beide planen ein Fest");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Erfassen").setExact(true)).click();
		assertThat(page.locator(".flash")).containsText("Erfasst.");
		assertThat(page.locator(".timeline")).containsText("→ Bert Brücke · Beide planen ein Fest");
		screenshot("contact-reach-out");
		page.navigate(baseUrl() + "/contacts/" + bert);
		assertThat(page.locator(".timeline")).containsText("→ Anna Aktiv");

		page.navigate(baseUrl() + "/reach-out");
		page.locator("#reach-out-list tbody tr").first()
			.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nicht jetzt (30 Tage): Anna Aktiv aus dieser Liste nehmen")).click();
		assertThat(page.locator(".flash")).containsText("Für 30 Tage aus der Liste genommen.");
		assertThat(page.locator("main")).not().containsText("Anna Aktiv");
	}
}
