package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;

/** Static pages: written through the API, public once published, in the navigation; the privacy page is linked. */
class BlogPagesIntegrationTests extends BlogTestSupport {

	@Test
	void aPublishedPageIsInTheNavigationAndDraftsAreNot() {
		JsonNode post = publish("Erster Beitrag", "Hallo.");
		Api.Response created = api.post("/api/v1/blog/pages", Map.of("title", "Über uns", "markdown", "# Wer wir sind\n\nEin Verein.",
				"status", "draft"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		String url = created.json().get("url").asString();
		assertThat(url).endsWith("/blog/" + workspace.slug() + "/page/ueber-uns");
		String pagePath = URI.create(url).getPath();
		assertThat(read(pagePath).status()).isEqualTo(404);
		assertThat(Jsoup.parse(read(path(post)).body()).select(".site-nav a[href=" + pagePath + "]")).isEmpty();

		Api.Response patched = api.patch("/api/v1/blog/pages/" + id, Map.of("status", "published", "title", "Über den Verein"));
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("slug").asString()).as("the address stays when the title changes").isEqualTo("ueber-uns");
		Document page = Jsoup.parse(read(pagePath).body());
		assertThat(page.select("h1").first().text()).isEqualTo("Über den Verein");
		assertThat(page.select(".content h2").text()).isEqualTo("Wer wir sind");
		assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo(url);
		assertThat(Jsoup.parse(read(path(post)).body()).select(".site-nav a[href=" + pagePath + "]").text()).isEqualTo("Über den Verein");
		assertThat(read("/blog/" + workspace.slug() + "/sitemap.xml").body()).contains("<loc>" + url + "</loc>");

		JsonNode listed = api.get("/api/v1/blog/pages").json().get("items");
		assertThat(listed).hasSize(1);
		assertThat(api.get("/api/v1/blog/pages/" + id).json().get("markdown").asString()).startsWith("# Wer wir sind");
		assertThat(api.post("/api/v1/blog/pages", Map.of("title", "X", "status", "scheduled")).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/blog/pages", Map.of("markdown", "ohne Titel")).status()).isEqualTo(400);
		assertThat(new Api(baseUrl(), null).post("/api/v1/blog/pages", Map.of("title", "X")).status()).isEqualTo(401);
	}

	@Test
	void theConsentTextsLinkThePrivacyPageOnceThereIsOne() {
		JsonNode post = publish("Mitmachen", "Kommentieren Sie!");
		Document before = Jsoup.parse(read(path(post)).body());
		assertThat(before.select(".privacy-link")).isEmpty();

		api.post("/api/v1/blog/pages", Map.of("title", "Datenschutzerklärung", "markdown", "Wir speichern wenig.",
				"status", "published", "slug", "datenschutz", "privacy", true));
		Document after = Jsoup.parse(read(path(post)).body());
		String privacy = "/blog/" + workspace.slug() + "/page/datenschutz";
		assertThat(after.select(".comment-form .privacy-link").attr("href")).isEqualTo(privacy);
		assertThat(after.select("form.newsletter .privacy-link").attr("href")).isEqualTo(privacy);
		assertThat(read(privacy).status()).isEqualTo(200);

		// Marking another page as privacy policy takes the mark from the first.
		String other = api.post("/api/v1/blog/pages", Map.of("title", "Privacy", "markdown", "English.", "status", "published",
				"privacy", true)).json().get("id").asString();
		assertThat(api.get("/api/v1/blog/pages/" + other).json().get("privacy").asBoolean()).isTrue();
		assertThat(Jsoup.parse(read(path(post)).body()).select(".comment-form .privacy-link").attr("href"))
			.isEqualTo("/blog/" + workspace.slug() + "/page/privacy");
	}
}
