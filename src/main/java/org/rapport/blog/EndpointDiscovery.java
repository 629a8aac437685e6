package org.rapport.blog;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.rapport.platform.LinkHeaders;
import org.rapport.platform.OutboundGuard;

/**
 * Finds where a page wants to be told that someone links to it. Webmention first, exactly as the W3C
 * Recommendation says: the first HTTP {@code Link} header with rel {@code webmention}, else the first
 * {@code <link>} or {@code <a>} element with that rel and an href, in document order (comments and escaped markup
 * are not elements, so they never count); the endpoint is resolved against the page's final address after
 * redirects, an empty href meaning the page itself, and its query string is kept. Failing that, a Pingback server
 * from the {@code X-Pingback} header or a {@code <link rel="pingback">}.
 */
final class EndpointDiscovery {

	private final RemotePages pages;

	EndpointDiscovery(OutboundGuard guard) {
		this(new RemotePages(guard));
	}

	EndpointDiscovery(RemotePages pages) {
		this.pages = pages;
	}

	/** Where to notify a page, and by which protocol. */
	record Endpoint(String protocol, URI uri) {

		static final String WEBMENTION = "webmention";

		static final String PINGBACK = "pingback";
	}

	/**
	 * Fetches the target and finds its endpoint; empty when it advertises none. Throws
	 * {@link RemotePages.Refused} for addresses the guard refuses, {@link IOException} when the target cannot be
	 * fetched.
	 */
	Optional<Endpoint> discover(URI target) throws IOException {
		RemotePages.Page page = pages.get(target);
		if (!page.ok()) {
			throw new IOException("The target answered " + page.status() + ".");
		}
		return discover(page);
	}

	static Optional<Endpoint> discover(RemotePages.Page page) throws IOException {
		for (LinkHeaders.Link link : LinkHeaders.parse(page.headers().allValues("Link"))) {
			if (link.hasRel(Endpoint.WEBMENTION)) {
				return Optional.of(new Endpoint(Endpoint.WEBMENTION, RemotePages.resolve(page.url(), link.reference())));
			}
		}
		Document document = page.html() ? Jsoup.parse(page.body()) : null;
		if (document != null) {
			for (Element element : document.select("link[rel], a[rel]")) {
				if (hasRel(element, Endpoint.WEBMENTION) && element.hasAttr("href")) {
					return Optional.of(new Endpoint(Endpoint.WEBMENTION, RemotePages.resolve(page.url(), element.attr("href"))));
				}
			}
		}
		Optional<String> xPingback = page.headers().firstValue("X-Pingback").filter(v -> !v.isBlank());
		if (xPingback.isPresent()) {
			return Optional.of(new Endpoint(Endpoint.PINGBACK, RemotePages.resolve(page.url(), xPingback.get())));
		}
		if (document != null) {
			for (Element element : document.select("link[rel][href]")) {
				if (hasRel(element, Endpoint.PINGBACK) && !element.attr("href").isBlank()) {
					return Optional.of(new Endpoint(Endpoint.PINGBACK, RemotePages.resolve(page.url(), element.attr("href"))));
				}
			}
		}
		return Optional.empty();
	}

	private static boolean hasRel(Element element, String rel) {
		return Arrays.asList(element.attr("rel").toLowerCase(Locale.ROOT).strip().split("\\s+")).contains(rel);
	}
}
