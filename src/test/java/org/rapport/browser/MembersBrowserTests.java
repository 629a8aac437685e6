package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;

/** Inviting someone who has an account elsewhere, their answer, and a role change that ends an open session. */
class MembersBrowserTests extends BrowserTest {

	@Test
	void anInvitedPersonAcceptsAndARoleChangeSignsThemOut() {
		Workspace home = workspaces.create("Kita Sonnenschein", "kita-" + UUID.randomUUID().toString().substring(0, 8));
		String email = "erzieherin-" + UUID.randomUUID() + "@example.org";
		members.add(home.id(), email, "Eva Erzieherin", "ihr eigenes Passwort", Role.OWNER);

		// The owner adds an address that already has an account: an invitation, no membership yet.
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings#members");
		page.locator("#m-name").fill("Eva");
		page.locator("#m-email").fill(email);
		page.locator("#m-role").selectOption("agent");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mitglied hinzufügen")).click();
		assertThat(page.locator(".flash")).containsText("Einladung wartet");
		assertThat(page.locator("#members")).containsText("Warten auf Antwort");
		screenshot("members-invited");

		// Eva signs in, sees the invitation under Settings and accepts it.
		BrowserContext evas = browser.newContext(new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(390, 844));
		Page eva = evas.newPage();
		eva.setDefaultTimeout(15_000);
		eva.navigate(baseUrl() + "/login");
		eva.getByLabel("E-Mail").fill(email);
		eva.getByLabel("Passwort").fill("ihr eigenes Passwort");
		eva.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden")).click();
		eva.waitForURL("**/inbox**");
		eva.navigate(baseUrl() + "/settings");
		assertThat(eva.locator("#invitations")).containsText("lädt Sie in den Arbeitsbereich " + workspace.name() + " ein");
		eva.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots", "invitation-phone.png")));
		eva.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Annehmen und dorthin wechseln")).click();
		eva.waitForURL("**/inbox**");
		assertThat(eva.locator(".flash")).containsText("Willkommen: Sie arbeiten jetzt in diesem Arbeitsbereich.");
		Member joined = members.of(workspace.id()).stream().filter(m -> m.email().equals(email)).findFirst().orElseThrow();

		// The owner makes her a viewer: her open session ends at her next click, and the login page says why.
		page.navigate(baseUrl() + "/settings");
		page.locator("#role-" + joined.userId()).selectOption("viewer");
		page.locator("#role-" + joined.userId()).locator("xpath=..").getByRole(AriaRole.BUTTON,
				new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Rolle ändern")).click();
		assertThat(page.locator(".flash")).containsText("Rolle geändert");
		eva.navigate(baseUrl() + "/contacts");
		eva.waitForURL("**/login?ended");
		assertThat(eva.locator(".flash")).containsText("Ihre Sitzung wurde beendet");
		evas.close();
	}

	@Test
	void aNewAddressWithoutAPasswordIsAddedAndTheNoticeSaysWhetherTheInvitationMailWentOut() {
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings#members");
		assertThat(page.locator("#m-pass-help")).containsText("Einladung per E-Mail");
		page.locator("#m-name").fill("Nele Neu");
		page.locator("#m-email").fill("nele-" + UUID.randomUUID() + "@example.org");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mitglied hinzufügen")).click();
		// This workspace has no mailbox: the member is added, and the notice says what to do about the mail.
		assertThat(page.locator(".flash")).containsText("Einladung konnte nicht gesendet werden");
		assertThat(page.locator(".flash")).containsText("Postfach");
		assertThat(page.locator("#members")).containsText("Nele Neu");
	}
}
