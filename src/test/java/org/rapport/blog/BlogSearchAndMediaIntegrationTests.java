package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rapport.platform.RapportProperties;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Searching the public blog in German and English; images uploaded for posts; the theme's sidebar. */
class BlogSearchAndMediaIntegrationTests extends BlogTestSupport {

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0 };

	@Autowired
	OrganisationProfiles profiles;

	@Autowired
	RapportProperties properties;

	@Test
	void findsPublishedPostsAndPagesWithGermanAndEnglishStemming() {
		publish("Im Garten", "Wir danken allen Vereinen im Stadtteil für den Garten.");
		publish("Volunteers", "Our volunteers were cooking soup for everyone.");
		api.post("/api/v1/blog/posts", Map.of("title", "Geheimer Entwurf", "markdown", "Auch hier danken wir den Vereinen.", "status", "draft"));
		api.post("/api/v1/blog/pages", Map.of("title", "Impressum", "markdown", "Eingetragen im Vereinsregister Nord.", "status", "published"));
		String search = "/blog/" + workspace.slug() + "/search?q=";

		Document german = Jsoup.parse(read(search + "Verein").body());
		assertThat(german.select(".search-hit h2 a").eachText()).containsExactly("Im Garten");
		assertThat(german.select("h1").text()).isEqualTo("Suchergebnisse für „Verein“");
		assertThat(german.select(".search-form input[name=q]").val()).isEqualTo("Verein");
		assertThat(Jsoup.parse(read(search + "cook").body()).select(".search-hit h2 a").eachText()).containsExactly("Volunteers");
		Document page = Jsoup.parse(read(search + "vereinsregister").body());
		assertThat(page.select(".search-hit.hit-page h2 a").attr("href")).isEqualTo("/blog/" + workspace.slug() + "/page/impressum");
		Document none = Jsoup.parse(read(search + "Raumfahrt").body());
		assertThat(none.select(".search-hit")).isEmpty();
		assertThat(none.select(".empty").text()).contains("Nichts gefunden");
		assertThat(read(search + "%22unbalanced%20-%20%28").status()).isEqualTo(200);
		assertThat(Jsoup.parse(read("/blog/" + workspace.slug()).body()).select("form.search-form").attr("action"))
			.isEqualTo("/blog/" + workspace.slug() + "/search");
	}

	@Test
	void anUploadedImageIsServedWithItsTypeNosniffAndLongCaching() throws Exception {
		byte[] png = Arrays.copyOf(PNG, 2048);
		HttpResponse<String> uploaded = upload("Unser Fest.png", "image/png", png, token);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		JsonNode stored = Api.JSON.readTree(uploaded.body());
		String url = stored.get("url").asString();
		assertThat(url).matches(".*/blog/" + workspace.slug() + "/media/[0-9a-f-]{36}\\.png");
		assertThat(stored.get("markdown").asString()).isEqualTo("![Unser Fest](" + url + ")");
		assertThat(Files.exists(properties.dataDir().resolve("blog-media").resolve(workspace.id().toString())
			.resolve(stored.get("id").asString() + ".png"))).isTrue();

		String local = baseUrl() + URI.create(url).getPath();
		HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(served.body()).isEqualTo(png);
		assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(served.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000").contains("public");
		assertThat(served.headers().firstValue("Set-Cookie")).isEmpty();

		// The image shows in a post.
		JsonNode post = publish("Mit Bild", stored.get("markdown").asString());
		assertThat(Jsoup.parse(read(path(post)).body()).select(".content img").attr("src")).isEqualTo(url);

		String base = "/blog/" + workspace.slug() + "/media/";
		assertThat(read(base + stored.get("id").asString() + ".gif").status()).isEqualTo(404);
		assertThat(read(base + "00000000-0000-0000-0000-000000000000.png").status()).isEqualTo(404);
		assertThat(read(base + "..%2F..%2Fetc%2Fpasswd").status()).isIn(400, 404);
	}

	@Test
	void refusesWhatIsNoImageTooLargeOrAnonymous() throws Exception {
		HttpResponse<String> script = upload("bild.png", "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), token);
		assertThat(script.statusCode()).isEqualTo(400);
		assertThat(Api.JSON.readTree(script.body()).get("detail").asString()).contains("JPEG, PNG, GIF and WebP");
		byte[] tooLarge = Arrays.copyOf(PNG, 10 * 1024 * 1024 + 1);
		HttpResponse<String> large = upload("gross.png", "image/png", tooLarge, token);
		assertThat(large.statusCode()).isEqualTo(400);
		assertThat(large.body()).contains("10 MB");
		assertThat(upload("bild.png", "image/png", PNG, null).statusCode()).isEqualTo(401);
		byte[] webp = Arrays.copyOf("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), 64);
		HttpResponse<String> ok = upload("x.bin", "application/octet-stream", webp, token);
		assertThat(ok.statusCode()).isEqualTo(201);
		assertThat(Api.JSON.readTree(ok.body()).get("contentType").asString()).isEqualTo("image/webp");
	}

	@Test
	void theSidebarShowsRecentCommentsAndTheOrganisationsProfiles() {
		JsonNode post = publish("Neuigkeiten", "Es gibt Neues.");
		comment(path(post), form("Mara Klein", "mara@example.net", "Schön zu hören!"));
		String id = approveNewest();
		profiles.save(owner, "Mastodon https://social.example/@verein\nLinkedIn https://www.linkedin.com/company/verein");
		Document home = Jsoup.parse(read("/blog/" + workspace.slug()).body());
		assertThat(home.select(".recent-comments a").attr("href")).isEqualTo(path(post) + "#c-" + id);
		assertThat(home.select(".recent-comments a").text()).contains("Mara Klein").contains("Neuigkeiten");
		assertThat(home.select(".profiles a").eachAttr("href"))
			.containsExactly("https://social.example/@verein", "https://www.linkedin.com/company/verein");
		assertThat(home.select(".profiles a").first().attr("rel")).contains("me");
		assertThat(home.select("script[src]").eachAttr("src")).allMatch(src -> src.startsWith("/"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> profiles.save(owner, "Mastodon javascript:alert(1)"))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("javascript:alert(1)");
	}

	HttpResponse<String> upload(String fileName, String type, byte[] content, String bearer) throws Exception {
		String boundary = "----rapport" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/blog/media"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
