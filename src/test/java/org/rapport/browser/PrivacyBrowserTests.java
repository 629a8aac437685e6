package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

class PrivacyBrowserTests extends BrowserTest {

	@Test
	void aPersonWithdrawsThroughTheirLinkAndStaffExportTheirData() {
		page.navigate(baseUrl() + "/f/" + workspace.slug());
		page.locator("#f-name").fill("Mara Klein");
		page.locator("#f-email").fill("mara@example.net");
		page.locator("#f-message").fill("Ich möchte beim Sommerfest helfen.");
		page.locator("input[name=consent]").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Absenden")).click();
		assertThat(page.locator("h1")).hasText("Vielen Dank!");
		UUID contact = jdbc.sql("select contact_id from identities where workspace_id = ? and value = 'mara@example.net'")
			.param(workspace.id()).query(UUID.class).single();
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "mara-2", "from", Map.of("handle", "mara@example.net"),
				"subject", "Kuchenspende", "body", "Ich bringe einen Zwetschgenkuchen mit."));

		// The person opens the link they were given, without an account.
		String link = api.get("/api/v1/contacts/" + contact + "/consents").json().get("items").get(0).get("withdrawLink").asString();
		page.navigate(baseUrl() + link.substring(link.indexOf("/privacy/withdraw")));
		assertThat(page.locator("h1")).hasText("Einwilligung widerrufen");
		assertThat(page.locator("#consent-purpose")).hasText("Kontaktformular");
		assertThat(page.locator("#consent-text")).containsText("einverstanden");
		screenshot("consent-withdraw");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Einwilligung widerrufen")).click();
		assertThat(page.locator("#withdraw-done")).containsText("widerrufen");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Einwilligung widerrufen"))).hasCount(0);
		assertThat(jdbc.sql("select withdrawn_by from consents where contact_id = ?").param(contact).query(String.class).single())
			.isEqualTo("person");

		// A changed link is refused.
		page.navigate(baseUrl() + "/privacy/withdraw?c=" + contact + "&t=nicht-echt");
		assertThat(page.locator("h1")).hasText("Dieser Link ist ungültig");

		// Staff export everything stored about her from the contact page.
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/contacts/" + contact);
		assertThat(page.locator("#privacy-actions")).containsText("durch die Person");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Auskunft exportieren")).click();
		page.waitForURL("**/contacts/" + contact + "/export");
		assertThat(page.locator("h1")).hasText("Gespeicherte Daten zu Mara Klein");
		assertThat(page.locator("#export-contact")).containsText("mara@example.net");
		assertThat(page.locator("#export-consents")).containsText("Kontaktformular");
		assertThat(page.locator("#export-consents")).containsText("durch die Person");
		assertThat(page.locator("#export-conversations")).containsText("Ich möchte beim Sommerfest helfen.");
		assertThat(page.locator("#export-conversations")).containsText("Zwetschgenkuchen");
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
			.setPath(java.nio.file.Paths.get("target/screenshots", "contact-export.png")));
	}

	@Test
	void staffSetRetentionRulesSeeTheDryRunAndEraseAContactAfterConfirming() {
		var old = java.time.Instant.now().minus(1000, java.time.temporal.ChronoUnit.DAYS);
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "alt-1", "from", Map.of("handle", "alt@example.net",
				"name", "Alma Alt"), "subject", "Damals", "body", "Lange her.", "sentAt", old.toString()));
		jdbc.sql("update contacts set created_at = ?, updated_at = ? where workspace_id = ? and name = 'Alma Alt'")
			.params(java.sql.Timestamp.from(old), java.sql.Timestamp.from(old), workspace.id()).update();
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "neu-1", "from", Map.of("handle", "neu@example.net",
				"name", "Nina Neu"), "subject", "Bitte löschen", "body", "Bitte löschen Sie meine Daten."));
		UUID nina = jdbc.sql("select id from contacts where workspace_id = ? and name = 'Nina Neu'").param(workspace.id())
			.query(UUID.class).single();

		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/privacy");
		assertThat(page.locator("h1")).hasText("Datenschutz");
		page.locator("#inactive-months").fill("24");
		page.locator("#retention-rules button[type=submit]").click();
		assertThat(page.locator(".flash")).isVisible();
		assertThat(page.locator(".preview-contact")).hasCount(1);
		assertThat(page.locator(".preview-contact")).containsText("Alma Alt");
		assertThat(page.locator(".preview-conversation")).containsText("Damals");
		screenshot("privacy-settings");

		page.navigate(baseUrl() + "/contacts/" + nina);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Löschen").setExact(true)).click();
		assertThat(page.locator("h1")).hasText("Nina Neu endgültig löschen?");
		assertThat(page.locator("main")).containsText("1 Konversation mit allen");
		page.getByLabel("Neuanlage sperren").check();
		page.getByLabel("Mir ist bewusst, dass dies endgültig ist.").check();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Endgültig löschen")).click();
		page.waitForURL("**/contacts");
		assertThat(page.locator(".flash")).containsText("gelöscht");
		assertThat(jdbc.sql("select count(*) from contacts where id = ?").param(nina).query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from erasure_blocks where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(1);

		page.navigate(baseUrl() + "/settings/privacy");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Diese jetzt löschen")).click();
		assertThat(page.locator("#run-result")).containsText("1 Kontakt und 1 Konversation gelöscht");
		assertThat(page.locator(".preview-contact")).hasCount(0);
		assertThat(jdbc.sql("select count(*) from contacts where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
	}
}
