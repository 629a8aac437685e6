package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** A video or map in a post is a two-click embed: the page makes no request to the provider before the click. */
class BlogEmbedBrowserTests extends BrowserTest {

	@Test
	void loadsNothingFromTheProviderBeforeTheReaderClicks() {
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Unser Sommerfest im Film", "status", "published",
				"markdown", "Hier der Film vom Fest:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
						+ "Und so finden Sie uns:\n\nhttps://www.openstreetmap.org/#map=17/52.52000/13.40500\n"));
		assertThat(created.status()).isEqualTo(201);
		String path = URI.create(created.json().get("url").asString()).getPath();

		List<String> requests = new CopyOnWriteArrayList<>();
		page.onRequest(request -> requests.add(request.url()));
		page.route("https://www.youtube-nocookie.com/**", route -> route.fulfill(
				new com.microsoft.playwright.Route.FulfillOptions().setStatus(200).setContentType("text/html").setBody("<p>player</p>")));
		page.navigate(baseUrl() + path);
		assertThat(page.locator("figure.embed")).hasCount(2);
		assertThat(page.locator("figure.embed").first()).containsText("YouTube");
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
		assertThat(requests).noneMatch(url -> url.contains("youtube") || url.contains("openstreetmap.org"));

		page.locator("figure.embed button").first().click();
		assertThat(page.locator("figure.embed iframe")).hasAttribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
		// The player comes from the provider (answered by the route above) only now, after the click. Its content is
		// the proof: Chromium reports a site-isolated frame's request to page.onRequest only sometimes.
		assertThat(page.frameLocator("figure.embed iframe").locator("p")).hasText("player");
		assertThat(requests).noneMatch(url -> url.contains("openstreetmap.org"));
		page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots/blog-embed.png")));
	}
}
