package org.rapport.channels;

import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Foreign HTML never reaches a browser unsanitised: scripts, event handlers, styles, forms, frames and remote
 * images (tracking pixels) are removed; formatting, links, lists, quotes and tables stay.
 */
public final class HtmlSanitizing {

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.TABLES)
		.and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br", "span", "div").toFactory())
		.and(new HtmlPolicyBuilder().allowElements("a").requireRelsOnLinks("noopener", "noreferrer", "nofollow")
			.allowAttributes("target").matching(false, "_blank").onElements("a").toFactory());

	private HtmlSanitizing() {
	}

	public static String sanitize(String html) {
		return POLICY.sanitize(html == null ? "" : html);
	}

	private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\n");

	private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

	/** The readable text of an HTML document, for search and previews. */
	public static String toText(String html) {
		Document document = Jsoup.parse(html == null ? "" : html);
		document.select("script, style, head").remove();
		document.outputSettings().prettyPrint(false);
		document.select("br").before("\\n");
		document.select("p, div, li, tr, h1, h2, h3, h4, blockquote").before("\\n\\n");
		String text = document.text().replace("\\n", "\n");
		return BLANK_LINES.matcher(TRAILING_SPACE.matcher(text).replaceAll("\n")).replaceAll("\n\n").strip();
	}
}
