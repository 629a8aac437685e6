package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SSRF guard against a corpus of hostile targets: every form of a loopback, private, link-local, shared,
 * reserved or multicast address — IPv4 written in decimal, octal or hex, IPv6 forms that embed IPv4, names that
 * resolve inward, user-info tricks and other schemes — is refused; and a name that changes its answer between
 * lookups (DNS rebinding) never leads to a connection inward, because the address checked is the address connected to.
 */
class OutboundGuardTests {

	/** A resolver with a few test names; everything else goes to the system resolver. */
	static final OutboundGuard.Resolver NAMES = host -> switch (host) {
		case "internal.example" -> addresses("127.0.0.1");
		case "private.example" -> addresses("10.1.2.3");
		case "metadata.example" -> addresses("169.254.169.254");
		case "mixed.example" -> addresses("203.0.113.10", "192.168.1.1");
		case "v6loopback.example" -> addresses("::1");
		case "v6ula.example" -> addresses("fd00::1");
		case "nat64.example" -> addresses("64:ff9b::a9fe:a9fe");
		case "sixtofour.example" -> addresses("2002:7f00:1::1");
		case "public.example" -> addresses("203.0.113.10");
		case "public6.example" -> addresses("2606:4700:4700::1111");
		default -> InetAddress.getAllByName(host);
	};

	static InetAddress[] addresses(String... literals) throws UnknownHostException {
		InetAddress[] result = new InetAddress[literals.length];
		for (int i = 0; i < literals.length; i++) {
			result[i] = InetAddress.getByName(literals[i]);
		}
		return result;
	}

	final OutboundGuard guard = new OutboundGuard(false, NAMES);

	static Stream<String> hostileTargets() {
		return Stream.of(
				// IPv4 loopback, in every spelling browsers and curl accept
				"http://127.0.0.1/", "http://127.0.0.1:8080/admin", "http://127.1/", "http://127.0.1/", "http://127.255.255.254/",
				"http://2130706433/", "http://017700000001/", "http://0x7f000001/", "http://0x7f.1/", "http://0177.0.0.1/",
				"http://0177.1/", "http://0x7f.0.0.1/", "http://0X7F.0X0.0X0.0X1/", "http://127.000.000.001/", "http://0127.0.0.1/",
				"http://127.0.0.1./", "https://127.0.0.1:443/", "http://0x7F.00.0.01/",
				// this network, unspecified
				"http://0.0.0.0/", "http://0/", "http://0x0/", "http://00.0.0.0/", "http://0.1.2.3/", "http://0.0.0.0:22/",
				// private networks
				"http://10.0.0.1/", "http://10.255.255.255/", "http://012.0.0.1/", "http://167772161/", "http://0xa000001/",
				"http://172.16.0.1/", "http://172.31.255.255/", "http://2886729729/", "http://192.168.0.1/",
				"http://192.168.1.1/", "http://3232235777/", "http://0xc0a80101/", "http://0300.0250.01.01/",
				// link-local and cloud metadata
				"http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://2852039166/", "http://0xa9fea9fe/",
				"http://0251.0376.0251.0376/", "http://169.254.169.254.:80/",
				// shared address space, benchmarking, IETF protocol assignments
				"http://100.64.0.1/", "http://100.127.255.254/", "http://198.18.0.1/", "http://198.19.255.255/",
				"http://192.0.0.1/", "http://192.0.0.170/",
				// multicast, reserved, broadcast
				"http://224.0.0.1/", "http://239.255.255.250/", "http://240.0.0.1/", "http://255.255.255.255/",
				"http://4294967295/",
				// not an address at all, but numeric: refused, never looked up as a name
				"http://256.0.0.1/", "http://1.2.3.4.5/", "http://0x100000000/", "http://127.0.0.0x1g/",
				// IPv6 loopback, unspecified, and IPv4-mapped / -compatible / -translated forms
				"http://[::]/", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[0000::0001]:80/",
				"http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/",
				"http://[::ffff:a9fe:a9fe]/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:0:127.0.0.1]/",
				"http://[::127.0.0.1]/", "http://[::7f00:1]/", "http://[::10.0.0.1]/", "http://[::a9fe:a9fe]/",
				// NAT64, well-known and local-use prefixes
				"http://[64:ff9b::127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::a9fe:a9fe]/",
				"http://[64:ff9b::10.0.0.1]/", "http://[64:ff9b:1::a9fe:a9fe]/", "http://[64:ff9b:1:7f00:0:100::]/",
				// 6to4 and Teredo (client address obfuscated, or a loopback server)
				"http://[2002:7f00:1::]/", "http://[2002:7f00:0001::1]/", "http://[2002:a9fe:a9fe::1]/", "http://[2002:c0a8:101::1]/",
				"http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "http://[2001:0:7f00:1::1]/",
				// ISATAP interface identifiers
				"http://[2001:db8::5efe:7f00:1]/", "http://[2001:db8::200:5efe:a9fe:a9fe]/",
				// IPv6 link-local (with a zone), site-local, unique local, multicast, discard, benchmarking
				"http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[fe80::1%eth0]/", "http://[febf::1]/", "http://[fec0::1]/",
				"http://[fc00::1]/", "http://[fd00::1]/", "http://[fd12:3456:789a::1]/", "http://[ff02::1]/", "http://[ff05::1:3]/",
				"http://[100::1]/", "http://[2001:2::1]/",
				// names for this host, and names that resolve inward
				"http://localhost/", "http://localhost./", "http://LOCALHOST/", "http://localhost:8080/", "http://x.localhost/",
				"http://x.localhost./", "http://a.b.localhost/", "http://internal.example/", "http://private.example/",
				"http://metadata.example/", "http://mixed.example/", "http://v6loopback.example/", "http://v6ula.example/",
				"http://nat64.example/", "http://sixtofour.example/",
				// user info and other tricks that put the real host elsewhere than it seems
				"http://example.org@127.0.0.1/", "http://user:pass@example.org/", "http://public.example@10.0.0.1/",
				"http://127.0.0.1#@example.org/", "http://127.0.0.1:80\\@example.org/", "http://example.org%40127.0.0.1/",
				"http://[::1]@example.org/", "http://127.0.0.1 /", "http://127.0.0.1%09/",
				// other schemes, and addresses without a usable authority
				"file:///etc/passwd", "file://127.0.0.1/etc/passwd", "gopher://127.0.0.1:70/_GET", "ftp://127.0.0.1/",
				"ftp://example.org/", "jar:http://example.org/a.jar!/x", "jar:file:///tmp/a.jar!/x", "dict://127.0.0.1:11211/",
				"ldap://127.0.0.1/", "netdoc:///etc/passwd", "mailto:a@example.org", "data:text/plain,hi", "javascript:alert(1)",
				"ws://127.0.0.1/", "//127.0.0.1/", "http:/127.0.0.1/", "http:///127.0.0.1/", "http://", "/relative");
	}

