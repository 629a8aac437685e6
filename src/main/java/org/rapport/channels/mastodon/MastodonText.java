package org.rapport.channels.mastodon;

import java.text.BreakIterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a status is as a Mastodon instance counts it (its status length validator): every link counts as the
 * instance's {@code characters_reserved_per_url}, a mention of someone on another server counts without its domain,
 * and the rest counts in graphemes (a family emoji or a flag counts once).
 */
final class MastodonText {

	private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

	/** A remote mention, {@code @name@domain}: its domain does not count. */
	private static final Pattern REMOTE_MENTION = Pattern.compile("(?<![\\w/])(@[\\w.]+)@[\\w.-]+\\w");

	private MastodonText() {
	}

	/** The length of a status as the instance counts it. */
	static int length(String text, int charactersPerUrl) {
		StringBuilder countable = new StringBuilder();
		Matcher url = URL.matcher(text);
		int at = 0;
		while (url.find()) {
			countable.append(text, at, url.start()).append("x".repeat(Math.max(0, charactersPerUrl)));
			at = url.end();
		}
		countable.append(text.substring(at));
		String withoutDomains = REMOTE_MENTION.matcher(countable).replaceAll("$1");
		return graphemes(withoutDomains);
	}

	private static int graphemes(String text) {
		BreakIterator characters = BreakIterator.getCharacterInstance();
		characters.setText(text);
		int count = 0;
		while (characters.next() != BreakIterator.DONE) {
			count++;
		}
		return count;
	}
}
