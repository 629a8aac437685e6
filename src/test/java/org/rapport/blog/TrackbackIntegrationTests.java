package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Trackback: autodiscovery, the response format, asynchronous verification, escaping of what the sender wrote. */
class TrackbackIntegrationTests extends IntegrationTest {

	@Autowired
	Linkbacks linkbacks;

	HttpServer other;
	String postPath;
	String postUrl;

	@BeforeEach
	void publishAndStartAnotherSite() throws IOException {
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Tafel -- Jahresbericht", "markdown", "Zahlen.",
				"status", "published")).json();
		postPath = URI.create(created.get("url").asString()).getPath();
		postUrl = baseUrl() + postPath;
		other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// a Trackback's target is the post's permalink, the address the blog itself publishes
		serve("/links", "<html><body><p>Siehe <a href=\"" + created.get("url").asString() + "\">Bericht</a></p></body></html>");
		serve("/nolink", "<html><body><p>Nichts.</p></body></html>");
		other.start();
	}

	@AfterEach
	void stop() {
		other.stop(0);
	}

	void serve(String path, String html) {
		other.createContext(path, exchange -> {
			byte[] body = html.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	String site(String path) {
		return "http://127.0.0.1:" + other.getAddress().getPort() + path;
	}

	Api.Response trackback(String path, String form) {
		return new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	@Test
	void advertisesTheTrackbackAddressInAnRdfComment() {
		String html = new Api(baseUrl(), null).get(postPath).body();
		assertThat(html).contains("<!--\n<rdf:RDF").contains("trackback:ping=\"").contains(postPath + "/trackback\"")
			.contains("dc:title=\"Tafel &#45;&#45; Jahresbericht\"");
	}

	@Test
	void acceptsATrackbackAndShowsItOnceTheSourceLinks() {
		Api.Response response = trackback(postPath + "/trackback", "url=" + enc(site("/links")) + "&title="
				+ enc("<script>alert(1)</script>Unser Bericht") + "&excerpt=" + enc("Die <b>Tafel</b> hilft.") + "&blog_name=" + enc("Stadtblog"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
		assertThat(response.body()).contains("<response>").contains("<error>0</error>").doesNotContain("<message>");

		await().untilAsserted(() -> assertThat(linkbacks.of(workspace.id(), 10)).singleElement()
			.satisfies(l -> assertThat(l.status()).isEqualTo("verified")));
		Linkbacks.Linkback shown = linkbacks.of(workspace.id(), 10).getFirst();
		assertThat(shown.kind()).isEqualTo("trackback");
		assertThat(shown.title()).isEqualTo("Unser Bericht");
		assertThat(shown.excerpt()).isEqualTo("Die Tafel hilft.");
		String html = new Api(baseUrl(), null).get(postPath).body();
		assertThat(html).contains("Unser Bericht").contains("Die Tafel hilft.").contains("Stadtblog").doesNotContain("<script>alert");
	}

	@Test
	void rejectsTrackbacksWhoseSourceDoesNotLink() {
		assertThat(trackback(postPath + "/trackback", "url=" + enc(site("/nolink")) + "&title=x").body()).contains("<error>0</error>");
		await().untilAsserted(() -> assertThat(linkbacks.of(workspace.id(), 10)).singleElement()
			.satisfies(l -> assertThat(l.status()).isEqualTo("rejected")));
		assertThat(new Api(baseUrl(), null).get(postPath).body()).doesNotContain(site("/nolink"));
	}

	@Test
	void answersErrorOneWithAMessage() {
		assertThat(trackback(postPath + "/trackback", "title=x").body()).contains("<error>1</error>").contains("<message>");
		assertThat(trackback(postPath + "/trackback", "url=" + enc("javascript:alert(1)")).body()).contains("<error>1</error>");
		String missing = "/blog/" + workspace.slug() + "/2001/01/nope/trackback";
		assertThat(trackback(missing, "url=" + enc(site("/links"))).body()).contains("<error>1</error>");
		assertThat(linkbacks.of(workspace.id(), 10)).isEmpty();
	}
}
