package org.rapport.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for requests to other servers, had from {@link OutboundGuard#http()}.
 * <p>
 * Its connections are pinned to checked addresses: the client's DNS resolver is the guard itself, so a host name is
 * resolved exactly once per connection, every address is checked, and the socket is opened to one of exactly those
 * addresses, never to a second lookup's answer (which a name under an attacker's control could point at loopback:
 * DNS rebinding). TLS still verifies the certificate against the host name and sends it as SNI, because the client
 * connects by address but negotiates TLS for the name. No proxy is used (a proxy would resolve the name itself).
 * <p>
 * Redirects are never followed (the caller decides per hop, and each hop passes the guard again); neither are
 * cookies kept, answers decompressed or requests retried. Bodies are read up to a limit, and a request is cut off
 * when its time is up, however slowly the server sends.
 */
public final class OutboundHttp implements AutoCloseable {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Headers the client sets itself from the body. A {@code Host} given by the caller is sent as given (a signed
	 * request must carry the value it signed); the connection still goes to the checked address.
	 */
	private static final Set<String> OWN_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

	private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "outbound-http-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	private final OutboundGuard guard;
	private final CloseableHttpClient client;

	OutboundHttp(OutboundGuard guard, Duration connectTimeout) {
		this(guard, connectTimeout, 256, 32);
	}

	/**
	 * @param connections how many connections the client keeps open at most, to all servers together
	 * @param perServer how many of them to one server (scheme, host and port)
	 */
	OutboundHttp(OutboundGuard guard, Duration connectTimeout, int connections, int perServer) {
		this.guard = guard;
		DnsResolver resolver = new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				try {
					return guard.resolve(host);
				}
				catch (IllegalArgumentException e) {
					throw new RefusedHost(e.getMessage());
				}
			}

