package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.GreenMailboxes;
import org.springframework.beans.factory.annotation.Autowired;

/** "Passwort vergessen?" from the login page to signing in with the new password, and "Mein Konto" on a phone. */
class AccountBrowserTests extends BrowserTest {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("team@verein.test", "team", "geheim"));

	static final Pattern LINK = Pattern.compile("(http://\\S+/login/reset\\?token=[A-Za-z0-9_-]+)");

	@Autowired
	Channels channels;

	@Test
	void forgottenPasswordFromTheLoginPageToANewOneInGerman() throws Exception {
		channels.create(workspace.id(), "email", "email", "Postfach",
				GreenMailboxes.settings(greenMail, "team@verein.test", "Verein", "team", "geheim"));
		page.navigate(baseUrl() + "/login");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Passwort vergessen?")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Passwort vergessen"))).isVisible();
		page.getByLabel("E-Mail").fill(ownerEmail);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Link schicken")).click();
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Wenn es zu dieser Adresse ein Konto gibt");

		org.assertj.core.api.Assertions.assertThat(greenMail.waitForIncomingEmail(15_000, 1)).isTrue();
		var mail = greenMail.getReceivedMessagesForDomain("example.org")[0];
		org.assertj.core.api.Assertions.assertThat(mail.getSubject()).isEqualTo("Neues Passwort für Rapport");
		Matcher link = LINK.matcher((String) mail.getContent());
		org.assertj.core.api.Assertions.assertThat(link.find()).isTrue();
		URI uri = URI.create(link.group(1));
		String path = uri.getPath() + "?" + uri.getQuery();

		page.navigate(baseUrl() + path);
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Neues Passwort setzen"))).isVisible();
		page.getByLabel("Neues Passwort").fill("ein ganz neues Passwort");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Passwort speichern")).click();
		page.waitForURL("**/login?reset");
		assertThat(page.getByRole(AriaRole.STATUS)).containsText("Ihr neues Passwort ist gesetzt");
		screenshot("password-reset-done");

		logIn(ownerEmail, "ein ganz neues Passwort");

		page.navigate(baseUrl() + path);
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("Dieser Link gilt nicht mehr");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Einen neuen Link anfordern"))).isVisible();
	}

	@Test
	void myAccountOnAPhoneChangesNameAndLanguageWithoutSidewaysScrolling() {
		page.setViewportSize(360, 740);
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mein Konto")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Mein Konto").setLevel(1))).isVisible();
		noSidewaysScrolling();
		screenshot("phone-my-account");

		page.getByLabel("Aktuelles Passwort").fill("falsch und falsch");
		page.getByLabel("Neues Passwort").fill("ein ganz neues Passwort");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Passwort ändern")).click();
		assertThat(page.locator("#currentPassword-error")).hasText("Das aktuelle Passwort stimmt nicht.");
		assertThat(page.getByLabel("Aktuelles Passwort")).hasAttribute("aria-invalid", "true");
		noSidewaysScrolling();

		page.getByLabel("Ihr Name").fill("Olga Neumann");
		page.getByLabel("Sprache").selectOption("en");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Speichern").setExact(true)).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("My account").setLevel(1))).isVisible();
		assertThat(page.locator("html")).hasAttribute("lang", "en");
		assertThat(page.getByText("Your account is saved.")).isVisible();
		noSidewaysScrolling();
		page.navigate(baseUrl() + "/inbox");
		assertThat(page.locator(".me-name").first()).hasText("Olga Neumann");
	}

	private void noSidewaysScrolling() {
		org.assertj.core.api.Assertions.assertThat(fitsWidth(page)).as("no sideways scrolling").isTrue();
	}
}
