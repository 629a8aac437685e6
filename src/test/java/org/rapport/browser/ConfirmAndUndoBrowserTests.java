package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Deleting a blog comment asks once more with a readable button; deleted segments and organisations come back. */
class ConfirmAndUndoBrowserTests extends BrowserTest {

	/** The WCAG contrast ratio of an element's text against the first background behind it that is not transparent. */
	private static final String CONTRAST = """
			el => {
			  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
			  const lum = c => rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
			    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
			  let e = el, bg = getComputedStyle(e).backgroundColor;
			  while (/rgba\\(.*, 0\\)$/.test(bg) && e.parentElement) { e = e.parentElement; bg = getComputedStyle(e).backgroundColor; }
			  const a = lum(getComputedStyle(el).color), b = lum(bg);
			  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			}""";

	private double contrast(Locator element) {
		return ((Number) element.evaluate(CONTRAST)).doubleValue();
	}

	@Test
	void deletingABlogCommentAsksOnceMoreWithButtonsThatCanBeRead() {
		readerComments("Mara Klein", "mara@example.net", "Gibt es auch Kaffee?");
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/blog/admin");
		Locator comment = page.locator(".pending-comment");
		Locator delete = comment.locator("summary", new Locator.LocatorOptions().setHasText("Löschen"));
		assertThat(contrast(delete)).as("contrast of 'Löschen'").isGreaterThanOrEqualTo(4.5);
		delete.hover();
		assertThat(contrast(delete)).as("contrast of 'Löschen' under the pointer").isGreaterThanOrEqualTo(4.5);

		delete.click();
		Locator forGood = comment.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Endgültig löschen"));
		assertThat(comment).containsText("Den Kommentar von Mara Klein endgültig löschen?");
		assertThat(contrast(forGood)).isGreaterThanOrEqualTo(4.5);
		assertThat(jdbc.sql("select status from blog_comments where workspace_id = ?").param(workspace.id())
			.query(String.class).single()).as("opening the question deletes nothing").isEqualTo("pending");
		screenshot("blog-comment-delete-confirm");
		forGood.click();
		assertThat(page.locator(".flash")).containsText("Der Kommentar wurde aus dem Blog gelöscht.");
		assertThat(page.locator(".pending-comment")).hasCount(0);
		assertThat(jdbc.sql("select status from blog_comments where workspace_id = ?").param(workspace.id())
			.query(String.class).single()).isEqualTo("deleted");
	}

	@Test
	void theDeleteQuestionIsAskedInEnglishToo() {
		api.post("/api/v1/blog/posts", Map.of("title", "Open day", "markdown", "Text", "status", "published"));
		jdbc.sql("""
				insert into blog_comments(id, workspace_id, post_id, author_name, body_text, body_html, status, created_at)
				select gen_random_uuid(), workspace_id, id, 'Mara Klein', 'Coffee?', '<p>Coffee?</p>', 'pending', now()
				from blog_posts where workspace_id = ?""").param(workspace.id()).update();
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/blog/admin?lang=en");
		page.locator(".pending-comment summary").click();
		assertThat(page.locator(".pending-comment")).containsText("Delete the comment by Mara Klein for good?");
		assertThat(page.locator(".pending-comment").getByRole(AriaRole.BUTTON,
				new Locator.GetByRoleOptions().setName("Delete for good"))).isVisible();
	}

	@Test
	void aDeletedSegmentComesBackUnderItsOldAddress() {
		String id = api.post("/api/v1/segments", Map.of("name", "Presse", "filter", Map.of("tags", List.of("presse"))))
			.json().get("id").asString();
		logIn(ownerEmail, PASSWORD);
		page.setViewportSize(360, 740);
		page.navigate(baseUrl() + "/contacts");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Segment Presse löschen")).click();
		Locator undo = page.locator("#segment-undo");
		assertThat(undo).containsText("Segment „Presse“ gelöscht.");
		assertThat(undo).isInViewport();
		assertThat(api.get("/api/v1/segments/" + id).status()).isEqualTo(404);
		undo.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator(".flash").first()).containsText("Segment wiederhergestellt.");
		assertThat(page.locator("#segment-list")).containsText("Presse");
		assertThat(api.get("/api/v1/segments/" + id).json().get("filter").get("tags").get(0).asString()).isEqualTo("presse");
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/contacts\\?segment=" + id + "$"));
	}

	@Test
	void aDeletedOrganisationComesBackWithItsPeople() {
		String org = api.post("/api/v1/organisations", Map.of("name", "Tageblatt", "kind", "press")).json().get("id").asString();
		String petra = api.post("/api/v1/contacts", Map.of("name", "Petra Presse")).json().get("id").asString();
		api.post("/api/v1/organisations/" + org + "/members", Map.of("contactId", petra, "role", "Pressesprecherin"));
		logIn(ownerEmail, PASSWORD);
		page.navigate(baseUrl() + "/organisations/" + org);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Organisation löschen")).click();
		assertThat(page.locator("#org-undo")).containsText("Organisation „Tageblatt“ gelöscht.");
		page.locator("#org-undo").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rückgängig")).click();
		assertThat(page.locator("h1")).hasText("Tageblatt");
		assertThat(page.locator("main")).containsText("Petra Presse");
	}
}
