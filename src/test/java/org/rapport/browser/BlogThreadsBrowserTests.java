package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/**
 * Readers answer each other without any script, and a commenter deletes their own comment with the link shown after
 * commenting; the team writes a page, fills in an author profile and inserts an uploaded image in the editor.
 */
class BlogThreadsBrowserTests extends BrowserTest {

	@Test
	void aReaderAnswersACommentWithoutScriptAndTheCommenterDeletesTheirOwn() {
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Flohmarkt", "markdown", "Am Sonntag.", "status", "published")).json();
		String postPath = java.net.URI.create(created.get("url").asString()).getPath();
		var browserContext = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
			.setLocale("de-DE").setJavaScriptEnabled(false).setViewportSize(420, 900));
		try {
			Page reader = browserContext.newPage();
			reader.setDefaultTimeout(15_000);
			reader.navigate(baseUrl() + postPath);
			reader.locator("#c-name").fill("Mara Klein");
			reader.locator("#c-email").fill("mara@example.net");
			reader.locator("#c-text").fill("Gibt es Kuchen?");
			reader.locator(".comment-form input[name=consent]").check();
			reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kommentar senden")).click();
			assertThat(reader.locator(".notice").first()).containsText("freigegeben");
			String manage = reader.locator(".manage-link").getAttribute("href");
			String first = api.get("/api/v1/blog/comments").json().get("items").get(0).get("id").asString();
			api.post("/api/v1/blog/comments/" + first + "/approve", Map.of());

			// Another reader answers through the comment's reply link.
			Page other = browserContext.newPage();
			other.navigate(baseUrl() + postPath);
			other.locator("#c-" + first + " .reply-link").click();
			assertThat(other.locator(".comment-form h3")).hasText("Antwort an Mara Klein");
			other.locator("#c-name").fill("Tom Berger");
			other.locator("#c-email").fill("tom@example.org");
			other.locator("#c-text").fill("Ja, drei Sorten!");
			other.locator(".comment-form input[name=consent]").check();
			other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kommentar senden")).click();
			String reply = api.get("/api/v1/blog/comments").json().get("items").get(0).get("id").asString();
			assertThat(api.get("/api/v1/blog/comments").json().get("items").get(0).get("parentId").asString()).isEqualTo(first);
			api.post("/api/v1/blog/comments/" + reply + "/approve", Map.of());
			other.navigate(baseUrl() + postPath);
			assertThat(other.locator("#c-" + first + " .replies #c-" + reply + " .comment-body")).hasText("Ja, drei Sorten!");
			other.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots", "blog-thread.png")).setFullPage(true));

			// Mara changes her mind: the link asks once, then her comment is gone and Tom's answer stays.
			reader.navigate(baseUrl() + manage);
			assertThat(reader.locator("blockquote")).hasText("Gibt es Kuchen?");
			reader.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Kommentar löschen und Einwilligung widerrufen")).click();
			assertThat(reader.locator("h1")).hasText("Ihr Kommentar wurde gelöscht und Ihre Einwilligung widerrufen.");
			reader.navigate(baseUrl() + postPath);
			assertThat(reader.locator("#c-" + first + " > .comment-deleted")).containsText("gelöscht");
			assertThat(reader.locator(".comments")).not().containsText("Gibt es Kuchen?");
			assertThat(reader.locator("#c-" + reply + " .comment-body")).hasText("Ja, drei Sorten!");
			reader.navigate(baseUrl() + manage.replace("?t=", "?t=x"));
			assertThat(reader.locator("h1")).containsText("Dieser Link ist nicht gültig");
		}
		finally {
			browserContext.close();
		}
	}

	@Test
	void theTeamWritesAPageEditsItsProfileAndInsertsAnUploadedImage() throws Exception {
		api.post("/api/v1/blog/posts", Map.of("title", "Start", "markdown", "Los geht's.", "status", "published"));
		logIn(ownerEmail, PASSWORD);

		// A page, published from the editor, appears in the blog's navigation.
		page.navigate(baseUrl() + "/blog/admin");
		page.getByText("Neue Seite").click();
		page.getByLabel("Titel", new Page.GetByLabelOptions().setExact(true)).fill("Impressum");
		page.getByLabel("Text (Markdown)").fill("Verein Nord e. V.");
		page.getByLabel("Status").selectOption("published");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Speichern")).click();
		assertThat(page.locator(".flash")).containsText("Seite gespeichert");
		page.navigate(baseUrl() + "/blog/" + workspace.slug());
		assertThat(page.locator(".site-nav")).containsText("Impressum");

		// The image upload inserts its Markdown line into the post's text.
		Path image = Files.createTempFile("foto", ".png");
		byte[] png = Arrays.copyOf(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, 512);
		Files.write(image, png);
		page.navigate(baseUrl() + "/blog/admin/new");
		page.getByLabel("Text (Markdown)").fill("Unser Fest:");
		page.locator("#media-file").setInputFiles(image);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hochladen und einfügen")).click();
		assertThat(page.locator("#p-markdown")).hasValue(java.util.regex.Pattern.compile("Unser Fest:\\n\\n!\\[foto\\d*\\]\\(http.*/blog/"
				+ workspace.slug() + "/media/[0-9a-f-]{36}\\.png\\)\\n\\n"));
		screenshot("blog-editor-image");

		// The author profile, with a photo, shows in the box under posts.
		page.navigate(baseUrl() + "/blog/admin#authors");
		page.getByText("Autorenprofil bearbeiten").first().click();
		page.getByLabel("Über mich (ein paar Sätze)").fill("Ich kümmere mich um den Blog.");
		page.locator("#a-photo").setInputFiles(image);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Speichern")).click();
		assertThat(page.locator(".flash")).containsText("Autorenprofil gespeichert");
		page.navigate(baseUrl() + "/blog/" + workspace.slug() + "/author/olga-owner");
		assertThat(page.locator(".author-bio")).hasText("Ich kümmere mich um den Blog.");
		assertThat(page.locator(".author-box img.avatar").getAttribute("src")).startsWith("/blog/" + workspace.slug() + "/media/");
	}
}
