package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
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
		// The demo plays a workspace in use for months: its first-run checklist is hidden.
		assertThat(page.locator("#onboarding")).hasCount(0);
		page.setViewportSize(1400, 860);
		screenshot("readme-inbox");

		page.locator(".conv-list li a").first().click();
		assertThat(page.locator(".messages .msg").first()).isVisible();
		// The picker listens once the page's deferred script has run, and fetches the replies on the first "/".
		page.waitForLoadState();
		page.locator("#composer-body").fill("/");
		assertThat(page.locator("#canned li").first()).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
		page.locator("#composer-body").fill("");
		page.locator("#composer-body").blur();
		page.locator(".messages").scrollIntoViewIfNeeded();
		screenshot("readme-conversation");

		page.navigate(baseUrl() + "/inbox?status=all&channel=offline");
		assertThat(page.locator(".conv-list .chip.channel").first()).hasText("Offline");
		page.navigate(baseUrl() + "/contacts");
		assertThat(page.locator("tbody tr").count()).isGreaterThanOrEqualTo(20);

		relationshipsTour();

		// A follower audit of the demo's Fediverse account, its bought batch found.
		page.navigate(baseUrl() + "/authenticity");
		assertThat(page.locator("#audit-list tbody tr")).hasCount(1);
		page.locator("#audit-list tbody a").first().click();
		assertThat(page.locator("#share")).containsText(java.util.regex.Pattern.compile("Wahrscheinlich gekauft: (5[4-9]|6[0-6]) von 300 Konten"));
		assertThat(page.locator("#accounts > li").first()).containsText("wahrscheinlich gekauft");
		assertThat(page.locator(".day-chart svg .bought line").first()).isAttached();
		screenshot("readme-audit");

		// Four parents sent the same letter through the web form: one group of near-duplicates, each under their name.
		page.navigate(baseUrl() + "/authenticity/coordinated");
		Locator letter = page.locator("section.coordinated-group[data-kind=near-duplicates]");
		assertThat(letter).hasCount(1);
		assertThat(letter.locator("h2")).containsText("4 Menschen");
		assertThat(letter).containsText("Katrin Vogel");
		assertThat(letter).containsText("Markus Lehmann");

		page.navigate(baseUrl() + "/inbox?lang=en");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Contacts"))).isVisible();
		page.setViewportSize(390, 844);
		page.reload();
		screenshot("readme-phone-inbox");
		page.locator(".conv-list li a").first().click();
		assertThat(page.locator(".back")).isVisible();
		page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(java.nio.file.Paths.get("target/screenshots/readme-phone.png")));
		everyMainPageFitsAPhone();

		// Last, because it writes into the inbox: practice mode's storm, as a manager starts it, and the alert it raises.
		page.setViewportSize(1400, 860);
		page.navigate(baseUrl() + "/authenticity/alerts?lang=de");
		page.locator("button[id^=simulate-]").first().click();
		page.waitForURL("**/authenticity/alerts/**");
		assertThat(page.locator("#storm-banner")).isVisible();
		assertThat(page.locator("#storm-share")).containsText("% der Nachrichten waren negativ");
		screenshot("readme-storm");
	}

	/**
	 * On a phone no main page scrolls sideways, the top bar's counts included: the demo has a reminder due, whose
	 * count in the scrolling navigation once widened every page by its hidden words for screen readers.
	 */
	void everyMainPageFitsAPhone() {
		page.navigate(baseUrl() + "/organisations");
		String organisation = page.locator("main tbody a").first().getAttribute("href");
		page.navigate(baseUrl() + "/events");
		String event = page.locator("main table.upcoming tbody a").first().getAttribute("href");
		page.navigate(baseUrl() + "/authenticity");
		String audit = page.locator("#audit-list tbody a").first().getAttribute("href");
		page.navigate(baseUrl() + "/blog/demo");
		String post = page.locator("article.post-card h2 a").first().getAttribute("href");
		for (String lang : List.of("de", "en")) {
			for (String path : List.of("/inbox", "/contacts", "/organisations", organisation, "/log", "/reach-out", "/events",
					event, "/listening", "/insights", "/authenticity", audit, "/authenticity/alerts", "/authenticity/coordinated",
					"/blog/admin", "/blog/admin/linkbacks", "/blog/admin/newsletter", "/notifications", "/settings",
					"/settings/channels", "/settings/stages", "/settings/fields", "/settings/tasks")) {
				page.navigate(baseUrl() + path + "?lang=" + lang);
				assertThat(page.locator(".topbar nav a[href='/reach-out'] .chip")).isVisible();
				assertThat(BrowserTest.fitsWidth(page)).as("%s in %s fits 390 px", path, lang).isTrue();
			}
			// the navigation scrolls sideways on a phone; the current section is in view
			page.navigate(baseUrl() + "/settings?lang=" + lang);
			page.waitForLoadState();
			Object right = page.evaluate("document.querySelector('.topbar nav a.active').getBoundingClientRect().right");
			assertThat(((Number) right).doubleValue()).as("Settings in the top bar, %s", lang).isLessThanOrEqualTo(390);
			page.navigate(baseUrl() + post + "?lang=" + lang);
			assertThat(BrowserTest.fitsWidth(page)).as("the public post %s in %s fits 390 px", post, lang).isTrue();
		}
	}

	/** Organisations, stages, reach-out, events and the public blog are filled too, not just reachable. */
	void relationshipsTour() {
		page.navigate(baseUrl() + "/contacts");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Region Nord").setExact(true)).click();
		assertThat(page.locator("main tbody tr")).hasCount(6);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Presse").setExact(true)).click();
		assertThat(page.locator("main tbody tr")).hasCount(3);
		assertThat(page.locator("main tbody")).containsText("Jonas Albrecht");

		page.navigate(baseUrl() + "/organisations");
		assertThat(page.locator("main tbody tr")).hasCount(4);
		assertThat(page.locator("main tbody")).containsText("Musterstädter Rundschau");
		assertThat(page.locator("main tbody")).containsText("Stadt Musterstadt – Jugendamt");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("TSV Musterstadt 1908 e.V.")).click();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Jürgen Maaß")).first().click();
		page.waitForURL("**/contacts/**");
		assertThat(page.locator("#organisations")).containsText("TSV Musterstadt 1908 e.V.");
		assertThat(page.locator("#organisations")).containsText("Vorsitzender");
		assertThat(page.locator("#stage .chip").first()).hasText("Partner");
		assertThat(page.locator("ol.timeline li").count()).isGreaterThanOrEqualTo(3);
		assertThat(page.locator("ol.timeline")).containsText("Kooperationsvereinbarung");
		screenshot("readme-contact");

		page.navigate(baseUrl() + "/reach-out");
		assertThat(page.locator("#due-reminders")).containsText("Claudia Wendt");
		assertThat(page.locator("#reach-out-list tbody tr").count()).isGreaterThanOrEqualTo(3);
		assertThat(page.locator("#reach-out-list tbody tr").first().locator("ul.small li").first()).not().isEmpty();
		assertThat(page.locator("#reach-out-list tbody tr", new Page.LocatorOptions().setHasText("Claudia Wendt")))
			.containsText("Bedarfsmeldung 2027");
		screenshot("readme-reach-out");

		page.navigate(baseUrl() + "/events");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Fachtag Jugendhilfe Musterstadt")).click();
		page.waitForURL("**/events/**");
		assertThat(page.locator("table.ranking tr.attendee")).hasCount(7);
		assertThat(page.locator("table.ranking tr.attendee").first().locator("ul.reasons li").first()).not().isEmpty();
		assertThat(page.locator("table.plan tr.meeting")).hasCount(2);
		assertThat(page.locator("table.plan")).containsText("Claudia Wendt");
		assertThat(page.locator("table.plan")).containsText("Jonas Albrecht");
		screenshot("readme-event");

		page.navigate(baseUrl() + "/blog/demo");
		assertThat(page.locator(".site-title")).hasText("Aus dem Sozialwerk");
		assertThat(page.locator("article.post-card")).hasCount(3);
		assertThat(page.locator(".privacy-link")).isVisible();
		screenshot("readme-blog");
		page.locator("article.post-card h2 a", new Page.LocatorOptions().setHasText("Anmelden ohne Hürden")).click();
		assertThat(page.locator(".comment-list")).containsText("Frieda Lorenz");
		assertThat(page.locator(".comment-list li.comment[data-depth=\"2\"]")).containsText("Martin Scholz");
	}
}
