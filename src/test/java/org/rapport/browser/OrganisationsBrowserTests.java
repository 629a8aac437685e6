package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Create an organisation, link a contact to it, save a segment and filter the inbox by it, in the browser. */
class OrganisationsBrowserTests extends BrowserTest {

	@Test
	void createsAnOrganisationLinksAContactAndFiltersTheInboxBySegment() {
		for (String name : List.of("Petra Presse", "Bert Bürger")) {
			api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "b-" + name.hashCode(), "from",
					Map.of("handle", name.split(" ")[0].toLowerCase() + "@example.org", "name", name),
					"subject", "Anfrage von " + name, "body", "Guten Tag"));
		}
		String petra = api.get("/api/v1/contacts?q=petra").json().get("items").get(0).get("id").asString();

		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/organisations");
		assertThat(page.locator("h1")).hasText("Organisationen");
		page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Tageblatt");
		page.getByLabel("Art", new Page.GetByLabelOptions().setExact(true)).last().selectOption("press");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Organisation anlegen")).click();
		assertThat(page.locator("h1")).hasText("Tageblatt");
		assertThat(page.locator("main")).containsText("Presse");

		page.navigate(baseUrl() + "/contacts/" + petra);
		Locator block = page.locator("#organisations");
		block.locator("summary").click();
		block.getByLabel("Mit einer Organisation verknüpfen").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Tageblatt"));
		block.getByLabel("Rolle").fill("Pressesprecherin");
		block.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Verknüpfen")).click();
		assertThat(page.locator("#organisations")).containsText("Tageblatt · Pressesprecherin");
		screenshot("contact-organisations");

		page.navigate(baseUrl() + "/contacts");
		page.locator("#contact-filter summary").click();
		page.getByLabel("Organisation", new Page.GetByLabelOptions().setExact(true)).selectOption(
				new com.microsoft.playwright.options.SelectOption().setLabel("Tageblatt"));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anwenden")).click();
		assertThat(page.locator("table")).containsText("Petra Presse");
		assertThat(page.locator("table")).not().containsText("Bert Bürger");
		screenshot("contacts-filter");
		page.getByLabel("Name des Segments").fill("Presseleute");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Als Segment speichern")).click();
		assertThat(page.locator(".flash").first()).containsText("Segment gespeichert");

		page.navigate(baseUrl() + "/inbox?status=all");
		assertThat(page.locator(".conv-list")).containsText("Bert Bürger");
		page.getByLabel("Segment", new Page.GetByLabelOptions().setExact(true)).selectOption(
				new com.microsoft.playwright.options.SelectOption().setLabel("Presseleute"));
		page.waitForURL("**segment=**");
		assertThat(page.locator(".conv-list")).containsText("Petra Presse");
		assertThat(page.locator(".conv-list")).not().containsText("Bert Bürger");
		screenshot("inbox-segment");
	}
}
