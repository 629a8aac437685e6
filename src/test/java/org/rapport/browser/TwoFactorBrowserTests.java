package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Paths;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

/**
 * Two-factor sign-in as a person meets it, in German: set it up from "Mein Konto" with the key the page shows (the
 * test computes the app's codes from it), sign out, sign in again with password and code. And the set-up on a phone.
 */
class TwoFactorBrowserTests extends BrowserTest {

	/** What an authenticator app shows for the key, {@code ahead} time steps from now. */
	private static String appCode(String key, int ahead) throws InvalidKeyException {
		TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
		Instant at = Instant.now().plus(totp.getTimeStep().multipliedBy(ahead));
		return totp.generateOneTimePasswordString(new SecretKeySpec(Base32.decode(key), "HmacSHA1"), at, Locale.ROOT);
	}

	private static String enrol(Page page) throws InvalidKeyException {
		assertThat(page.locator(".qr svg")).isVisible();
		String key = page.locator("#secret").textContent().replace(" ", "");
		page.locator("#code").fill(appCode(key, 0));
		page.locator("#enrol button[type=submit]").click();
		assertThat(page.locator("#recovery-codes li")).hasCount(10);
		return key;
	}

	@Test
	void setUpSignOutAndSignInWithACodeInGerman() throws Exception {
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/settings/account");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Zwei-Faktor-Anmeldung einrichten")).click();
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Zwei-Faktor-Anmeldung einrichten")
			.setLevel(1))).isVisible();
		screenshot("two-factor-set-up");

		page.locator("#code").fill("000000");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Einschalten")).click();
		assertThat(page.locator("#code-error")).containsText("Der Code stimmt nicht.");

		String key = enrol(page);
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ihre Wiederherstellungscodes")))
			.isVisible();
		screenshot("two-factor-recovery-codes");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ich habe die Codes gespeichert")).click();
		assertThat(page.locator("#two-factor-on")).containsText("Eingeschaltet.");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abmelden")).click();
		page.waitForURL("**/login?logout");
		page.getByLabel("E-Mail").fill(ownerEmail);
		page.getByLabel("Passwort").fill(PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden")).click();
		page.waitForURL("**/login/code");
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Code eingeben"))).isVisible();
		screenshot("two-factor-sign-in");
		page.getByLabel("Code oder Wiederherstellungscode").fill(appCode(key, 1));
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden")).click();
		page.waitForURL("**/inbox**");
	}

	@Test
	void onAPhoneTheSetUpAndTheCodesFitTheScreen() throws Exception {
		Page phone = phoneInEnglish();
		try {
			phone.navigate(baseUrl() + "/settings/account/two-factor");
			assertThat(phone.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Set up two-factor sign-in")
				.setLevel(1))).isVisible();
			org.assertj.core.api.Assertions.assertThat(fitsWidth(phone)).as("the set-up fits 360 px").isTrue();
			phone.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", "phone-two-factor-set-up.png")));
			enrol(phone);
			org.assertj.core.api.Assertions.assertThat(fitsWidth(phone)).as("the recovery codes fit 360 px").isTrue();
			phone.navigate(baseUrl() + "/settings/account");
			assertThat(phone.locator("#two-factor-on")).isVisible();
			org.assertj.core.api.Assertions.assertThat(fitsWidth(phone)).as("My account with two-factor on fits 360 px").isTrue();
		}
		finally {
			phone.context().close();
		}
	}
}
