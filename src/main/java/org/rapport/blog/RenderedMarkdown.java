package org.rapport.blog;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.rapport.channels.HtmlSanitizing;

/**
 * A post's Markdown rendered with CommonMark (GFM tables, autolinks) and sanitised: what a member writes may
 * format, link, quote and show images, but never run a script, style the page or hold a form.
 *
 * @param html sanitised HTML for the page and the feeds
 * @param text the readable text, for search, excerpt and reading time
 * @param excerpt the opening sentences, at most about {@value #EXCERPT} characters
 * @param readingMinutes at about {@value #WORDS_PER_MINUTE} words a minute, at least one
 */
public record RenderedMarkdown(String html, String text, String excerpt, int readingMinutes) {

	static final int WORDS_PER_MINUTE = 200;

	static final int EXCERPT = 220;

	private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());

	private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.LINKS)
		.and(Sanitizers.TABLES)
		.and(Sanitizers.IMAGES)
		.and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br", "span", "div", "del", "s", "figure",
				"figcaption")
			.allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+#-]{1,30}")).onElements("code")
			.toFactory())
		.and(new HtmlPolicyBuilder().allowElements("a").requireRelsOnLinks("noopener", "noreferrer")
			.allowAttributes("target").matching(false, "_blank").onElements("a").toFactory());

	/** Renders and sanitises Markdown; headings move one level down, as the page's title is its only h1. */
	public static RenderedMarkdown of(String markdown) {
		Node document = PARSER.parse(markdown == null ? "" : markdown);
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(Heading heading) {
				heading.setLevel(Math.min(6, heading.getLevel() + 1));
				visitChildren(heading);
			}
		});
		String raw = RENDERER.render(document);
		String html = Embeds.apply(POLICY.sanitize(raw));
		String text = HtmlSanitizing.toText(html);
		int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
		int minutes = Math.max(1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
		return new RenderedMarkdown(html, text, excerpt(html), minutes);
	}

	/** The text of the first paragraphs, cut at a word boundary. */
	static String excerpt(String html) {
		StringBuilder excerpt = new StringBuilder();
		for (var paragraph : Jsoup.parseBodyFragment(html).select("p")) {
			String text = paragraph.text().strip();
			if (text.isEmpty()) {
				continue;
			}
			if (!excerpt.isEmpty()) {
				excerpt.append(' ');
			}
			excerpt.append(text);
			if (excerpt.length() >= EXCERPT) {
				break;
			}
		}
		if (excerpt.isEmpty()) {
			excerpt.append(Jsoup.parseBodyFragment(html).text().strip());
		}
		return shorten(excerpt.toString(), EXCERPT);
	}

	static String shorten(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int cut = text.lastIndexOf(' ', max - 1);
		return text.substring(0, cut > max / 2 ? cut : max - 1).replaceAll("[\\s,;:.–-]+$", "") + "…";
	}
}
