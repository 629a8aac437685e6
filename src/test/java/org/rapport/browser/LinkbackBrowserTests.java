package org.rapport.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;

class LinkbackBrowserTests extends BrowserTest {

	@Test
	void theTeamSeesAMentionUnderThePostAndHidesAndDeletesIt() throws IOException {
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Sommerfest", "markdown", "Wir feiern.",
				"status", "published")).json();
		String postPath = URI.create(created.get("url").asString()).getPath();
		HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String html = "<html><head><title>Nachbarschaftsblog</title></head><body><p>Wir gehen hin: <a href=\""
				+ baseUrl() + postPath + "\">Sommerfest</a>!</p></body></html>";
		other.createContext("/fest", exchange -> {
			byte[] body = html.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		other.start();
		try {
			String source = "http://127.0.0.1:" + other.getAddress().getPort() + "/fest";
			Api.Response accepted = new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + "/blog/"
					+ workspace.slug() + "/webmention"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("source=" + java.net.URLEncoder.encode(source, StandardCharsets.UTF_8)
						+ "&target=" + java.net.URLEncoder.encode(baseUrl() + postPath, StandardCharsets.UTF_8))));
			org.assertj.core.api.Assertions.assertThat(accepted.status()).isEqualTo(202);
			await().until(() -> new Api(baseUrl(), null).get(postPath).body().contains("Nachbarschaftsblog"));

			page.navigate(baseUrl() + postPath);
			assertThat(page.locator(".linkback")).containsText("Wir gehen hin: Sommerfest!");
			assertThat(page.locator(".linkback .badge")).hasText("Webmention");

			logIn(ownerEmail, PASSWORD);
			page.navigate(baseUrl() + "/blog/admin");
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Linkbacks")).click();
			assertThat(page.locator(".linkback-row")).containsText("Nachbarschaftsblog");
			assertThat(page.locator(".linkback-row")).containsText("Angezeigt");
			assertThat(page.locator(".linkback-row")).containsText("Im Posteingang");
			screenshot("blog-linkbacks");

			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ausblenden")).click();
			assertThat(page.locator(".flash")).containsText("nicht mehr unter dem Beitrag");
			assertThat(page.locator(".linkback-row")).containsText("Ausgeblendet");
			page.navigate(baseUrl() + postPath);
			assertThat(page.locator(".linkback")).hasCount(0);

			page.navigate(baseUrl() + "/blog/admin/linkbacks");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Löschen")).click();
			assertThat(page.locator(".flash")).containsText("gelöscht");
			assertThat(page.locator(".linkback-row")).hasCount(0);
			assertThat(page.locator("#received")).containsText("Noch keine Linkbacks");
		}
		finally {
			other.stop(0);
		}
	}
}