	@Test
	void theCorpusIsLarge() {
		assertThat(hostileTargets().count()).isGreaterThanOrEqualTo(140);
	}

	@ParameterizedTest
	@MethodSource("hostileTargets")
	void refusesHostileTarget(String target) {
		assertThatThrownBy(() -> guard.checkUri(URI.create(target)))
			.as(target)
			.isInstanceOf(IllegalArgumentException.class)
			// refused for what it is, not because a name could not be looked up
			.satisfies(e -> assertThat(e.getMessage()).as(target).doesNotContain("cannot be found"));
	}

	@ParameterizedTest
	@MethodSource("hostileTargets")
	void theGuardedClientRefusesHostileTargetWithoutConnecting(String target) throws Exception {
		try (LocalServer server = new LocalServer()) {
			String local = target.replace("127.0.0.1", "127.0.0.1:" + server.port()).replace("[::1]", "[::1]:" + server.port());
			URI uri;
			try {
				uri = URI.create(local);
			}
			catch (IllegalArgumentException e) {
				return; // not even an address: nothing can be fetched
			}
			assertThatThrownBy(() -> guard.http().get(uri, Map.of(), Duration.ofSeconds(2), 1000))
				.as(local).isInstanceOf(OutboundHttp.Refused.class);
			assertThat(server.hits()).as(local).isZero();
		}
	}

	/** Host names as an HTTP client hands them to its resolver: without brackets or scheme. */
	@ParameterizedTest
	@MethodSource("hostileHosts")
	void theResolverRefusesHostileHost(String host) {
		assertThatThrownBy(() -> guard.resolve(host)).as(host).isInstanceOf(IllegalArgumentException.class);
	}

	static Stream<String> hostileHosts() {
		return Stream.of("127.0.0.1", "127.1", "2130706433", "0x7f.1", "0177.0.0.1", "::1", "[::1]", "::", "::ffff:127.0.0.1",
				"::ffff:7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "fe80::1%eth0", "fe80::1", "fd00::1", "0.0.0.0",
				"169.254.169.254", "100.64.0.1", "198.18.0.1", "255.255.255.255", "224.0.0.251", "localhost", "localhost.",
				"x.localhost", "internal.example", "mixed.example", "", " ");
	}

	@Test
	void publicTargetsPass() {
		for (String target : List.of("http://203.0.113.10/", "https://203.0.113.10:8443/x?y=1", "http://8.8.8.8/",
				"http://[2606:4700:4700::1111]/", "http://[2001:4860:4860::8888]/", "http://[::ffff:8.8.8.8]/",
				"http://[64:ff9b::808:808]/", "http://[2002:808:808::1]/", "http://public.example/", "https://public6.example/")) {
			assertThatCode(() -> guard.checkUri(URI.create(target))).as(target).doesNotThrowAnyException();
		}
		assertThatThrownBy(() -> guard.checkUri(URI.create("http://no-such-host.invalid/")))
			.hasMessageContaining("cannot be found");
	}

