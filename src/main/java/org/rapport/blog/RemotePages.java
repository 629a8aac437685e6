package org.rapport.blog;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.rapport.platform.OutboundGuard;

/**
 * Talks to other sites for linkbacks: fetches pages, following at most {@value #MAX_REDIRECTS} redirects, and posts
 * notifications. Every address, each redirect hop included, passes the {@link OutboundGuard} first, so a page or a
 * redirect can never lead Rapport into a private network. Bodies are read up to {@value #MAX_BYTES} bytes.
 */
final class RemotePages {

	static final int MAX_REDIRECTS = 5;

	static final int MAX_BYTES = 1_000_000;

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final OutboundGuard guard;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER).build();

	RemotePages(OutboundGuard guard) {
		this.guard = guard;
	}

	/** A page as it was answered at its final address, after redirects. */
	record Page(URI url, int status, HttpHeaders headers, String body) {

		boolean ok() {
			return status / 100 == 2;
		}

		boolean html() {
			String type = headers.firstValue("Content-Type").orElse("text/html").toLowerCase(Locale.ROOT);
			return type.contains("html");
		}
	}

	/** The guard refused an address; never retried. */
	static class Refused extends IOException {

		Refused(String message) {
			super(message);
		}
	}

	/**
	 * Fetches a page with GET. Throws {@link Refused} when the guard refuses an address on the way,
	 * {@link java.net.UnknownHostException} when a host does not exist, and other {@link IOException}s when the
	 * connection fails or there are too many redirects.
	 */
	Page get(URI uri) throws IOException {
		URI current = uri;
		for (int hop = 0;; hop++) {
			check(current);
			HttpResponse<InputStream> response = send(HttpRequest.newBuilder(current).timeout(Duration.ofSeconds(15))
				.header("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
				.header("User-Agent", "Rapport linkbacks")
				.GET()
				.build());
			var location = response.headers().firstValue("Location");
			if (REDIRECTS.contains(response.statusCode()) && location.isPresent()) {
				response.body().close();
				if (hop == MAX_REDIRECTS) {
					throw new IOException("More than " + MAX_REDIRECTS + " redirects from " + uri + ".");
				}
				current = resolve(current, location.get());
				continue;
			}
			return new Page(current, response.statusCode(), response.headers(), read(response));
		}
	}

	/** Posts a body to an address without following redirects; answers the status and up to 64 kB of the reply. */
	Page post(URI uri, String contentType, String body) throws IOException {
		check(uri);
		HttpResponse<InputStream> response = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
			.header("Content-Type", contentType)
			.header("User-Agent", "Rapport linkbacks")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build());
		return new Page(uri, response.statusCode(), response.headers(), read(response));
	}

	private void check(URI uri) throws IOException {
		if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
			throw new Refused("Only http and https addresses are contacted, not '" + uri + "'.");
		}
		InetAddress.getAllByName(uri.getHost()); // an UnknownHostException says the address does not exist
		try {
			guard.checkUri(uri);
		}
		catch (IllegalArgumentException e) {
			throw new Refused(e.getMessage());
		}
	}

	private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while contacting " + request.uri() + ".");
		}
	}

	/**
	 * Resolves a reference as browsers do (an empty one is the page itself, a query-only one keeps the path), which
	 * {@link URI#resolve} does not; jsoup's resolver follows the URL standard.
	 */
	static URI resolve(URI base, String reference) throws IOException {
		String resolved = org.jsoup.internal.StringUtil.resolve(base.toString(), reference.strip());
		try {
			return new URI(resolved);
		}
		catch (java.net.URISyntaxException e) {
			throw new IOException("'" + reference + "' is not an address.");
		}
	}

	private static String read(HttpResponse<InputStream> response) throws IOException {
		try (InputStream in = response.body()) {
			byte[] bytes = in.readNBytes(MAX_BYTES);
			return new String(bytes, charset(response.headers()));
		}
	}

	private static Charset charset(HttpHeaders headers) {
		String type = headers.firstValue("Content-Type").orElse("");
		int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
		if (at >= 0) {
			String name = type.substring(at + 8).replace("\"", "").split("[;\\s]")[0];
			try {
				return Charset.forName(name);
			}
			catch (IllegalArgumentException e) {
				return StandardCharsets.UTF_8;
			}
		}
		return StandardCharsets.UTF_8;
	}
}
