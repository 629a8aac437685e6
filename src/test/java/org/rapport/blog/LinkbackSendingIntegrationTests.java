package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sending linkbacks: publishing, changing and withdrawing a post notifies the pages it links to (and linked to)
 * at a local HTTP server, by Webmention or Pingback, through the outbox with its retries.
 */
class LinkbackSendingIntegrationTests extends IntegrationTest {

	@Autowired
	OutgoingLinkbacks outgoing;

	@Autowired
	Posts posts;

	@Autowired
	org.rapport.platform.RapportProperties properties;

	HttpServer other;
	final List<String> received = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startAnotherSite() throws IOException {
		other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		other.createContext("/", this::answer);
		other.start();
	}

	@AfterEach
	void stop() {
		other.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		int status = 200;
		String reply = "";
		switch (path) {
			case "/a" -> {
				exchange.getResponseHeaders().add("Link", "</a/webmention>; rel=\"webmention\"");
				reply = "<html><body>A</body></html>";
			}
			case "/b" -> reply = "<html><head><link rel=\"webmention\" href=\"/endpoint-b?key=1\"></head><body>B</body></html>";
			case "/pb" -> {
				exchange.getResponseHeaders().add("X-Pingback", site("/xmlrpc"));
				reply = "<html><body>Pingback only</body></html>";
			}
			case "/none" -> reply = "<html><body>No linkbacks here</body></html>";
			case "/broken" -> reply = "<html><head><link rel=\"webmention\" href=\"/broken/wm\"></head></html>";
			case "/a/webmention", "/endpoint-b" -> {
				received.add(exchange.getRequestURI() + " " + body);
				status = 202;
			}
			case "/xmlrpc" -> {
				received.add("/xmlrpc " + body);
				reply = XmlRpc.response("Thanks");
				exchange.getResponseHeaders().add("Content-Type", "text/xml");
			}
			case "/broken/wm" -> status = 503;
			default -> status = 404;
		}
		exchange.getResponseHeaders().putIfAbsent("Content-Type", List.of("text/html; charset=utf-8"));
		byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	String site(String path) {
		return "http://127.0.0.1:" + other.getAddress().getPort() + path;
	}

	UUID publish(String title, String markdown) {
		var created = api.post("/api/v1/blog/posts", Map.of("title", title, "markdown", markdown, "status", "published")).json();
		return UUID.fromString(created.get("id").asString());
	}

	String form(String source, String target) {
		return "source=" + enc(source) + "&target=" + enc(target);
	}

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	OutgoingLinkbacks.Send sendTo(String target) {
		return outgoing.of(workspace.id(), 100).stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow();
	}

	@Test
	void publishingNotifiesEveryLinkedPageByWebmentionOrPingback() {
		UUID id = publish("Netzwerk Inklusion", "Wir danken [A](" + site("/a") + "), [B](" + site("/b") + "), [P](" + site("/pb")
				+ ") und [N](" + site("/none") + "). Siehe auch [unser Archiv]("
				+ properties.link(BlogPaths.archive(workspace.slug())) + ").");
		String source = posts.url(posts.get(workspace.id(), id));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).hasSize(3);
		});
		assertThat(received).contains("/a/webmention " + form(source, site("/a")), "/endpoint-b?key=1 " + form(source, site("/b")));
		String ping = received.stream().filter(r -> r.startsWith("/xmlrpc ")).findFirst().orElseThrow().substring(8);
		XmlRpc.Call call = XmlRpc.parseCall(ping.getBytes(StandardCharsets.UTF_8));
		assertThat(call.method()).isEqualTo("pingback.ping");
		assertThat(call.params()).containsExactly(source, site("/pb"));

		assertThat(sendTo(site("/a")).status()).isEqualTo("sent");
		assertThat(sendTo(site("/a")).protocol()).isEqualTo("webmention");
		assertThat(sendTo(site("/pb")).protocol()).isEqualTo("pingback");
		await().untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(sendTo(site("/none")).status()).isEqualTo("no_endpoint");
		});
		assertThat(outgoing.of(workspace.id(), 100)).hasSize(4); // the blog's own archive is not notified
		assertThat(api.get("/api/v1/blog/linkbacks/sent").json().get("items").size()).isEqualTo(4);
	}

	@Test
	void anUpdateAlsoTellsPagesNoLongerLinkedAndWithdrawingTellsThemAgain() {
		publish("Bleibt stehen", "Ein anderer Beitrag, damit der Blog öffentlich bleibt.");
		UUID id = publish("Zwei Links", "[A](" + site("/a") + ") und [B](" + site("/b") + ")");
		Post post = posts.get(workspace.id(), id);
		String source = posts.url(post);
		String path = URI.create(source).getPath();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).hasSize(2);
		});
		received.clear();

		api.patch("/api/v1/blog/posts/" + id, Map.of("markdown", "Nur noch [A](" + site("/a") + ")"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).containsExactlyInAnyOrder("/a/webmention " + form(source, site("/a")),
					"/endpoint-b?key=1 " + form(source, site("/b")));
		});
		assertThat(sendTo(site("/b")).linked()).isFalse();
		assertThat(sendTo(site("/a")).linked()).isTrue();
		received.clear();

		api.patch("/api/v1/blog/posts/" + id, Map.of("status", "draft"));
		Api.Response gone = new Api(baseUrl(), null).get(path);
		assertThat(gone.status()).isEqualTo(410);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).containsExactly("/a/webmention " + form(source, site("/a")));
		});
	}

	@Test
	void aFailingEndpointIsTriedAgainLaterAndCanBeRetriedByHand() {
		publish("Kaputt", "[Kaputt](" + site("/broken") + ")");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(outgoing.of(workspace.id(), 10)).singleElement()
				.satisfies(s -> assertThat(s.attempts()).isEqualTo(1));
		});
		OutgoingLinkbacks.Send send = sendTo(site("/broken"));
		assertThat(send.status()).isEqualTo("pending");
		assertThat(send.responseStatus()).isEqualTo(503);
		assertThat(send.lastError()).contains("503");
		assertThat(send.nextAttemptAt()).isAfter(Instant.now().plusSeconds(45));

		var retried = api.post("/api/v1/blog/linkbacks/sent/" + send.id() + "/retry", Map.of()).json();
		assertThat(retried.get("attempts").asInt()).isZero();
		assertThat(retried.get("lastError").asString()).isEmpty();
	}

	@Test
	void deletingAPublicPostAnswersGoneAndTellsTheLinkedPagesAgain() {
		publish("Bleibt stehen", "Ein anderer Beitrag, damit der Blog öffentlich bleibt.");
		UUID id = publish("Wird gelöscht", "[A](" + site("/a") + ")");
		String source = posts.url(posts.get(workspace.id(), id));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).hasSize(1);
		});
		received.clear();

		assertThat(api.delete("/api/v1/blog/posts/" + id).status()).isEqualTo(204);
		assertThat(new Api(baseUrl(), null).get(URI.create(source).getPath()).status()).isEqualTo(410);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).containsExactly("/a/webmention " + form(source, site("/a")));
		});
		assertThat(sendTo(site("/a")).postId()).isNull();
		assertThat(sendTo(site("/a")).status()).isEqualTo("sent");
	}

	@Test
	void theLinkbackListsStillShowAfterAPostThatSentLinkbacksIsDeleted() throws Exception {
		publish("Bleibt stehen", "Ein anderer Beitrag, damit der Blog öffentlich bleibt.");
		UUID id = publish("Wird gelöscht mit Links", "[A](" + site("/a") + ")");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).hasSize(1);
		});
		assertThat(api.delete("/api/v1/blog/posts/" + id).status()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			outgoing.sendDue();
			assertThat(received).hasSize(2);
		});

		Api.Response sent = api.get("/api/v1/blog/linkbacks/sent");
		assertThat(sent.status()).isEqualTo(200);
		assertThat(sent.json().get("items").size()).isEqualTo(1);
		assertThat(sent.json().get("items").get(0).get("target").asString()).isEqualTo(site("/a"));

		org.rapport.support.UiSession ui = new org.rapport.support.UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		org.rapport.support.UiSession.Page page = ui.get("/blog/admin/linkbacks");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(site("/a")).contains("gelöschter Beitrag");
	}
}
