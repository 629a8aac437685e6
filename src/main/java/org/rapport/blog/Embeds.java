package org.rapport.blog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Privacy-friendly embeds: a YouTube, Vimeo or OpenStreetMap link standing alone in its paragraph becomes a
 * placeholder that loads nothing from the provider; the reader's click loads the player (blog.js). Without script
 * the link stays a plain link, as it does in the feeds.
 */
final class Embeds {

	private static final Pattern YOUTUBE = Pattern.compile(
			"https?://(?:www\\.|m\\.)?(?:youtube\\.com/watch\\?(?:[^#\\s]*&)?v=|youtu\\.be/)([A-Za-z0-9_-]{11})\\b.*");
	private static final Pattern VIMEO = Pattern.compile("https?://(?:www\\.)?vimeo\\.com/(\\d{1,12})\\b.*");
	private static final Pattern OSM = Pattern.compile(
			"https?://(?:www\\.)?openstreetmap\\.org/.*#map=(\\d{1,2})/(-?\\d{1,3}\\.\\d+)/(-?\\d{1,3}\\.\\d+).*");

	/** What a link embeds: the provider's name and the address its player is loaded from after the click. */
	record Embed(String provider, String source) {
	}

	private Embeds() {
	}

	static Optional<Embed> of(String url) {
		Matcher m = YOUTUBE.matcher(url);
		if (m.matches()) {
			return Optional.of(new Embed("YouTube", "https://www.youtube-nocookie.com/embed/" + m.group(1)));
		}
		m = VIMEO.matcher(url);
		if (m.matches()) {
			return Optional.of(new Embed("Vimeo", "https://player.vimeo.com/video/" + m.group(1) + "?dnt=1"));
		}
		m = OSM.matcher(url);
		if (m.matches()) {
			double zoom = Integer.parseInt(m.group(1));
			double lat = Double.parseDouble(m.group(2));
			double lon = Double.parseDouble(m.group(3));
			double span = 360 / Math.pow(2, zoom);
			String box = (lon - span) + "," + (lat - span / 2) + "," + (lon + span) + "," + (lat + span / 2);
			return Optional.of(new Embed("OpenStreetMap",
					"https://www.openstreetmap.org/export/embed.html?bbox=" + box + "&layer=mapnik&marker=" + lat + "," + lon));
		}
		return Optional.empty();
	}

	/** Replaces every paragraph that holds nothing but an embeddable link by its placeholder. */
	static String apply(String sanitisedHtml) {
		Document document = Jsoup.parseBodyFragment(sanitisedHtml);
		boolean changed = false;
		for (Element paragraph : document.select("p")) {
			if (paragraph.childrenSize() != 1 || !paragraph.ownText().isBlank()) {
				continue;
			}
			Element link = paragraph.child(0);
			if (!link.tagName().equals("a")) {
				continue;
			}
			Optional<Embed> embed = of(link.attr("href"));
			if (embed.isEmpty()) {
				continue;
			}
			Element figure = new Element("figure").addClass("embed")
				.attr("data-embed-src", embed.get().source())
				.attr("data-embed-provider", embed.get().provider());
			figure.appendChild(new Element("a").attr("href", link.attr("href")).attr("rel", "noopener noreferrer")
				.text(embed.get().provider() + ": " + link.attr("href")));
			paragraph.replaceWith(figure);
			changed = true;
		}
		if (!changed) {
			return sanitisedHtml;
		}
		document.outputSettings().prettyPrint(false);
		return document.body().html();
	}
}
