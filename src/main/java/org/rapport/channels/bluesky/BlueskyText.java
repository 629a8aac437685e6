package org.rapport.channels.bluesky;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.BreakIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's text as Bluesky wants it: at most {@value #MAX_GRAPHEMES} graphemes and {@value #MAX_BYTES} UTF-8 bytes,
 * with facets for links, mentions and tags whose {@code byteStart}/{@code byteEnd} count UTF-8 <em>bytes</em> of
 * the text (end exclusive), not characters: an emoji before a link moves it by four bytes but two Java chars.
 */
final class BlueskyText {

	static final int MAX_GRAPHEMES = 300;
	static final int MAX_BYTES = 3000;

	/** What a direct message takes (chat.bsky.convo.defs#messageInput: maxGraphemes 1000, maxLength 10000). */
	static final int MAX_MESSAGE_GRAPHEMES = 1000;
	static final int MAX_MESSAGE_BYTES = 10000;

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
	private static final Pattern MENTION = Pattern.compile("(?<=^|[\\s(\\[])@([a-zA-Z0-9][a-zA-Z0-9.-]*\\.[a-zA-Z][a-zA-Z0-9-]*)");
	private static final Pattern TAG = Pattern.compile("(?<=^|\\s)[#＃]([^\\s\\p{Punct}\\d][^\\s#]*|\\d+[^\\s\\d\\p{Punct}][^\\s#]*)");
	private static final String TRAILING = ".,;:!?)]}'\"";
	private static final String TID_CHARS = "234567abcdefghijklmnopqrstuvwxyz";
	private static final SecureRandom RANDOM = new SecureRandom();

	private BlueskyText() {
	}

	/** A text too long for one post: what it has and what Bluesky takes. */
	static final class TooLong extends Exception {

		TooLong(String message) {
			super(message);
		}
	}

	/** The number of graphemes (user-perceived characters, e.g. a family emoji or a flag counts once). */
	static int graphemes(String text) {
		BreakIterator it = BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
		it.setText(text);
		int count = 0;
		while (it.next() != BreakIterator.DONE) {
			count++;
		}
		return count;
	}

	static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/** Refuses a text Bluesky would refuse as a post, before anything is sent. */
	static void checkLength(String text) throws TooLong {
		checkLength(text, MAX_GRAPHEMES, MAX_BYTES, "post");
	}

	/** Refuses a text the chat service would refuse as a direct message, before anything is sent. */
	static void checkMessageLength(String text) throws TooLong {
		checkLength(text, MAX_MESSAGE_GRAPHEMES, MAX_MESSAGE_BYTES, "direct message");
	}

	private static void checkLength(String text, int maxGraphemes, int maxBytes, String per) throws TooLong {
		int graphemes = graphemes(text);
		if (graphemes > maxGraphemes) {
			throw new TooLong("Bluesky takes at most " + maxGraphemes + " characters per " + per + "; this text has "
					+ graphemes + ". Shorten it.");
		}
		int bytes = bytes(text);
		if (bytes > maxBytes) {
			throw new TooLong("Bluesky takes at most " + maxBytes + " bytes per " + per + "; this text has " + bytes
					+ ". Shorten it.");
		}
	}

	/**
	 * The facets of a text: links, mentions of handles that {@code didOf} knows (others stay plain text), tags.
	 */
	static List<Map<String, Object>> facets(String text, Function<String, Optional<String>> didOf) {
		List<Map<String, Object>> facets = new ArrayList<>();
		Matcher link = LINK.matcher(text);
		while (link.find()) {
			int end = trimmed(text, link.start(), link.end());
			facets.add(facet(text, link.start(), end,
					Map.of("$type", "app.bsky.richtext.facet#link", "uri", text.substring(link.start(), end))));
		}
		Matcher mention = MENTION.matcher(text);
		while (mention.find()) {
			int end = trimmed(text, mention.start(), mention.end());
			String handle = text.substring(mention.start(1), end);
			if (inside(facets, text, mention.start())) {
				continue;
			}
			didOf.apply(handle).ifPresent(did -> facets.add(facet(text, mention.start(), end,
					Map.of("$type", "app.bsky.richtext.facet#mention", "did", did))));
		}
		Matcher tag = TAG.matcher(text);
		while (tag.find()) {
			int end = trimmed(text, tag.start(), tag.end());
			String name = text.substring(tag.start(1), end);
			if (name.isEmpty() || graphemes(name) > 64 || inside(facets, text, tag.start())) {
				continue;
			}
			facets.add(facet(text, tag.start(), end, Map.of("$type", "app.bsky.richtext.facet#tag", "tag", name)));
		}
		facets.sort(java.util.Comparator.comparingInt(f -> byteStart(f)));
		return facets;
	}

	@SuppressWarnings("unchecked")
	private static int byteStart(Map<String, Object> facet) {
		return (Integer) ((Map<String, Object>) facet.get("index")).get("byteStart");
	}

	@SuppressWarnings("unchecked")
	private static boolean inside(List<Map<String, Object>> facets, String text, int charIndex) {
		int at = bytes(text.substring(0, charIndex));
		return facets.stream().map(f -> (Map<String, Object>) f.get("index"))
			.anyMatch(i -> (Integer) i.get("byteStart") <= at && at < (Integer) i.get("byteEnd"));
	}

	private static int trimmed(String text, int start, int end) {
		while (end > start + 1 && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		return end;
	}

	private static Map<String, Object> facet(String text, int start, int end, Map<String, Object> feature) {
		Map<String, Object> index = new LinkedHashMap<>();
		index.put("byteStart", bytes(text.substring(0, start)));
		index.put("byteEnd", bytes(text.substring(0, end)));
		Map<String, Object> facet = new LinkedHashMap<>();
		facet.put("index", index);
		facet.put("features", List.of(feature));
		return facet;
	}

	/**
	 * A record key in the TID form posts use: microseconds since the epoch and a random clock id, 13 characters of
	 * base32-sortable.
	 */
	static String tid(Instant now) {
		long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
		long value = ((micros & 0x1F_FFFF_FFFF_FFFFL) << 10) | RANDOM.nextInt(1024);
		char[] out = new char[13];
		for (int i = 12; i >= 0; i--) {
			out[i] = TID_CHARS.charAt((int) (value & 31));
			value >>>= 5;
		}
		return new String(out);
	}
}
