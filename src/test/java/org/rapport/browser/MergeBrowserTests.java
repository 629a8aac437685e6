package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Merging two contacts in the browser, from the duplicates page and from the contact page, and undoing it. */
class MergeBrowserTests extends BrowserTest {

	@Test
	void mergesTwoContactsAndUndoesTheMerge() {
		String anna = api.post("/api/v1/contacts", Map.of("name", "Anna Schmidt",
				"identities", List.of(Map.of("kind", "phone", "value", "0151 5550 1234")))).json().get("id").asString();
		String anni = api.post("/api/v1/contacts", Map.of("name", "Anni",
				"identities", List.of(Map.of("kind", "handle:whatsapp", "value", "+4915155501234")))).json().get("id").asString();
		api.post("/api/v1/activities", Map.of("contactId", anni, "kind", "call", "direction", "in",
				"summary", "Fragt nach dem Chorkonzert.", "occurredAt", "2026-06-01T09:00:00Z"));

		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/contacts/duplicates");
		assertThat(page.locator("h1")).hasText("Mögliche Dubletten");
		Locator row = page.locator("tr.duplicate");
		assertThat(row).hasCount(1);
		assertThat(row).containsText("gleiche Telefonnummer");
		screenshot("duplicates");
		row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Zusammenführen")).click();

		assertThat(page.locator("#merge-undo")).containsText("„Anni“ wurde mit „Anna Schmidt“ zusammengeführt.");
		org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/contacts/" + anni).status()).isEqualTo(404);
		assertThat(page.locator("tr.duplicate")).hasCount(0);
		page.locator("#merge-undo").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator(".flash")).containsText("Die Zusammenführung wurde rückgängig gemacht");
		assertThat(page.locator("tr.duplicate")).hasCount(1);
		org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/contacts/" + anni).status()).isEqualTo(200);

		// From the contact page: find the other contact, merge it into this one, undo.
		page.navigate(baseUrl() + "/contacts/" + anna);
		page.locator("#merge summary").click();
		page.getByLabel("Anderer Kontakt, der dieselbe Person ist").fill("Anni");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suchen")).click();
		assertThat(page.locator("h1")).hasText("In Anna Schmidt zusammenführen");
		assertThat(page.locator("main")).containsText("Wahrscheinlich dieselbe Person");
		screenshot("merge-pick");
		page.locator("table").last().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Zusammenführen")).click();
		page.waitForURL("**/contacts/" + anna);
		assertThat(page.locator(".timeline")).containsText("Fragt nach dem Chorkonzert.");
		assertThat(page.locator(".side")).containsText("+4915155501234");
		screenshot("contact-merged");
		page.locator("#merge-undo").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator(".flash")).containsText("Die Zusammenführung wurde rückgängig gemacht");
		assertThat(page.locator(".timeline")).not().containsText("Chorkonzert");
		org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/contacts/" + anni).json().get("timeline").get(0)
			.get("excerpt").asString()).contains("Chorkonzert");
	}
}
