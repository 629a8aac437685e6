package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fresh workspace's owner lands in the inbox and finds the first-run checklist above it, follows the step "invite
 * your team" to the members form, adds a colleague and, back in the inbox, sees the step done and the progress
 * moved on; then hides the list and finds it again under Settings. In German and English, on a desktop and a phone
 * 360 px wide, without sideways scrolling.
 */
class OnboardingBrowserTests extends BrowserTest {

	@ParameterizedTest(name = "{0} at {1} px")
	@CsvSource({
			"de-DE, 1400, 900, E-Mail, Passwort, Anmelden, Erste Schritte, 0 von 6 erledigt, Team einladen, Mitglied hinzufügen, 1 von 6 erledigt, erledigt, Liste ausblenden, Liste wieder anzeigen",
			"de-DE, 360, 740, E-Mail, Passwort, Anmelden, Erste Schritte, 0 von 6 erledigt, Team einladen, Mitglied hinzufügen, 1 von 6 erledigt, erledigt, Liste ausblenden, Liste wieder anzeigen",
			"en-GB, 1400, 900, Email, Password, Log in, First steps, 0 of 6 done, Invite your team, Add member, 1 of 6 done, done, Hide checklist, Show the checklist again",
			"en-GB, 360, 740, Email, Password, Log in, First steps, 0 of 6 done, Invite your team, Add member, 1 of 6 done, done, Hide checklist, Show the checklist again" })
	void aNewOwnerFollowsAStepAndSeesTheProgress(String locale, int width, int height, String emailLabel,
			String passwordLabel, String logIn, String title, String noneDone, String teamStep, String addMember,
			String oneDone, String doneChip, String hide, String showAgain) {
		BrowserContext own = browser.newContext(new Browser.NewContextOptions().setLocale(locale).setViewportSize(width, height));
		try {
			Page p = own.newPage();
			p.setDefaultTimeout(15_000);
			p.navigate(baseUrl() + "/login");
			p.getByLabel(emailLabel).fill(ownerEmail);
			p.getByLabel(passwordLabel).fill(PASSWORD);
			p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(logIn)).click();
			p.waitForURL("**/inbox**");

			var panel = p.locator("#onboarding");
			assertThat(panel).isVisible();
			if (width < 900) {
				// on a phone the steps fold behind one line, so that the inbox list starts near the top
				assertThat(panel.locator(".onboarding-steps")).isHidden();
				panel.locator(".onboarding-more > summary").click();
			}
			assertThat(panel.locator("h2")).hasText(title);
			assertThat(p.locator("#onboarding-progress")).hasText(noneDone);
			assertThat(panel.locator(".onboarding-steps > li")).hasCount(6);
			assertThat(fitsWidth(p)).as("the inbox with the checklist fits %s px", width).isTrue();
			p.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots",
					"onboarding-" + locale + "-" + width + ".png")));

			panel.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName(teamStep)).click();
			p.waitForURL("**/settings#members");
			p.locator("#m-name").fill("Jana Kurz");
			p.locator("#m-email").fill("jana-" + UUID.randomUUID() + "@example.org");
			p.locator("#m-pass").fill("a long enough password");
			p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(addMember)).click();
			p.waitForURL("**/settings**");

			p.navigate(baseUrl() + "/inbox");
			assertThat(p.locator("#onboarding-progress")).hasText(oneDone);
			if (width < 900) {
				panel.locator(".onboarding-more > summary").click();
			}
			assertThat(p.locator("#onboarding-team .chip")).hasText(doneChip);
			assertThat(p.locator("#onboarding-team form")).hasCount(0);
			assertThat(fitsWidth(p)).isTrue();

			p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(hide)).click();
			p.waitForURL("**/inbox");
			assertThat(p.locator("#onboarding")).hasCount(0);

			p.navigate(baseUrl() + "/settings/onboarding");
			assertThat(p.locator("#step-team .chip")).hasText(doneChip);
			assertThat(fitsWidth(p)).as("Settings → First steps fits %s px", width).isTrue();
			p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(showAgain)).click();
			p.navigate(baseUrl() + "/inbox");
			assertThat(p.locator("#onboarding-progress")).hasText(oneDone);
		}
		finally {
			own.close();
		}
	}
}
