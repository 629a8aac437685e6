package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The inbox search finds people by address and phone number as well as by words, counts and marks the hits. */
class InboxSearchBrowserTests extends BrowserTest {

	@Test
	void aSearchFindsThePersonByAddressAndPhoneCountsTheHitsAndMarksThem() {
		api.post("/api/v1/messages", Map.of("messages", List.of(
				Map.of("channel", "api", "externalId", "q-1", "from", Map.of("handle", "+49 30 5550 9999", "name", "Hannelore Beispiel"),
						"subject", "Anfrage", "body", "Guten Tag, eine Frage."),
				Map.of("channel", "api", "externalId", "q-2", "from", Map.of("handle", "otto@example.org", "name", "Otto Normal"),
						"subject", "Termin", "body", "Wann passt es?"))));
		logIn(ownerEmail, PASSWORD);

		page.locator("#search").fill("eine Frage");
		page.locator("#search").press("Enter");
		assertThat(page.locator(".result-count")).hasText("1 Treffer");
		assertThat(page.locator("#conv-list li")).hasCount(1);
		assertThat(page.locator("#conv-list .conv-preview mark").first()).hasText("eine");

		page.locator("#search").fill("030 5550 9999");
		page.locator("#search").press("Enter");
		assertThat(page.locator("#conv-list li")).hasCount(1);
		assertThat(page.locator("#conv-list")).containsText("Hannelore Beispiel");

		page.locator("#search").fill("Otto@Example.org");
		page.locator("#search").press("Enter");
		assertThat(page.locator("#conv-list")).containsText("Otto Normal");
		assertThat(page.locator("#conv-list")).not().containsText("Hannelore");

		page.locator("#search").fill("Zeppelin");
		page.locator("#search").press("Enter");
		assertThat(page.locator(".pane.list .empty")).containsText("Nichts gefunden");
		assertThat(page.locator(".pane.list .empty a.button")).hasCount(0);
	}
}
