package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** A simulated storm raises the banner on every page; the alert page shows why and is acknowledged; on a phone too. */
class StormWarningBrowserTests extends BrowserTest {

	private String apiChannel() {
		for (JsonNode c : api.get("/api/v1/channels").json().path("items")) {
			if ("api".equals(c.path("kind").asString())) {
				return c.get("id").asString();
			}
		}
		throw new AssertionError("no API channel");
	}

	@Test
	void aSimulatedStormRaisesTheBannerAndIsAcknowledged() {
		String channelId = apiChannel();
		logIn(ownerEmail, PASSWORD);
		assertThat(page.locator(".storm-banner")).hasCount(0);
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Echtheit")).click();
		page.locator("#storm-alerts-link").click();
		assertThat(page.locator("h1")).hasText("Frühwarnung vor Shitstorms");
		assertThat(page.locator("#storm-alerts")).containsText("Keine Shitstorm-Warnungen");

		page.locator("#simulate-" + channelId).click();
		assertThat(page.locator("h1")).containsText("Shitstorm-Warnung:");
		assertThat(page.locator("#storm-banner")).isVisible();
		assertThat(page.locator("#storm-banner")).containsText("Personen schreiben negativ");
		assertThat(page.locator("#storm-share")).containsText("% der Nachrichten waren negativ");
		assertThat(page.locator("#storm-growth")).containsText("Wachstum");
		assertThat(page.locator("#storm-messages > li").first()).containsText("Im Posteingang antworten");
		screenshot("storm-alert");

		// The banner is on every back-office page and leads to the alert.
		page.navigate(baseUrl() + "/contacts");
		assertThat(page.locator("#storm-banner")).isVisible();
		page.navigate(baseUrl() + "/inbox");
		assertThat(page.locator("#storm-banner")).isVisible();
		page.locator("#storm-banner a").click();
		assertThat(page.locator("#storm-state")).hasText("offen");

		// The prepared response: each message leads to its conversation in the inbox.
		String reply = page.locator("#storm-messages a").first().getAttribute("href");
		assertThat(reply).startsWith("/inbox/");

		page.locator("#storm-acknowledge").click();
		assertThat(page.locator(".flash[role=status]")).containsText("zur Kenntnis genommen");
		assertThat(page.locator("#storm-state")).containsText("Zur Kenntnis genommen");
		assertThat(page.locator(".storm-banner")).hasCount(0);
		page.navigate(baseUrl() + "/inbox");
		assertThat(page.locator(".storm-banner")).hasCount(0);
	}

	@Test
	void theBannerAndTheAlertFitAPhoneInEnglish() {
		String channelId = apiChannel();
		var simulated = api.post("/api/v1/channels/" + channelId + "/storm-simulation", Map.of("people", 15));
		assertThat(simulated.status()).isEqualTo(201);
		String alertId = simulated.json().get("alert").get("id").asString();
		Page small = phoneInEnglish();
		try {
			assertThat(small.locator("#storm-banner")).containsText("Storm warning on");
			assertThat(overflow(small)).isLessThanOrEqualTo(0);
			small.locator("#storm-banner a").click();
			small.waitForURL("**/authenticity/alerts/" + alertId);
			assertThat(small.locator("#storm-figures")).containsText("different people wrote negatively");
			assertThat(overflow(small)).isLessThanOrEqualTo(0);
			small.screenshot(new Page.ScreenshotOptions().setFullPage(true)
				.setPath(java.nio.file.Paths.get("target/screenshots", "storm-alert-phone.png")));
			small.navigate(baseUrl() + "/authenticity/alerts");
			assertThat(small.locator("#storm-alert-list")).containsText("open");
			assertThat(overflow(small)).isLessThanOrEqualTo(0);
		}
		finally {
			small.context().close();
		}
	}

	private static int overflow(Page page) {
		page.waitForLoadState();
		return ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue();
	}
}
