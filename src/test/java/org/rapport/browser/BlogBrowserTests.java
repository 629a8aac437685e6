package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

class BlogBrowserTests extends BrowserTest {

	@Test
	void aReaderCommentsTheTeamAnswersInTheInboxAndTheAnswerShowsUnderTheComment() {
		// The team writes a post in the editor, looks at the preview and publishes it.
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/blog/admin/new");
		page.getByLabel("Titel", new Page.GetByLabelOptions().setExact(true)).fill("Tag der offenen Tür");
		page.getByLabel("Text (Markdown)").fill("Am **Samstag** öffnen wir unsere Türen.\n\n- Führungen\n- Kuchen");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Vorschau")).click();
		assertThat(page.locator(".preview strong")).hasText("Samstag");
		assertThat(page.locator(".preview li")).hasCount(2);
		screenshot("blog-editor");
		page.getByLabel("Status").selectOption("published");
		page.getByLabel("Schlagwörter").fill("Verein, Fest");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Speichern")).click();
		assertThat(page.locator(".flash")).containsText("Beitrag gespeichert");
		String postUrl = page.getByText("Im Blog öffnen").getAttribute("href");
		assertThat(postUrl).startsWith("/blog/" + workspace.slug() + "/").endsWith("/tag-der-offenen-tuer");

		// A reader, without an account, comments; the consent is required.
		BrowserContext readerContext = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
			.setLocale("de-DE").setViewportSize(420, 900));
		try {
			Page reader = readerContext.newPage();
			reader.setDefaultTimeout(15_000);
			reader.onDialog(dialog -> {
				throw new AssertionError("A script ran: " + dialog.message());
			});
			reader.navigate(baseUrl() + postUrl);
			assertThat(reader.locator("h1")).hasText("Tag der offenen Tür");
			assertThat(reader.locator(".reading-time")).hasText("1 Min. Lesezeit");
			reader.locator("#c-name").fill("Mara Klein");
			reader.locator("#c-email").fill("mara@example.net");
			reader.locator("#c-text").fill("Gibt es auch Kaffee? <script>alert('x')</script>");
			reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kommentar senden")).click();
			assertThat(reader.locator(".field-error")).containsText("Bitte stimmen Sie zu");
			assertThat(reader.locator("#c-text")).hasValue("Gibt es auch Kaffee? <script>alert('x')</script>");
			reader.locator(".comment-form input[name=consent]").check();
			reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kommentar senden")).click();
			assertThat(reader.locator(".notice")).containsText("sobald das Team ihn freigegeben hat");
			assertThat(reader.locator(".comment")).hasCount(0);

			// The team finds it waiting on the blog's page in the back office.
			page.navigate(baseUrl() + "/blog/admin");
			assertThat(page.locator(".pending-comment")).containsText("Mara Klein");
			assertThat(page.locator(".pending-comment")).containsText("Tag der offenen Tür");
			screenshot("blog-admin");

			// The team answers in the inbox, where the comment arrived with the reader's consent.
			page.navigate(baseUrl() + "/inbox");
			page.getByText("Mara Klein").first().click();
			assertThat(page.locator(".msg-body").first()).containsText("Gibt es auch Kaffee?");
			assertThat(page.locator(".side")).containsText("blog_comment");
			page.locator("#composer-body").fill("Ja, Kaffee und Kuchen gibt es im Foyer.");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Senden")).click();
			assertThat(page.locator(".msg.reply")).containsText("Kaffee und Kuchen");

			// The answer appears under the comment on the blog, and the comment with it.
			Locator answer = reader.locator(".comment .team-reply");
			for (int i = 0; i < 50 && answer.count() == 0; i++) {
				reader.waitForTimeout(200);
				reader.navigate(baseUrl() + postUrl);
			}
			assertThat(answer).containsText("Ja, Kaffee und Kuchen gibt es im Foyer.");
			assertThat(answer.locator(".comment-author")).hasText("Olga Owner");
			assertThat(reader.locator(".comment-list > li > .comment-body")).hasText("Gibt es auch Kaffee? <script>alert('x')</script>");
			assertThat(reader.locator(".comments script")).hasCount(0);
			page.navigate(baseUrl() + "/blog/admin");
			assertThat(page.locator(".pending-comment")).hasCount(0);
			reader.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots", "blog-post.png"))
				.setFullPage(true));
		}
		finally {
			readerContext.close();
		}
	}
}
