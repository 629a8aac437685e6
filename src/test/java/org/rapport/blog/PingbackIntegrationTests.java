package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.rapport.platform.OutboundGuard;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Pingback: our client pings our server and back, every fault of the specification, hostile XML. */
class PingbackIntegrationTests extends IntegrationTest {

	@Autowired
	Posts posts;

	@Autowired
	Linkbacks linkbacks;

	@Autowired
	LinkbackInbox inbox;

	@Autowired
	BlogVersions versions;

	HttpServer other;
	String postPath;
	String postUrl;
	String xmlrpc;

	@BeforeEach
	void publishAndStartAnotherSite() throws IOException {
		var created = api.post("/api/v1/blog/posts", Map.of("title", "Ehrenamt im Quartier", "markdown", "Ein Bericht.",
				"status", "published")).json();
		postPath = URI.create(created.get("url").asString()).getPath();
		postUrl = baseUrl() + postPath;
		xmlrpc = baseUrl() + "/blog/" + workspace.slug() + "/xmlrpc";
		other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		serve("/links", "<html><head><title>Quartiersblog</title></head><body><p>Schön: <a href=\"" + postUrl
				+ "\">Ehrenamt</a>.</p></body></html>", 200);
		serve("/nolink", "<html><body><p>Kein Link.</p></body></html>", 200);
		serve("/broken", "oops", 500);
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
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	String site(String path) {
		return "http://127.0.0.1:" + other.getAddress().getPort() + path;
	}

	XmlRpc.Reply call(String xml) {
		Api.Response response = new Api(baseUrl(), null).send(HttpRequest.newBuilder(URI.create(xmlrpc))
			.header("Content-Type", "text/xml")
			.POST(HttpRequest.BodyPublishers.ofString(xml)));
		assertThat(response.status()).isEqualTo(200);
		return XmlRpc.parseReply(response.body().getBytes(StandardCharsets.UTF_8));
	}

	XmlRpc.Reply ping(String source, String target) {
		return call(XmlRpc.call("pingback.ping", source, target));
	}

	@Test
	void ourClientPingsOurServerAndThePingbackIsShownAndInTheInbox() {
		Api.Response page = new Api(baseUrl(), null).get(postPath);
		assertThat(page.headers().firstValue("X-Pingback").orElseThrow()).endsWith("/blog/" + workspace.slug() + "/xmlrpc");
		assertThat(page.body()).contains("rel=\"pingback\"");

		LinkbackSender sender = new LinkbackSender(new OutboundGuard(true));
		LinkbackSender.Outcome outcome = sender.pingback(URI.create(xmlrpc), site("/links"), postUrl);
		assertThat(outcome.status()).isEqualTo("sent");
		assertThat(outcome.protocol()).isEqualTo("pingback");

		Linkbacks.Linkback registered = linkbacks.of(workspace.id(), 10).getFirst();
		assertThat(registered.kind()).isEqualTo("pingback");
		assertThat(registered.status()).isEqualTo("verified");
		assertThat(registered.conversationId()).isNotNull();
		String html = new Api(baseUrl(), null).get(postPath).body();
		assertThat(html).contains("Quartiersblog").contains("Schön: Ehrenamt.").contains("Pingback");

		// the same again: fault 0x30, which a sender counts as delivered
		assertThat(ping(site("/links"), postUrl)).isEqualTo(new XmlRpc.Reply(true, 0x30, "The pingback has already been registered."));
		assertThat(sender.pingback(URI.create(xmlrpc), site("/links"), postUrl).status()).isEqualTo("sent");
	}

	@Test
	void answersTheFaultsOfTheSpecification() {
		assertThat(ping(site("/nolink"), postUrl).code()).isEqualTo(0x11);
		assertThat(ping(site("/missing"), postUrl).code()).isEqualTo(0x10);
		assertThat(ping("http://no-such-host.invalid/page", postUrl).code()).isEqualTo(0x10);
		assertThat(ping(site("/broken"), postUrl).code()).isEqualTo(0x32);
		assertThat(ping(site("/links"), baseUrl() + "/blog/" + workspace.slug() + "/2001/01/nope").code()).isEqualTo(0x20);
		assertThat(ping(site("/links"), "https://elsewhere.example/post").code()).isEqualTo(0x21);
		assertThat(ping(site("/links"), "mailto:someone@example.org").code()).isEqualTo(0x21);
		assertThat(ping(postUrl, postUrl).code()).isEqualTo(0);
		assertThat(linkbacks.of(workspace.id(), 10)).allSatisfy(l -> assertThat(l.shown()).isFalse());

		// the sender side reads a fault as a failure that is not worth repeating
		LinkbackSender.Outcome outcome = new LinkbackSender(new OutboundGuard(true)).pingback(URI.create(xmlrpc), site("/nolink"), postUrl);
		assertThat(outcome.status()).isEqualTo("failed");
		assertThat(outcome.retry()).isFalse();
		assertThat(outcome.error()).contains("fault 17");
	}

	@Test
	void refusesPrivateSourcesWithAccessDenied() {
		Linkbacks guarded = new Linkbacks(jdbc, posts, new OutboundGuard(false), inbox, versions);
		String answer = new Pingbacks(guarded, jdbc).answer(workspace,
				XmlRpc.call("pingback.ping", site("/links"), postUrl).getBytes(StandardCharsets.UTF_8));
		XmlRpc.Reply reply = XmlRpc.parseReply(answer.getBytes(StandardCharsets.UTF_8));
		assertThat(reply.code()).isEqualTo(0x31);
		assertThat(linkbacks.of(workspace.id(), 10)).singleElement()
			.satisfies(l -> assertThat(l.reason()).contains("private or local network"));
	}

	@Test
	void hostileOrBrokenXmlIsAParseFaultAndNeverReadsFiles() {
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<methodCall><methodName>pingback.ping</methodName><params><param><value><string>&xxe;</string></value></param>"
				+ "<param><value><string>" + postUrl + "</string></value></param></params></methodCall>";
		XmlRpc.Reply refused = call(xxe);
		assertThat(refused.fault()).isTrue();
		assertThat(refused.code()).isEqualTo(-32700);
		assertThat(refused.text()).doesNotContain("root:");

		assertThat(call("<methodCall><methodName>pingback.ping").code()).isEqualTo(-32700);
		assertThat(call(XmlRpc.call("system.listMethods")).code()).isEqualTo(-32601);
		assertThat(call(XmlRpc.call("pingback.ping", site("/links"))).code()).isEqualTo(-32602);
		assertThat(call(XmlRpc.call("pingback.ping", "x".repeat(70_000), postUrl)).code()).isEqualTo(-32700);
		// a plain <value> is a string too
		assertThat(call("<methodCall><methodName>pingback.ping</methodName><params><param><value>" + site("/links")
				+ "</value></param><param><value>" + postUrl + "</value></param></params></methodCall>").fault()).isFalse();
	}
}
