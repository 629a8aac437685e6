package org.rapport.blog;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A fetched source page read for a linkback: whether it links to the target and, if so, what to show — its title,
 * the site's name and the text around the link — always as plain text.
 */
final class LinkingPage {

	private final Document document;
	private final URI url;

	LinkingPage(String html, URI url) {
		this.document = Jsoup.parse(html, url.toString());
		this.url = url;
	}

	/** The first element linking to the target: an anchor, a link, or an image, video or audio source. */
	Optional<Element> linkTo(String target) {
		return document.select("a[href], link[href], img[src], video[src], audio[src]").stream()
			.filter(e -> sameAddress(target, e.hasAttr("href") ? e.absUrl("href") : e.absUrl("src")))
			.findFirst();
	}

	String title() {
		return plain(document.title(), 200);
	}

	/** The site's name from {@code og:site_name}, else its host. */
	String siteName() {
		Element og = document.selectFirst("meta[property=og:site_name][content]");
		return plain(og != null && !og.attr("content").isBlank() ? og.attr("content") : url.getHost(), 100);
	}

	/** The text around the link: its paragraph, list item or quote, else the link's parent, else the page's text. */
	String excerpt(Element link) {
		Element block = link.closest("p, li, blockquote, dd, td, figcaption, h1, h2, h3, h4, h5, h6");
		if (block == null) {
			block = link.parent();
		}
		String text = block == null ? "" : block.text();
		return plain(text.isBlank() ? document.text() : text, 300);
	}

	/**
	 * Whether a link names the target: the same address up to the case of scheme and host, a fragment and a trailing
	 * slash, which readers and blog engines add freely.
	 */
	static boolean sameAddress(String target, String link) {
		return !link.isEmpty() && comparable(target).equals(comparable(link));
	}

	private static String comparable(String address) {
		try {
			URI uri = new URI(address);
			String path = uri.getRawPath() == null ? "" : uri.getRawPath();
			if (path.endsWith("/")) {
				path = path.substring(0, path.length() - 1);
			}
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
			int port = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
			return scheme + "://" + host + ":" + port + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		}
		catch (java.net.URISyntaxException e) {
			return address;
		}
	}

	/** Foreign text as plain text: markup dropped, control characters and runs of space collapsed, shortened. */
	static String plain(String text, int max) {
		String t = text == null ? "" : Jsoup.parse(text).text();
		t = t.replaceAll("[\\p{Cc}\\p{Cf}]", " ").replaceAll("\\s+", " ").strip();
		return t.length() <= max ? t : t.substring(0, max - 1) + "…";
	}
}
