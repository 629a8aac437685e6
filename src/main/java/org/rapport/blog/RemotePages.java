package org.rapport.blog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.rapport.platform.OutboundGuard;
import org.rapport.platform.OutboundHttp;

/**
 * Talks to other sites for linkbacks: fetches pages, following at most {@value #MAX_REDIRECTS} redirects, and posts
 * notifications. Every request goes through the {@link OutboundGuard}'s client, which connects only to addresses the
 * guard resolved and checked; each redirect hop is a request of its own and passes the guard again, so a page or a
 * redirect can never lead Rapport into a private network. Bodies are read up to {@value #MAX_BYTES} bytes.
 */
final class RemotePages {

	static final int MAX_REDIRECTS = 5;

	static final int MAX_BYTES = 1_000_000;

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final OutboundHttp http;

	RemotePages(OutboundGuard guard) {
		this.http = guard.http();
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
			URI target = current;
			OutboundHttp.Response response = send(() -> http.get(target, Map.of(
					"Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
					"User-Agent", "Rapport linkbacks"), Duration.ofSeconds(15), MAX_BYTES));
			var location = response.headers().firstValue("Location");
			if (REDIRECTS.contains(response.status()) && location.isPresent()) {
				if (hop == MAX_REDIRECTS) {
					throw new IOException("More than " + MAX_REDIRECTS + " redirects from " + uri + ".");
				}
				current = resolve(current, location.get());
				continue;
			}
			return new Page(current, response.status(), response.headers(), text(response));
		}
	}

	/** Posts a body to an address without following redirects; answers the status and up to {@value #MAX_BYTES} bytes of the reply. */
	Page post(URI uri, String contentType, String body) throws IOException {
		OutboundHttp.Response response = send(() -> http.post(uri, Map.of("Content-Type", contentType,
				"User-Agent", "Rapport linkbacks"), body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20), MAX_BYTES));
		return new Page(uri, response.status(), response.headers(), text(response));
	}

	private interface Request {

		OutboundHttp.Response send() throws IOException;
	}

	private static OutboundHttp.Response send(Request request) throws IOException {
		try {
			return request.send();
		}
		catch (OutboundHttp.Refused e) {
			throw new Refused(e.getMessage());
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

	private static String text(OutboundHttp.Response response) {
		return new String(response.body(), charset(response.headers()));
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
