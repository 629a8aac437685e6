package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import org.junit.jupiter.api.Test;

/** An open inbox shows what arrives without a reload, and the tab's title counts the unread conversations. */
class LiveInboxBrowserTests extends BrowserTest {

	private void arrives(String id, String subject) {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", id,
				"from", Map.of("handle", id + "@example.org"), "subject", subject, "body", "Hallo"))));
	}

	@Test
	void aMessageArrivingWhileTheInboxIsOpenAppearsWithinSecondsAndTheTitleCountsIt() {
		arrives("live-1", "Erste Frage");
		logIn(ownerEmail, PASSWORD);
		assertThat(page).hasTitle(Pattern.compile("^\\(1\\) "));
		page.getByText("Erste Frage").click();
		// opened, so read: nothing unread
		assertThat(page).hasTitle(Pattern.compile("^[^(]"));

		arrives("live-2", "Zweite Frage, ganz neu");
		assertThat(page.locator("#conv-list")).containsText("Zweite Frage, ganz neu",
				new LocatorAssertions.ContainsTextOptions().setTimeout(4000));
		assertThat(page).hasTitle(Pattern.compile("^\\(1\\) "), new PageAssertions.HasTitleOptions().setTimeout(4000));
		assertThat(page.locator("#conv-list li.unread")).containsText("Zweite Frage, ganz neu");
		assertThat(page.locator("#conv-list li.selected")).containsText("Erste Frage");
		assertThat(page.locator(".thread h1")).hasText("Erste Frage");
	}
}
