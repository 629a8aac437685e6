package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;

/** Two people in one inbox: the collision warning, and the keyboard shortcuts. */
class CollaborationBrowserTests extends BrowserTest {

	void someMessages() {
		api.post("/api/v1/messages", Map.of("messages", List.of(
				Map.of("channel", "api", "externalId", "k1", "from", Map.of("handle", "eins@example.org", "name", "Anna Eins"),
						"subject", "Erste Frage", "body", "Eins", "sentAt", "2026-05-04T10:00:00Z"),
				Map.of("channel", "api", "externalId", "k2", "from", Map.of("handle", "zwei@example.org", "name", "Bernd Zwei"),
						"subject", "Zweite Frage", "body", "Zwei", "sentAt", "2026-05-04T09:00:00Z"))));
	}

	@Test
	void warnsWhenAColleagueHasTheSameConversationOpenAndIsWriting() {
		someMessages();
		String colleague = "kollegin-" + UUID.randomUUID() + "@example.org";
		members.add(workspace.id(), colleague, "Kim Kollegin", "kollegin password", Role.AGENT);
		logIn(ownerEmail, PASSWORD);
		page.getByText("Erste Frage").click();

		BrowserContext other = browser.newContext(new Browser.NewContextOptions().setLocale("de-DE"));
		try {
			Page second = other.newPage();
			second.navigate(baseUrl() + "/login");
			second.locator("#username").fill(colleague);
			second.locator("#password").fill("kollegin password");
			second.locator("form button[type=submit]").click();
			second.waitForURL("**/inbox**");
			second.getByText("Erste Frage").click();
			assertThat(second.locator("#collision")).containsText("Olga Owner sieht sich diese Konversation gerade an",
					new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
			second.locator("#composer-body").fill("Ich antworte gleich");
			assertThat(page.locator("#collision")).containsText("Kim Kollegin schreibt gerade eine Antwort",
					new LocatorAssertions.ContainsTextOptions().setTimeout(25_000));
		}
		finally {
			other.close();
		}
	}

	@Test
	void worksTheInboxFromTheKeyboard() {
		someMessages();
		logIn(ownerEmail, PASSWORD);
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.keyboard().press("?");
		assertThat(page.locator("#kbd-help")).isVisible();
		page.keyboard().press("Escape");
		assertThat(page.locator("#kbd-help")).isHidden();
		page.keyboard().press("j");
		page.keyboard().press("j");
		page.keyboard().press("Enter");
		assertThat(page.locator(".thread h1")).hasText("Zweite Frage");
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.keyboard().press("r");
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "composer-body".equals(focused()));
		page.keyboard().type("Danke, erledigt.");
		page.keyboard().press("Control+Enter");
		assertThat(page.locator(".msg.reply")).containsText("Danke, erledigt.");
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.keyboard().press("e");
		assertThat(page.locator(".flash")).containsText("Konversation erledigt");
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.keyboard().press("/");
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> "search".equals(focused()));
	}

	/** The id of the element with the keyboard focus (headless pages without window focus report no focus state). */
	String focused() {
		return (String) page.evaluate("() => document.activeElement ? document.activeElement.id : ''");
	}
}
