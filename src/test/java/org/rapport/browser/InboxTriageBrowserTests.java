package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;

/** Triage at speed: several conversations done at once and undone, one's own unread state, its count in the title. */
class InboxTriageBrowserTests extends BrowserTest {

	private void arrives(String externalId, String subject) {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", externalId,
				"from", Map.of("handle", externalId + "@example.org"), "subject", subject, "body", "Hallo"))));
	}

	private Locator row(String subject) {
		return page.locator("#conv-list li", new Page.LocatorOptions().setHasText(subject));
	}

	@Test
	void threeConversationsAreDoneAtOnceAndUndone() {
		arrives("t-1", "Erste Anfrage");
		arrives("t-2", "Zweite Anfrage");
		arrives("t-3", "Dritte Anfrage");
		arrives("t-4", "Vierte Anfrage");
		logIn(ownerEmail, PASSWORD);
		assertThat(page.locator("#bulk-actions")).isHidden();

		row("Erste Anfrage").locator("input[name=ids]").check();
		row("Zweite Anfrage").locator("input[name=ids]").check();
		// x ticks the row the keyboard is on: j moves to the newest (Vierte), then on to Dritte
		page.locator("body").click(new Locator.ClickOptions().setPosition(1, 1));
		page.keyboard().press("j");
		page.keyboard().press("j");
		page.keyboard().press("x");
		assertThat(row("Dritte Anfrage").locator("input[name=ids]")).isChecked();
		assertThat(page.locator("#bulk-count")).hasText("3 ausgewählt");
		// ticked rows stay ticked while the list refreshes itself
		page.waitForTimeout(2500);
		assertThat(row("Zweite Anfrage").locator("input[name=ids]")).isChecked();
		assertThat(row("Vierte Anfrage").locator("input[name=ids]")).not().isChecked();

		page.locator("#bulk-done").click();
		assertThat(page.locator("#bulk-flash")).containsText("3 Konversationen erledigt.");
		assertThat(page.locator("#conv-list")).containsText("Vierte Anfrage");
		assertThat(page.locator("#conv-list")).not().containsText("Erste Anfrage");
		assertThat(page.locator("#conv-list")).not().containsText("Dritte Anfrage");

		page.locator("#bulk-flash").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Locator.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator(".flash")).containsText("Rückgängig gemacht");
		for (String subject : List.of("Erste Anfrage", "Zweite Anfrage", "Dritte Anfrage", "Vierte Anfrage")) {
			assertThat(page.locator("#conv-list")).containsText(subject);
		}
	}

	@Test
	void openingReadsAConversationMarkUnreadMakesItUnreadAgainAndTheTitleCountsThem() {
		arrives("m-1", "Frage zum Termin");
		arrives("m-2", "Frage zur Anfahrt");
		logIn(ownerEmail, PASSWORD);
		assertThat(page).hasTitle(Pattern.compile("^\\(2\\) "));
		assertThat(row("Frage zum Termin")).hasClass(Pattern.compile("\\bunread\\b"));
		assertThat(row("Frage zum Termin").locator(".sr-only")).hasText("ungelesen:");

		row("Frage zum Termin").locator("a").click();
		assertThat(page.locator(".thread h1")).hasText("Frage zum Termin");
		assertThat(page).hasTitle(Pattern.compile("^\\(1\\) "));
		assertThat(row("Frage zum Termin")).not().hasClass(Pattern.compile("\\bunread\\b"));

		page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Als ungelesen markieren")).click();
		assertThat(page.locator(".flash")).containsText("Als ungelesen markiert.");
		assertThat(page).hasTitle(Pattern.compile("^\\(2\\) "));
		assertThat(row("Frage zum Termin")).hasClass(Pattern.compile("\\bunread\\b"));

		page.locator("#view-unread").click();
		assertThat(page.locator("#conv-list li")).hasCount(2);
		// done with e from the unread view: the list of what is unread for me decides what opens next
		row("Frage zur Anfahrt").locator("a").click();
		assertThat(page.locator(".thread h1")).hasText("Frage zur Anfahrt");
		// the keys work once the page's script ran: the heading alone can stand before that on a loaded machine
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.keyboard().press("e");
		assertThat(page.locator(".flash")).containsText("Konversation erledigt.");
	}

	@Test
	void onAPhoneInEnglishTheBulkBarFitsAndViewersSeeNoBulkControls() {
		arrives("p-1", "Phone question");
		arrives("p-2", "Another phone question");
		BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB").setViewportSize(360, 740));
		try {
			Page p = phone.newPage();
			p.navigate(baseUrl() + "/login");
			p.getByLabel("Email").fill(ownerEmail);
			p.getByLabel("Password").fill(PASSWORD);
			p.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
			p.waitForURL("**/inbox**");
			p.locator("#select-all").check();
			assertThat(p.locator("#bulk-count")).hasText("2 selected");
			assertThat(p.locator("#bulk-snooze option").first()).containsText("Later today (until");
			org.assertj.core.api.Assertions.assertThat(fitsWidth(p)).as("no sideways scrolling").isTrue();
			p.locator("#bulk-snooze").selectOption("tomorrow");
			p.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Snooze")).click();
			assertThat(p.locator("#bulk-flash")).containsText("2 conversations changed.");
			assertThat(p.locator("#conv-list")).not().containsText("Phone question");
		}
		finally {
			phone.close();
		}

		String viewer = "viewer-" + UUID.randomUUID() + "@example.org";
		members.add(workspace.id(), viewer, "Vera Viewer", PASSWORD, Role.VIEWER);
		logIn(viewer, PASSWORD);
		page.navigate(baseUrl() + "/inbox?status=all");
		assertThat(page.locator("#conv-list li").first()).isVisible();
		assertThat(page.locator("#bulk-form")).hasCount(0);
		assertThat(page.locator("#conv-list input[name=ids]")).hasCount(0);
		page.locator("#conv-list li a").first().click();
		assertThat(page.locator("#form-unread")).isVisible();
	}
}
