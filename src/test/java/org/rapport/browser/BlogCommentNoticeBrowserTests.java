package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * A blog comment waiting for approval says, before anyone answers it in the inbox, that an answer publishes it, and
 * can be approved or marked as spam right there.
 */
class BlogCommentNoticeBrowserTests extends BrowserTest {

	@Test
	void answeringAWaitingCommentSaysItPublishesItAndItCanBeApprovedInTheConversation() {
		readerComments("Mia Lorenz", "mia@example.org", "Gibt es dort auch Kinderbetreuung?");
		logIn(ownerEmail, PASSWORD);
		page.getByText("Kinderbetreuung").first().click();
		assertThat(page.locator("#composer-notice")).containsText("Eine Antwort gibt ihn frei");
		String conversation = page.url();

		page.locator("#composer-notice").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
			.setName("Freigeben")).click();
		page.waitForURL(conversation.replaceFirst("\\?.*", "") + "**");
		assertThat(page.locator(".flash")).isVisible();
		assertThat(page.locator("#composer-notice")).hasCount(0);
		page.navigate(baseUrl() + "/blog/admin");
		assertThat(page.locator("#pending")).not().containsText("Kinderbetreuung");
	}

	@Test
	void aWaitingCommentIsMarkedAsSpamFromTheConversationInEnglish() {
		readerComments("Spam Bot", "bot@example.org", "Cheap watches here");
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/inbox?lang=en");
		page.getByText("Cheap watches").first().click();
		assertThat(page.locator("#composer-notice")).containsText("Answering it approves it");
		page.locator("#composer-notice").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
			.setName("Spam")).click();
		assertThat(page.locator("#composer-notice")).hasCount(0);
	}
}
