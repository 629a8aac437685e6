package org.rapport.inbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.rapport.platform.Member;
import org.springframework.stereotype.Component;

/**
 * Marks the members a note mentions, so that a reader sees at a glance who was asked: each {@code @Name} that
 * {@link Mentions} would notify becomes {@code <mark class="mention">}. Works on the note's sanitised HTML, text by
 * text, so markup and links stay as they are; nothing else changes.
 */
@Component
public class NoteMentions {

	/** The note's HTML with its mentions marked; the HTML as it was when it mentions nobody. */
	public String mark(String html, Collection<Member> members) {
		if (html == null || html.indexOf('@') < 0 || members == null || members.isEmpty()) {
			return html;
		}
		List<Map.Entry<String, UUID>> handles = Mentions.handles(members);
		Document document = Jsoup.parseBodyFragment(html);
		document.outputSettings().prettyPrint(false);
		List<TextNode> texts = new java.util.ArrayList<>();
		NodeTraversor.traverse((node, depth) -> {
			if (node instanceof TextNode text && !(node.parent() instanceof Element e && e.normalName().equals("a"))) {
				texts.add(text);
			}
		}, document.body());
		boolean changed = false;
		for (TextNode text : texts) {
			String whole = text.getWholeText();
			List<Mentions.Span> spans = Mentions.spans(whole, handles);
			if (spans.isEmpty()) {
				continue;
			}
			changed = true;
			int from = 0;
			Node after = text;
			for (Mentions.Span span : spans) {
				if (span.start() > from) {
					TextNode before = new TextNode(whole.substring(from, span.start()));
					after.after(before);
					after = before;
				}
				Element mark = new Element("mark").addClass("mention").text(whole.substring(span.start(), span.end()));
				after.after(mark);
				after = mark;
				from = span.end();
			}
			if (from < whole.length()) {
				after.after(new TextNode(whole.substring(from)));
			}
			text.remove();
		}
		return changed ? document.body().html() : html;
	}
}
