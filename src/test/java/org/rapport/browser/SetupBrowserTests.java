package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** On a fresh installation without admin settings, a one-time page creates the first workspace and its owner. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SetupBrowserTests {

	static final Path DATA_DIR;

	static {
		DATA_DIR = org.rapport.support.TestDataDirs.create("rapport-setup-");
	}

	@DynamicPropertySource
	static void fresh(DynamicPropertyRegistry registry) {
		registry.add("rapport.data-dir", DATA_DIR::toString);
		registry.add("server.shutdown", () -> "immediate");
	}

	@LocalServerPort
	int port;

	@Test
	void createsTheFirstWorkspaceOnceAndLogsIn() {
		String base = "http://localhost:" + port;
		try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
			Page page = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")).newPage();
			page.navigate(base + "/inbox");
			page.waitForURL("**/setup");
			assertThat(page.locator("h1")).hasText("Set up Rapport");
			page.locator("#organisation").fill("Familienzentrum Süd");
			page.locator("#slug").fill("fz-sued");
			page.locator("#name").fill("Paula Patel");
			page.locator("#email").fill("paula@example.org");
			page.locator("#password").fill("short");
			page.locator("form button[type=submit]").click();
			assertThat(page.locator("h1")).hasText("Set up Rapport");
			assertThat(page.locator("#organisation")).hasValue("Familienzentrum Süd");
			page.locator("#password").fill("a long enough password");
			page.locator("form button[type=submit]").click();
			page.waitForURL("**/login?created");
			page.locator("#username").fill("paula@example.org");
			page.locator("#password").fill("a long enough password");
			page.locator("form button[type=submit]").click();
			page.waitForURL("**/inbox**");
			assertThat(page.locator(".topbar")).containsText("Familienzentrum Süd");
			assertThat(page.locator(".empty").first()).containsText("Connect a mailbox");

			page.navigate(base + "/setup");
			page.waitForURL("**/login");
		}
	}
}
