package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.platform.OutboundGuard;

/**
 * Endpoint discovery in the manner of the webmention.rocks discovery tests 1–23, against a local HTTP server, plus
 * Pingback discovery, redirects and the SSRF guard.
 */
class EndpointDiscoveryTests {

	HttpServer server;
	final Map<String, Page> pages = new ConcurrentHashMap<>();
	final List<String> posted = new CopyOnWriteArrayList<>();

	/** What the local server answers at a path. */
	record Page(int status, List<String[]> headers, String body) {
	}

	EndpointDiscovery discovery = new EndpointDiscovery(new OutboundGuard(true));

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", this::answer);
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if ("POST".equals(exchange.getRequestMethod())) {
			posted.add(exchange.getRequestURI() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		}
		Page page = pages.getOrDefault(path, new Page(404, List.of(), "not here"));
		page.headers().forEach(h -> exchange.getResponseHeaders().add(h[0], h[1]));
		if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
		}
		byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(page.status(), body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
		exchange.close();
	}

	String site(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	void html(String path, String body, String... headers) {
		List<String[]> list = new java.util.ArrayList<>();
		for (int i = 0; i < headers.length; i += 2) {
			list.add(new String[] { headers[i], headers[i + 1] });
		}
		pages.put(path, new Page(200, list, "<!DOCTYPE html><html><head><title>Test</title>" + body));
	}

	void redirect(String from, int status, String to) {
		pages.put(from, new Page(status, List.<String[]>of(new String[] { "Location", to }), ""));
	}

	Optional<EndpointDiscovery.Endpoint> discover(String path) throws IOException {
		return discovery.discover(URI.create(site(path)));
	}

	String webmention(String path) throws IOException {
		EndpointDiscovery.Endpoint endpoint = discover(path).orElseThrow();
		assertThat(endpoint.protocol()).isEqualTo("webmention");
		return endpoint.uri().toString();
	}

	@Test
	void linkHeaderWithUnquotedRelAndRelativeAddress() throws IOException {
		html("/test/1", "</head><body></body>", "Link", "</test/1/webmention?head=true>; rel=webmention");
		assertThat(webmention("/test/1")).isEqualTo(site("/test/1/webmention?head=true"));
	}

	@Test
	void linkHeaderWithUnquotedRelAndAbsoluteAddress() throws IOException {
		html("/test/2", "</head><body></body>", "Link", "<" + site("/test/2/webmention?head=true") + ">; rel=webmention");
		assertThat(webmention("/test/2")).isEqualTo(site("/test/2/webmention?head=true"));
	}

	@Test
	void linkElementWithRelativeAddress() throws IOException {
		html("/test/3", "<link rel=\"webmention\" href=\"/test/3/webmention\"></head><body></body>");
		assertThat(webmention("/test/3")).isEqualTo(site("/test/3/webmention"));
	}

	@Test
	void linkElementWithAbsoluteAddress() throws IOException {
		html("/test/4", "<link rel=\"webmention\" href=\"" + site("/test/4/webmention") + "\"></head><body></body>");
		assertThat(webmention("/test/4")).isEqualTo(site("/test/4/webmention"));
	}

	@Test
	void anchorWithRelativeAddress() throws IOException {
		html("/test/5", "</head><body><p>See <a rel=\"webmention\" href=\"/test/5/webmention\">endpoint</a></p></body>");
		assertThat(webmention("/test/5")).isEqualTo(site("/test/5/webmention"));
	}

	@Test
	void anchorWithAbsoluteAddress() throws IOException {
		html("/test/6", "</head><body><a rel=\"webmention\" href=\"" + site("/test/6/webmention") + "\">endpoint</a></body>");
		assertThat(webmention("/test/6")).isEqualTo(site("/test/6/webmention"));
	}

	@Test
	void linkHeaderWithStrangeCasing() throws IOException {
		// header names are case-insensitive on the wire; rel values are too (RFC 8288)
		html("/test/7", "</head><body></body>", "LinK", "</test/7/webmention?head=true>; REL=\"WebMention\"");
		assertThat(webmention("/test/7")).isEqualTo(site("/test/7/webmention?head=true"));
	}

	@Test
	void linkHeaderWithQuotedRel() throws IOException {
		html("/test/8", "</head><body></body>", "Link", "</test/8/webmention?head=true>; rel=\"webmention\"");
		assertThat(webmention("/test/8")).isEqualTo(site("/test/8/webmention?head=true"));
	}

	@Test
	void severalRelValuesOnALinkElement() throws IOException {
		html("/test/9", "<link rel=\"webmention somethingelse\" href=\"/test/9/webmention\"></head><body></body>");
		assertThat(webmention("/test/9")).isEqualTo(site("/test/9/webmention"));
	}

	@Test
	void severalRelValuesInALinkHeader() throws IOException {
		html("/test/10", "</head><body></body>", "Link", "</test/10/webmention?head=true>; rel=\"webmention somethingelse\"");
		assertThat(webmention("/test/10")).isEqualTo(site("/test/10/webmention?head=true"));
	}

	@Test
	void theLinkHeaderWinsOverLinkAndAnchorElements() throws IOException {
		html("/test/11", "<link rel=\"webmention\" href=\"/test/11/webmention?link\"></head><body>"
				+ "<a rel=\"webmention\" href=\"/test/11/webmention?a\">x</a></body>",
				"Link", "</test/11/webmention?head=true>; rel=\"webmention\"");
		assertThat(webmention("/test/11")).isEqualTo(site("/test/11/webmention?head=true"));
	}

	@Test
	void relMustMatchExactly() throws IOException {
		html("/test/12", "<link rel=\"not-webmention\" href=\"/test/12/error\"><link rel=\"webmention\" href=\"/test/12/webmention\">"
				+ "</head><body></body>", "Link", "</test/12/error>; rel=\"not-webmention\"");
		assertThat(webmention("/test/12")).isEqualTo(site("/test/12/webmention"));
	}

	@Test
	void anEndpointInsideAnHtmlCommentIsIgnored() throws IOException {
		html("/test/13", "<!-- <link rel=\"webmention\" href=\"/test/13/error\"> --></head><body>"
				+ "<!-- <a rel=\"webmention\" href=\"/test/13/error\">no</a> --><a rel=\"webmention\" href=\"/test/13/webmention\">yes</a></body>");
		assertThat(webmention("/test/13")).isEqualTo(site("/test/13/webmention"));
	}

	@Test
	void anEndpointInEscapedHtmlIsIgnored() throws IOException {
		html("/test/14", "</head><body><code>&lt;a href=\"/test/14/error\" rel=\"webmention\"&gt;&lt;/a&gt;</code>"
				+ "<a rel=\"webmention\" href=\"/test/14/webmention\">yes</a></body>");
		assertThat(webmention("/test/14")).isEqualTo(site("/test/14/webmention"));
	}

	@Test
	void anEmptyHrefMeansThePageItself() throws IOException {
		html("/test/15", "<link rel=\"webmention\" href=\"\"></head><body></body>");
		assertThat(webmention("/test/15")).isEqualTo(site("/test/15"));
	}

	@Test
	void anAnchorBeforeALinkElementWins() throws IOException {
		html("/test/16", "</head><body><a rel=\"webmention\" href=\"/test/16/webmention\">first</a>"
				+ "<link rel=\"webmention\" href=\"/test/16/error\"></body>");
		assertThat(webmention("/test/16")).isEqualTo(site("/test/16/webmention"));
	}

	@Test
	void aLinkElementBeforeAnAnchorWins() throws IOException {
		html("/test/17", "<link rel=\"webmention\" href=\"/test/17/webmention\"></head><body>"
				+ "<a rel=\"webmention\" href=\"/test/17/error\">second</a></body>");
		assertThat(webmention("/test/17")).isEqualTo(site("/test/17/webmention"));
	}

	@Test
	void ofSeveralLinkHeadersTheFirstWebmentionOneWins() throws IOException {
		html("/test/18", "</head><body></body>", "Link", "<" + site("/test/18/error") + ">; rel=\"other\"", "Link",
				"</test/18/webmention?head=true>; rel=\"webmention\"", "Link", "</test/18/error2>; rel=\"webmention\"");
		assertThat(webmention("/test/18")).isEqualTo(site("/test/18/webmention?head=true"));
	}

	@Test
	void severalLinksInOneHeader() throws IOException {
		html("/test/19", "</head><body></body>", "Link",
				"<" + site("/test/19/error") + ">; rel=\"other\", </test/19/webmention?head=true>; rel=\"webmention\"");
		assertThat(webmention("/test/19")).isEqualTo(site("/test/19/webmention?head=true"));
	}

	@Test
	void aLinkElementWithoutHrefIsIgnored() throws IOException {
		html("/test/20", "<link rel=\"webmention\"></head><body><a rel=\"webmention\" href=\"/test/20/webmention\">yes</a></body>");
		assertThat(webmention("/test/20")).isEqualTo(site("/test/20/webmention"));
	}

	@Test
	void theEndpointKeepsItsQueryStringWhenNotified() throws IOException {
		html("/test/21", "<link rel=\"webmention\" href=\"/test/21/webmention?query=yes\"></head><body></body>");
		pages.put("/test/21/webmention", new Page(202, List.of(), "accepted"));
		assertThat(webmention("/test/21")).isEqualTo(site("/test/21/webmention?query=yes"));

		LinkbackSender.Outcome outcome = new LinkbackSender(new OutboundGuard(true)).send("https://blog.example/post", site("/test/21"));
		assertThat(outcome.status()).isEqualTo("sent");
		assertThat(outcome.responseStatus()).isEqualTo(202);
		assertThat(posted).containsExactly("/test/21/webmention?query=yes source=" + enc("https://blog.example/post")
				+ "&target=" + enc(site("/test/21")));
	}

	@Test
	void aRelativeEndpointIsResolvedAgainstThePagePath() throws IOException {
		html("/test/22", "<link rel=\"webmention\" href=\"22/webmention\"></head><body></body>");
		assertThat(webmention("/test/22")).isEqualTo(site("/test/22/webmention"));
	}

	@Test
	void afterRedirectsARelativeLinkHeaderIsResolvedAgainstTheFinalAddress() throws IOException {
		for (int status : new int[] { 301, 302, 307 }) {
			String start = "/test/23/" + status;
			redirect(start, status, "/test/23/page/" + status);
			html("/test/23/page/" + status, "</head><body></body>", "Link", "<webmention-endpoint/" + status + ">; rel=\"webmention\"");
			assertThat(webmention(start)).as("after a %d", status).isEqualTo(site("/test/23/page/webmention-endpoint/" + status));
		}
	}

	@Test
	void followsAtMostFiveRedirects() throws IOException {
		for (int i = 0; i < 6; i++) {
			redirect("/hop/" + i, 302, "/hop/" + (i + 1));
		}
		html("/hop/6", "<link rel=\"webmention\" href=\"/hop/webmention\"></head><body></body>");
		html("/hop/5", "<link rel=\"webmention\" href=\"/hop/five\"></head><body></body>");
		assertThat(webmention("/hop/0")).isEqualTo(site("/hop/five"));
		redirect("/hop/5", 302, "/hop/6");
		assertThatThrownBy(() -> discover("/hop/0")).isInstanceOf(IOException.class).hasMessageContaining("redirects");
	}

	@Test
	void aPageWithoutEndpointsHasNone() throws IOException {
		html("/plain", "<link rel=\"stylesheet\" href=\"/s.css\"></head><body><a href=\"/x\">x</a></body>");
		assertThat(discover("/plain")).isEmpty();
		assertThat(new LinkbackSender(new OutboundGuard(true)).send("https://blog.example/p", site("/plain")).status())
			.isEqualTo("no_endpoint");
	}

	@Test
	void fallsBackToPingbackFromHeaderOrLinkElement() throws IOException {
		html("/pb/header", "</head><body></body>", "X-Pingback", site("/xmlrpc.php"));
		html("/pb/link", "<link rel=\"pingback\" href=\"/xmlrpc.php\"></head><body></body>");
		html("/pb/both", "<link rel=\"pingback\" href=\"/xmlrpc.php\"><link rel=\"webmention\" href=\"/wm\"></head><body></body>");
		assertThat(discover("/pb/header")).contains(new EndpointDiscovery.Endpoint("pingback", URI.create(site("/xmlrpc.php"))));
		assertThat(discover("/pb/link")).contains(new EndpointDiscovery.Endpoint("pingback", URI.create(site("/xmlrpc.php"))));
		assertThat(discover("/pb/both")).contains(new EndpointDiscovery.Endpoint("webmention", URI.create(site("/wm"))));
	}

	@Test
	void theGuardRefusesLoopbackTargetsAndEndpoints() throws IOException {
		html("/guarded", "<link rel=\"webmention\" href=\"/wm\"></head><body></body>");
		EndpointDiscovery guarded = new EndpointDiscovery(new OutboundGuard(false));
		assertThatThrownBy(() -> guarded.discover(URI.create(site("/guarded"))))
			.isInstanceOf(RemotePages.Refused.class).hasMessageContaining("private or local network");
		assertThatThrownBy(() -> guarded.discover(URI.create("http://10.0.0.1/page")))
			.isInstanceOf(RemotePages.Refused.class).hasMessageContaining("private or local network");

		LinkbackSender.Outcome outcome = new LinkbackSender(new OutboundGuard(false)).send("https://blog.example/p", site("/guarded"));
		assertThat(outcome.status()).isEqualTo("failed");
		assertThat(outcome.retry()).isFalse();
		assertThat(outcome.error()).contains("private or local network");
		assertThat(posted).isEmpty();
	}

	static String enc(String s) {
		return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