	@Test
	void allowsPrivateTargetsWhenConfigured() {
		OutboundGuard open = new OutboundGuard(true, NAMES);
		assertThatCode(() -> open.checkHost("127.0.0.1")).doesNotThrowAnyException();
		assertThatCode(() -> open.checkUri(URI.create("http://internal.example/"))).doesNotThrowAnyException();
		assertThatCode(() -> open.checkUri(URI.create("http://localhost:8080/"))).doesNotThrowAnyException();
		// other schemes and ambiguous spellings stay refused
		assertThatThrownBy(() -> open.checkUri(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> open.checkUri(URI.create("http://0x7f.0.0.1/"))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aNameThatRebindsToLoopbackAfterTheCheckIsNeverConnectedTo() throws Exception {
		try (LocalServer server = new LocalServer()) {
			AtomicInteger lookups = new AtomicInteger();
			// First answer public, every later one loopback: a check-then-connect client would check the first answer
			// and connect to the second.
			OutboundGuard rebinding = new OutboundGuard(false, host -> lookups.getAndIncrement() == 0
					? addresses("203.0.113.10") : addresses("127.0.0.1"));
			OutboundHttp http = new OutboundHttp(rebinding, Duration.ofMillis(500));
			URI uri = URI.create("http://rebind.example:" + server.port() + "/");
			assertThatThrownBy(() -> http.get(uri, Map.of(), Duration.ofSeconds(2), 1000)).isInstanceOf(IOException.class);
			assertThat(lookups.get()).as("resolved once per request").isEqualTo(1);
			// A second request resolves afresh, gets loopback and is refused before connecting.
			assertThatThrownBy(() -> http.get(uri, Map.of(), Duration.ofSeconds(2), 1000)).isInstanceOf(OutboundHttp.Refused.class);
			assertThat(server.hits()).isZero();
		}
	}

	@Test
	void theClientConnectsToTheAddressItResolvedAndChecked() throws Exception {
		try (LocalServer server = new LocalServer()) {
			AtomicInteger lookups = new AtomicInteger();
			// First answer the local server, any later one an address that answers nothing: only a client that
			// connects to the address it resolved (once) reaches the server.
			OutboundGuard pinned = new OutboundGuard(true, host -> lookups.getAndIncrement() == 0
					? addresses("127.0.0.1") : addresses("203.0.113.10"));
			OutboundHttp http = new OutboundHttp(pinned, Duration.ofMillis(500));
			OutboundHttp.Response response = http.get(URI.create("http://pinned.example:" + server.port() + "/hello"),
					Map.of("Accept", "text/plain"), Duration.ofSeconds(5), 1000);
			assertThat(response.status()).isEqualTo(200);
			assertThat(new String(response.body())).isEqualTo("hello");
			assertThat(server.hits()).isEqualTo(1);
			assertThat(server.lastHost()).isEqualTo("pinned.example:" + server.port());
			assertThat(lookups.get()).isEqualTo(1);
		}
	}

	@Test
	void answersAreCutAtTheLimitAndRedirectsAreNotFollowed() throws Exception {
		try (LocalServer server = new LocalServer()) {
			OutboundHttp http = new OutboundHttp(new OutboundGuard(true), Duration.ofSeconds(2));
			OutboundHttp.Response big = http.get(URI.create("http://127.0.0.1:" + server.port() + "/big"), Map.of(),
					Duration.ofSeconds(5), 1000);
			assertThat(big.body()).hasSize(1000);
			OutboundHttp.Response redirect = http.get(URI.create("http://127.0.0.1:" + server.port() + "/redirect"), Map.of(),
					Duration.ofSeconds(5), 1000);
			assertThat(redirect.status()).isEqualTo(302);
			assertThat(redirect.headers().firstValue("location")).hasValue("http://169.254.169.254/");
		}
	}

	/** A loopback HTTP server that counts the requests it gets. */
	static final class LocalServer implements AutoCloseable {

		private final HttpServer server;
		private final AtomicInteger hits = new AtomicInteger();
		private volatile String lastHost;

		LocalServer() throws IOException {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				hits.incrementAndGet();
				lastHost = exchange.getRequestHeaders().getFirst("Host");
				String path = exchange.getRequestURI().getPath();
				if (path.equals("/redirect")) {
					exchange.getResponseHeaders().add("Location", "http://169.254.169.254/");
					exchange.sendResponseHeaders(302, -1);
				}
				else {
					byte[] body = path.equals("/big") ? new byte[1_000_000] : "hello".getBytes();
					exchange.sendResponseHeaders(200, body.length);
					exchange.getResponseBody().write(body);
				}
				exchange.close();
			});
			server.start();
		}

		int port() {
			return server.getAddress().getPort();
		}

		int hits() {
			return hits.get();
		}

		String lastHost() {
			return lastHost;
		}

		@Override
		public void close() {
			server.stop(0);
		}
	}
}
