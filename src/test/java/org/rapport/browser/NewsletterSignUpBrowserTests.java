package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** A visitor signs up for the newsletter of a blog whose workspace has no mailbox: a page in words, and a way back. */
class NewsletterSignUpBrowserTests extends BrowserTest {

	private String publishedPost() {
		api.post("/api/v1/blog/posts", Map.of("title", "Tag der offenen Tür", "markdown", "Text", "status", "published"));
		return "/blog/" + workspace.slug();
	}

	private Response signUp(Page visitor, String address) {
		visitor.locator("#nl-email").fill(address);
		visitor.locator(".newsletter input[name=consent]").check();
		return visitor.waitForResponse(r -> r.url().endsWith("/newsletter") && r.request().method().equals("POST"),
				() -> visitor.locator(".newsletter button[type=submit]").click());
	}

	@Test
	void withoutAMailboxTheVisitorReadsWhyAndFindsTheWayBack() {
		String home = publishedPost();
		for (String locale : new String[] { "de-DE", "en-GB" }) {
			BrowserContext visitorContext = browser.newContext(new Browser.NewContextOptions().setLocale(locale)
				.setViewportSize(360, 740));
			try {
				Page visitor = visitorContext.newPage();
				visitor.navigate(baseUrl() + home);
				Response answer = signUp(visitor, "leser@example.net");
				assertThat(answer.status()).isEqualTo(503);
				boolean german = locale.startsWith("de");
				assertThat(visitor.locator("h1")).hasText("Newsletter");
				assertThat(visitor.locator("main")).containsText(german ? "Die Anmeldung ist gerade nicht möglich"
						: "Signing up is not possible right now");
				assertThat(visitor.locator("main")).not().containsText("503");
				assertThat(visitor.locator("main")).not().containsText(java.util.regex.Pattern.compile("\\b400\\b"));
				assertThat(visitor.locator("html")).hasAttribute("lang", german ? "de" : "en");
				visitor.screenshot(new Page.ScreenshotOptions()
					.setPath(java.nio.file.Paths.get("target/screenshots", "newsletter-unavailable-" + locale + ".png")));
				visitor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
					.setName(german ? "Zurück zu „" : "Back to “")).click();
				visitor.waitForURL("**" + home);
				assertThat(visitor.locator("h1, h2").first()).isVisible();
				assertThat(visitor.locator("#nl-email")).isVisible();
			}
			finally {
				visitorContext.close();
			}
		}
		assertThat(jdbc.sql("select count(*) from newsletter_subscribers where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).as("nothing stored for a sign-up that cannot be confirmed").isZero();
		assertThat(jdbc.sql("select count(*) from identities where workspace_id = ? and value = 'leser@example.net'")
			.param(workspace.id()).query(Integer.class).single()).isZero();
	}

	@Test
	void aMistypedAddressIsExplainedWithTheWayBack() {
		String home = publishedPost();
		Page visitor = page;
		visitor.navigate(baseUrl() + home);
		visitor.locator("#nl-email").evaluate("e => e.type = 'text'");
		Response answer = signUp(visitor, "kein-at-zeichen");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(visitor.locator("main")).containsText("Das ist keine gültige E-Mail-Adresse.");
		assertThat(visitor.locator("main")).not().containsText(java.util.regex.Pattern.compile("\\b400\\b"));
		assertThat(visitor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Zurück zu „"))).isVisible();
	}
}
