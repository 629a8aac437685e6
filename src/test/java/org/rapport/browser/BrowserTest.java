package org.rapport.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.rapport.support.IntegrationTest;

/**
 * Drives a real Chromium through the UI. Uses the system's Chromium where there is one ({@code /usr/bin/chromium},
 * or {@code RAPPORT_CHROMIUM}), otherwise the browser Playwright downloads for itself.
 */
abstract class BrowserTest extends IntegrationTest {

	static Playwright playwright;
	static Browser browser;

	BrowserContext context;
	Page page;

	@BeforeAll
	static void launch() {
		playwright = Chromium.playwright();
		browser = Chromium.launch(playwright);
	}

	@AfterAll
	static void close() {
		if (playwright != null) {
			playwright.close();
		}
	}

	@BeforeEach
	void openPage() {
		context = browser.newContext(new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(1400, 900));
		page = context.newPage();
		page.setDefaultTimeout(15_000);
	}

	@AfterEach
	void closePage() {
		context.close();
	}

	void logIn(String email, String password) {
		page.navigate(baseUrl() + "/login");
		page.getByLabel("E-Mail").fill(email);
		page.getByLabel("Passwort").fill(password);
		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Anmelden")).click();
		page.waitForURL("**/inbox**");
	}

	/** A phone (360 × 740) in British English, signed in as the owner; the caller closes its context. */
	Page phoneInEnglish() {
		BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB").setViewportSize(360, 740));
		Page small = phone.newPage();
		small.setDefaultTimeout(15_000);
		small.navigate(baseUrl() + "/login");
		small.getByLabel("Email").fill(ownerEmail);
		small.getByLabel("Password").fill(PASSWORD);
		small.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		small.waitForURL("**/inbox**");
		return small;
	}

	/**
	 * Publishes a post and comments on it as a reader without an account (in a browser of their own), so that the
	 * comment waits for approval with its consent recorded, as the blog's form makes it.
	 */
	void readerComments(String name, String email, String text) {
		String url = api.post("/api/v1/blog/posts", java.util.Map.of("title", "Tag der offenen Tür", "markdown", "Text",
				"status", "published")).json().get("url").asString();
		BrowserContext readerContext = browser.newContext();
		try {
			Page reader = readerContext.newPage();
			reader.navigate(baseUrl() + url.replaceFirst("^https?://[^/]+", ""));
			reader.locator("#c-name").fill(name);
			reader.locator("#c-email").fill(email);
			reader.locator("#c-text").fill(text);
			reader.locator(".comment-form input[name=consent]").check();
			reader.locator(".comment-form button[type=submit]").click();
			com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(reader.locator(".notice")).isVisible();
		}
		finally {
			readerContext.close();
		}
	}

	/**
	 * Whether the page fits its window without sideways scrolling, measured once it has loaded: before its style
	 * sheet arrives, every table is as wide as its content.
	 */
	static boolean fitsWidth(Page page) {
		page.waitForLoadState();
		return (Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1");
	}

	/**
	 * Saves a picture of the page under target/screenshots, for the README and for looking at failures, once the page
	 * has loaded (a page still navigating after a click cannot be captured).
	 */
	void screenshot(String name) {
		page.waitForLoadState();
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", name + ".png")));
	}
}