			@Override
			public String resolveCanonicalHostname(String host) {
				return host;
			}
		};
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(resolver)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(connectTimeout))
					.setSocketTimeout(Timeout.ofSeconds(30))
					.build())
				.setMaxConnTotal(connections)
				.setMaxConnPerRoute(perServer)
				.build())
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableContentCompression()
			.disableAutomaticRetries()
			.disableAuthCaching()
			.setUserAgent("Rapport")
			.build();
	}

	/** An answer: its status, headers and at most as many body bytes as were asked for. */
	public record Response(URI uri, int status, HttpHeaders headers, byte[] body) {
	}

	/** The guard refused the address (or an address its host resolved to); trying again will not help. */
	public static final class Refused extends IOException {

		Refused(String message) {
			super(message);
		}
	}

	/** What the resolver throws for a refused host, so the client gives up without connecting anywhere. */
	private static final class RefusedHost extends UnknownHostException {

		RefusedHost(String message) {
			super(message);
		}
	}

	/**
	 * GETs an address. Throws {@link Refused} when the guard refuses it, {@link UnknownHostException} when its host
	 * does not exist and other {@link IOException}s when the connection fails or takes longer than {@code timeout}.
	 */
	public Response get(URI uri, Map<String, String> headers, Duration timeout, int maxBytes) throws IOException {
		return send(new HttpGet(uri), uri, headers, timeout, maxBytes);
	}

	/** POSTs a body (its type among the headers) to an address; fails as {@link #get} does. */
	public Response post(URI uri, Map<String, String> headers, byte[] body, Duration timeout, int maxBytes)
			throws IOException {
		HttpPost post = new HttpPost(uri);
		post.setEntity(new ByteArrayEntity(body, null));
		return send(post, uri, headers, timeout, maxBytes);
	}

	/** PUTs a body (its type among the headers) to an address; fails as {@link #get} does. */
	public Response put(URI uri, Map<String, String> headers, byte[] body, Duration timeout, int maxBytes)
			throws IOException {
		org.apache.hc.client5.http.classic.methods.HttpPut put = new org.apache.hc.client5.http.classic.methods.HttpPut(uri);
		put.setEntity(new ByteArrayEntity(body, null));
		return send(put, uri, headers, timeout, maxBytes);
	}

	/** Reads a streamed answer's body as it arrives; returning or throwing ends the stream. */
	@FunctionalInterface
	public interface BodyReader {

		void read(InputStream body) throws IOException;
	}

	/**
	 * GETs an address whose answer is a stream (server-sent events): a 2xx answer's body goes to {@code reader} as
	 * it arrives, and the call returns when the peer ends it, nothing (not even a heartbeat) came for {@code idle},
	 * or {@code cancel} was run. Another answer returns at once with up to 64 KB of its body. Fails as {@link #get}.
	 *
	 * @param cancel receives the way to end the stream from another thread
	 */
	public Response stream(URI uri, Map<String, String> headers, Duration idle, BodyReader reader,
			java.util.function.Consumer<Runnable> cancel) throws IOException {
		HttpGet request = prepared(new HttpGet(uri), uri, headers, idle);
		cancel.accept(request::cancel);
		try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
			HttpEntity entity = response.getEntity();
			int status = response.getCode();
			if (status < 200 || status >= 300 || entity == null) {
				byte[] body = entity == null ? new byte[0] : entity.getContent().readNBytes(64 * 1024);
				request.cancel();
				return new Response(uri, status, headers(response), body);
			}
			try {
				reader.read(entity.getContent());
			}
			finally {
				request.cancel();
			}
			return new Response(uri, status, headers(response), new byte[0]);
		}
		catch (RefusedHost e) {
			throw new Refused(e.getMessage());
		}
	}

	/**
	 * A request to a checked address with the caller's headers (but those the client sets itself), no redirects,
	 * and {@code timeout} for the answer (for a stream: between two reads).
	 */
	private <R extends HttpUriRequestBase> R prepared(R request, URI uri, Map<String, String> headers, Duration timeout)
			throws Refused {
		try {
			guard.checkTarget(uri);
		}
		catch (IllegalArgumentException e) {
			throw new Refused(e.getMessage());
		}
		headers.forEach((name, value) -> {
			if (!OWN_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				request.setHeader(name, value);
			}
		});
		request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).setRedirectsEnabled(false).build());
		return request;
	}

	private Response send(HttpUriRequestBase request, URI uri, Map<String, String> headers, Duration timeout,
			int maxBytes) throws IOException {
		prepared(request, uri, headers, timeout);
		ScheduledFuture<?> deadline = DEADLINES.schedule(request::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
		ClassicHttpResponse response = null;
		boolean complete = false;
		try {
			response = client.executeOpen(null, request, null);
			byte[] body = new byte[0];
			HttpEntity entity = response.getEntity();
			if (entity == null) {
				complete = true;
			}
			else {
				InputStream in = entity.getContent();
				body = in.readNBytes(maxBytes);
				complete = in.read() == -1;
			}
			return new Response(uri, response.getCode(), headers(response), body);
		}
		catch (RefusedHost e) {
			throw new Refused(e.getMessage());
		}
		catch (IOException e) {
			for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof RefusedHost refused) {
					throw new Refused(refused.getMessage());
				}
			}
			if (deadline.isDone()) {
				throw new IOException(uri + " took longer than " + timeout.toSeconds() + " s.", e);
			}
			throw e;
		}
		finally {
			deadline.cancel(false);
			if (response != null) {
				if (complete) {
					close(response, CloseMode.GRACEFUL);
				}
				else {
					// more than asked for (or a failure): drop the connection instead of reading the rest to reuse it
					request.cancel();
					close(response, CloseMode.IMMEDIATE);
				}
			}
		}
	}

	private static void close(ClassicHttpResponse response, CloseMode mode) {
		try {
			if (response instanceof ModalCloseable modal) {
				modal.close(mode);
			}
			else {
				response.close();
			}
		}
		catch (IOException e) {
			// the answer is already read; a connection that does not close cleanly is discarded by the pool
		}
	}

	private static HttpHeaders headers(ClassicHttpResponse response) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (Header header : response.getHeaders()) {
			map.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
		}
		return HttpHeaders.of(map, (name, value) -> true);
	}

	@Override
	public void close() {
		client.close(CloseMode.GRACEFUL);
	}
}
