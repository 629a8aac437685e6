package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.OutboundGuard;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Receiving Webmentions: discovery, asynchronous verification against a real local HTTP server, the inbox,
 * updates, the team hiding and deleting, refusal, SSRF guard.
 */
class WebmentionIntegrationTests extends IntegrationTest {

	@Autowired
	Linkbacks webmentions;

	@Autowired
	LinkbackInbox inbox;

	@Autowired
	BlogVersions versions;

	@Autowired
	Posts posts;

	HttpServer other;
	String postUrl;
	String postPath;

	@BeforeEach
	void publishAndStartAnotherSite() throws IOException {
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Inklusion im Sportverein", "markdown", "Ein Bericht.",
				"status", "published")).json();
		postPath = URI.create(created.get("url").asString()).getPath();
		postUrl = baseUrl() + postPath;
		other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		serve("/links", "<html><head><title>Ein Blog über Sport</title></head><body><p>Lesenswert: <a href=\"" + postUrl
				+ "\">der Bericht</a>.</p></body></html>", 200);
		serve("/relative", "<html><body><p>Relativ verlinkt</p><a href=\"" + postPath + "\">x</a></body></html>", 200);
		serve("/fragment", "<html><body><p>Mit Sprungmarke: <a href=\"" + postUrl.replace("http://localhost", "HTTP://LOCALHOST")
				+ "/#comments\">Kommentare</a></p></body></html>", 200);
		serve("/nolink", "<html><body><p>Kein Link hier.</p></body></html>", 200);
		serve("/gone", "", 410);
		other.start();
	}

	@AfterEach
	void stop() {
		other.stop(0);
	}

	void serve(String path, String html, int status) {
		other.createContext(path, exchange -> {
			byte[] body = html.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
			if (body.length > 0) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
	}

	String site(String path) {
		return "http://127.0.0.1:" + other.getAddress().getPort() + path;
	}

	Api.Response mention(String source, String target) {
		return new Api(baseUrl(), null).send(java.net.http.HttpRequest.newBuilder(URI.create(baseUrl() + "/blog/" + workspace.slug() + "/webmention"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("source=" + enc(source) + "&target=" + enc(target))));
	}

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	@Test
	void advertisesTheEndpointAndShowsAVerifiedMentionUnderThePost() {
		Api.Response page = new Api(baseUrl(), null).get(postPath);
		String endpoint = "/blog/" + workspace.slug() + "/webmention";
		assertThat(page.headers().firstValue("Link")).hasValueSatisfying(v -> assertThat(v).contains(endpoint).contains("rel=\"webmention\""));
		assertThat(page.body()).contains("rel=\"webmention\"");

		Api.Response accepted = mention(site("/links"), postUrl);
		assertThat(accepted.status()).isEqualTo(202);
		UUID id = UUID.fromString(accepted.json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(id).orElseThrow().status()).isEqualTo("verified"));
		String html = new Api(baseUrl(), null).get(postPath).body();
		assertThat(html).contains("Ein Blog über Sport").contains("Lesenswert");
	}

	@Test
	void aLinkWithFragmentTrailingSlashOrOtherCaseCounts() {
		UUID id = UUID.fromString(mention(site("/fragment"), postUrl).json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(id).orElseThrow().status()).isEqualTo("verified"));
		assertThat(webmentions.find(id).orElseThrow().excerpt()).isEqualTo("Mit Sprungmarke: Kommentare");
		UUID slash = UUID.fromString(mention(site("/links"), postUrl + "/").json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(slash).orElseThrow().status()).isEqualTo("verified"));
	}

	@Test
	void rejectsSourcesThatDoNotLinkAndForgetsSourcesThatAreGone() {
		UUID nolink = UUID.fromString(mention(site("/nolink"), postUrl).json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(nolink).orElseThrow().status()).isEqualTo("rejected"));
		UUID relative = UUID.fromString(mention(site("/relative"), postUrl).json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(relative).orElseThrow().status()).isEqualTo("rejected"));
		UUID gone = UUID.fromString(mention(site("/gone"), postUrl).json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(gone)).isEmpty());
		assertThat(new Api(baseUrl(), null).get(postPath).body()).doesNotContain("Kein Link hier");
	}

	@Test
	void refusesBadRequestsAndPrivateSources() {
		assertThat(mention("ftp://example.org/x", postUrl).status()).isEqualTo(400);
		assertThat(mention(site("/links"), baseUrl() + "/blog/" + workspace.slug() + "/2001/01/nope").status()).isEqualTo(400);
		assertThat(mention(postUrl, postUrl).status()).isEqualTo(400);
		// With the guard as in production, a source on loopback is never fetched.
		Linkbacks guarded = new Linkbacks(jdbc, posts, new OutboundGuard(false), inbox, versions);
		UUID id = guarded.receive(workspace, "webmention", site("/links"), postUrl);
		assertThat(guarded.verify(id)).isEqualTo(Linkbacks.Verdict.REFUSED);
		assertThat(guarded.find(id).orElseThrow().status()).isEqualTo("rejected");
		assertThat(guarded.find(id).orElseThrow().reason()).contains("private or local network");
	}

	@Test
	void aVerifiedMentionArrivesInTheInboxAndAnUpdateThatNoLongerLinksTakesItOffThePost() {
		String[] page = { "<html><head><title>Sportblog</title><meta property=\"og:site_name\" content=\"Vereinsblog\"></head>"
				+ "<body><ul><li>Lesen Sie <a href=\"" + postUrl + "\">den Bericht</a> zur Inklusion.</li></ul></body></html>" };
		other.createContext("/changing", exchange -> {
			byte[] body = page[0].getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		UUID id = UUID.fromString(mention(site("/changing"), postUrl).json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(id).orElseThrow().conversationId()).isNotNull());
		Linkbacks.Linkback shown = webmentions.find(id).orElseThrow();
		assertThat(shown.status()).isEqualTo("verified");
		assertThat(shown.excerpt()).isEqualTo("Lesen Sie den Bericht zur Inklusion.");
		assertThat(shown.authorName()).isEqualTo("Vereinsblog");
		assertThat(shown.conversationId()).isNotNull();
		assertThat(jdbc.sql("select body_text from messages where conversation_id = ?").param(shown.conversationId())
			.query(String.class).single()).contains("Lesen Sie den Bericht").contains(site("/changing"));

		// an update with other words: verified again, new excerpt, a second message in the same conversation
		page[0] = page[0].replace("zur Inklusion", "über gelebte Inklusion");
		mention(site("/changing"), postUrl);
		await().untilAsserted(() -> assertThat(webmentions.find(id).orElseThrow().excerpt()).contains("gelebte"));
		await().untilAsserted(() -> assertThat(jdbc.sql("select count(*) from messages where conversation_id = ?")
			.param(shown.conversationId()).query(Integer.class).single()).isEqualTo(2));
		assertThat(new Api(baseUrl(), null).get(postPath).body()).contains("über gelebte Inklusion").contains("Vereinsblog");

		// the source drops its link: the mention leaves the post
		page[0] = "<html><body><p>Nichts mehr.</p></body></html>";
		mention(site("/changing"), postUrl);
		await().untilAsserted(() -> assertThat(webmentions.find(id).orElseThrow().status()).isEqualTo("rejected"));
		assertThat(new Api(baseUrl(), null).get(postPath).body()).doesNotContain("gelebte Inklusion");
	}

	@Test
	void theTeamHidesAndDeletesMentionsThroughTheApi() {
		UUID id = UUID.fromString(mention(site("/links"), postUrl).json().get("id").asString());
		await().untilAsserted(() -> assertThat(webmentions.find(id).orElseThrow().status()).isEqualTo("verified"));
		assertThat(api.get("/api/v1/blog/linkbacks").json().get("items").get(0).get("source").asString()).isEqualTo(site("/links"));

		assertThat(api.post("/api/v1/blog/linkbacks/" + id + "/hide", Map.of()).json().get("hidden").asBoolean()).isTrue();
		assertThat(new Api(baseUrl(), null).get(postPath).body()).doesNotContain("Lesenswert");
		api.post("/api/v1/blog/linkbacks/" + id + "/show", Map.of());
		assertThat(new Api(baseUrl(), null).get(postPath).body()).contains("Lesenswert");

		assertThat(api.delete("/api/v1/blog/linkbacks/" + id).status()).isEqualTo(204);
		assertThat(webmentions.find(id)).isEmpty();
		assertThat(api.delete("/api/v1/blog/linkbacks/" + id).status()).isEqualTo(404);
	}

	@Test
	void aFloodOfMentionsFromOneAddressIsCut() {
		for (int i = 0; i < LinkbackRateLimit.LIMIT; i++) {
			assertThat(mention("ftp://example.org/" + i, postUrl).status()).isEqualTo(400);
		}
		Api.Response refused = mention(site("/links"), postUrl);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).contains("600");
	}

	@Test
	void aMentionWhoseBackgroundCheckWasLostIsVerifiedByThePoller() {
		UUID id = webmentions.receive(workspace, "webmention", site("/links"), postUrl);
		jdbc.sql("update linkbacks set received_at = now() - interval '5 minutes' where id = ?").param(id).update();
		webmentions.verifyStale();
		assertThat(webmentions.find(id).orElseThrow().status()).isEqualTo("verified");
	}
}
