package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With RAPPORT_DEMO=true a newcomer logs in to a living inbox: contacts and conversations on every channel.
 * Also takes the README's screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoWorkspaceBrowserTests {

	static final Path DATA_DIR;

	static {
		DATA_DIR = org.rapport.support.TestDataDirs.create("rapport-demo-");
	}

	@DynamicPropertySource
	static void demo(DynamicPropertyRegistry registry) {
		registry.add("rapport.data-dir", DATA_DIR::toString);
		registry.add("rapport.demo", () -> "true");
		registry.add("server.shutdown", () -> "immediate");
	}

	@LocalServerPort
	int port;

	@Test
	void showsALivingInboxOnEveryChannel() {
		try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
			page = browser.newContext(new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(1400, 860)).newPage();
			tour();
		}
	}

	Page page;

	String baseUrl() {
		return "http://localhost:" + port;
	}

	void screenshot(String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots", name + ".png")));
	}

	void tour() {
		page.navigate(baseUrl() + "/login");
		page.locator("#username").fill("demo@example.org");
		page.locator("#password").fill("rapport-demo");
		page.locator("form button[type=submit]").click();
		page.waitForURL("**/inbox**");
		assertThat(page.locator(".conv-list li").count()).isGreaterThanOrEqualTo(10);
		assertThat(page.locator(".pane.nav")).containsText("Kontaktformular");
		page.setViewportSize(1400, 860);
		screenshot("readme-inbox");

		page.locator(".conv-list li a").first().click();
		assertThat(page.locator(".messages .msg").first()).isVisible();
		page.locator("#composer-body").fill("/");
		assertThat(page.locator("#canned li").first()).isVisible();
		page.locator("#composer-body").fill("");
		page.locator("#composer-body").blur();
		page.locator(".messages").scrollIntoViewIfNeeded();
		screenshot("readme-conversation");

		page.navigate(baseUrl() + "/inbox?status=all&channel=offline");
		assertThat(page.locator(".conv-list .chip.channel").first()).hasText("Offline");
		page.navigate(baseUrl() + "/contacts");
		assertThat(page.locator("tbody tr").count()).isGreaterThanOrEqualTo(20);

		page.navigate(baseUrl() + "/inbox?lang=en");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Contacts"))).isVisible();
		page.setViewportSize(390, 844);
		page.locator(".conv-list li a").first().click();
		assertThat(page.locator(".back")).isVisible();
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(java.nio.file.Paths.get("target/screenshots/readme-phone.png")));
	}
}
