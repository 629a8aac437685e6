package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;

/**
 * A note mentions a colleague by picking her name after "@"; she sees the bell count, opens the notification and
 * lands in the conversation; what is given to her while her page is open shows on the bell without a reload. On a
 * phone in English the notifications page fits and its settings save.
 */
class NotificationsBrowserTests extends BrowserTest {

	private String arrives(String id, String subject) {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", id, "threadKey", id,
				"from", Map.of("handle", id + "@example.org", "name", "Kim Frager"), "subject", subject, "body", "Hallo, eine Frage zu " + id));
		return api.get("/api/v1/conversations?q=" + id).json().get("items").get(0).get("id").asString();
	}

	private Member member(String name) {
		return members.add(workspace.id(), "m-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", name,
				PASSWORD, Role.AGENT);
	}

	private Page signedIn(Member m, String locale, int width, int height) {
		BrowserContext other = browser.newContext(new Browser.NewContextOptions().setLocale(locale).setViewportSize(width, height));
		Page p = other.newPage();
		p.setDefaultTimeout(15_000);
		p.navigate(baseUrl() + "/login");
		p.locator("input[name=username], input[type=email]").first().fill(m.email());
		p.locator("input[type=password]").first().fill(PASSWORD);
		p.locator("form button[type=submit]").first().click();
		p.waitForURL("**/inbox**");
		return p;
	}

	@Test
	void aMentionPickedAfterTheAtSignTellsTheColleagueWhoOpensItFromTheBell() {
		Member lena = member("Lena Vogt");
		String id = arrives("mentionone", "Anmeldung Sommerfest");
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/inbox/" + id);
		page.locator("input[name=kind][value=note]").check();
		page.locator("#composer-body").pressSequentially("Bitte übernehmen, @Le");
		assertThat(page.locator("#mentions")).isVisible();
		assertThat(page.locator("#mentions li.active")).hasText("@Lena Vogt");
		page.locator("#composer-body").press("Enter");
		assertThat(page.locator("#composer-body")).hasValue("Bitte übernehmen, @Lena Vogt ");
		assertThat(page.locator("#mentions")).isHidden();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden").setExact(true)).click();
		assertThat(page.locator(".thread")).containsText("Bitte übernehmen, @Lena Vogt");
		assertThat(page.locator(".msg.note mark.mention")).hasText("@Lena Vogt");

		Page lenas = signedIn(lena, "de-DE", 1400, 900);
		try {
			assertThat(lenas.locator("#notification-badge .chip")).hasText("1");
			lenas.locator("#notification-badge").click();
			assertThat(lenas.locator("#notification-list li.unread")).hasCount(1);
			assertThat(lenas.locator("#notification-list")).containsText("hat Sie in einer Notiz erwähnt");
			assertThat(lenas.locator("#notification-list")).containsText("Anmeldung Sommerfest");
			lenas.locator("#notification-list button.notification").first().click();
			lenas.waitForURL("**/inbox/" + id + "**");
			assertThat(lenas.locator("#notification-badge .chip")).hasCount(0);

			// given to her while her page is open: the bell counts it without a reload
			String other = arrives("mentiontwo", "Spendenquittung");
			Member colleague = member("Otto Anders");
			new Api(baseUrl(), tokens.create(new CurrentUser(colleague.userId(), colleague.email(), colleague.displayName(),
					workspace.id(), Role.AGENT, null), "assign").token())
				.patch("/api/v1/conversations/" + other, Map.of("assigneeId", lena.userId().toString()));
			assertThat(lenas.locator("#notification-badge .chip")).hasText("1",
					new LocatorAssertions.HasTextOptions().setTimeout(15_000));
			lenas.navigate(baseUrl() + "/notifications");
			assertThat(lenas.locator("#notification-list li.unread")).containsText("Otto Anders hat Ihnen ein Gespräch zugewiesen");
			lenas.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Alle als gelesen markieren")).click();
			assertThat(lenas.locator(".flash")).containsText("1 Benachrichtigungen als gelesen markiert");
			assertThat(lenas.locator("#notification-list li.unread")).hasCount(0);
		}
		finally {
			lenas.context().close();
		}
	}

	@Test
	void onAPhoneInEnglishTheNotificationsFitAndTheDigestCanBeChosen() {
		String id = arrives("phoneone", "Volunteering question");
		Member colleague = member("Otto Anders");
		new Api(baseUrl(), tokens.create(new CurrentUser(colleague.userId(), colleague.email(), colleague.displayName(),
				workspace.id(), Role.AGENT, null), "assign").token())
			.patch("/api/v1/conversations/" + id, Map.of("assigneeId", owner.userId().toString()));
		Page phone = phoneInEnglish();
		try {
			assertThat(phone.locator("#notification-badge .chip")).hasText("1");
			phone.locator("#notification-badge").click();
			assertThat(phone.locator("h1")).hasText("Notifications");
			assertThat(phone.locator("#notification-list")).containsText("Otto Anders gave you a conversation");
			assertThat(phone.locator("#notification-list")).containsText("Volunteering question");
			assertThat(fitsWidth(phone)).isTrue();
			phone.getByLabel("Daily digest by mail").check();
			phone.locator("#notification-settings button[type=submit]").click();
			assertThat(phone.locator(".flash")).containsText("Saved");
			assertThat(phone.getByLabel("Daily digest by mail")).isChecked();
			assertThat(phone.locator("#browser-notifications")).isVisible();
			phone.locator("#notification-list button.notification").first().click();
			phone.waitForURL("**/inbox/" + id + "**");
		}
		finally {
			phone.context().close();
		}
	}
}
