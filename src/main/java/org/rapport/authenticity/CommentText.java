package org.rapport.authenticity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A comment as a spam filter sees it: lower-cased words, word pairs and character 3- to 5-grams (which survive
 * misspellings, run-together words and the missing spaces of short texts), hashed into {@value #DIMENSIONS}
 * buckets, plus a few signs of form (a link, shouting, !!!, length). The words with the signs of form and the
 * character grams weigh half each. Digits count as 0, so that numbers of views
 * or prices do not each make a word of their own; a link counts as the word {@code xurl} and its domain.
 */
final class CommentText {

	static final int DIMENSIONS = 1 << 18;

	/** Fewer words than this, and no link: too short to be judged spam (FreeScout #2649 marked "Danke!" as spam). */
	static final int SHORT = 3;

	/** The endings of domains that count as a link without {@code http://} or {@code www.}. */
	private static final List<String> ENDINGS = List.of("com", "net", "org", "info", "biz", "ly", "tk", "xyz", "io", "me",
			"tv", "co", "de", "ru", "ro", "pl", "us");

	static final Pattern LINK = Pattern.compile(
			"https?://|www\\.|\\b[\\p{L}\\p{N}-]++\\.(" + String.join("|", ENDINGS) + ")\\b", Pattern.CASE_INSENSITIVE);

	/** What the lower-cased text of every link {@link #LINK} finds contains: most texts contain none of them. */
	private static final List<String> LINK_MARKS = Stream
		.concat(Stream.of("://", "www."), ENDINGS.stream().map(ending -> "." + ending))
		.toList();

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
	private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");

	/** Lower-cased, digits kept: what the built-in cues read. */
	final String lower;
	/** Lower-cased, links as their domains, digits as 0: what the words come from. */
	final String normalised;
	final List<String> words;
	final boolean link;
	/** The hashed features, sorted and without repeats. */
	final int[] features;
	/**
	 * Each feature's value, parallel to {@link #features}: the words, word pairs and signs of form share half of the
	 * text's length, the character grams the other half (each part scaled to length √½).
	 */
	final float[] values;

	private CommentText(String text) {
		String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).replace("\uFEFF", "").replace("\u200B", "");
		this.lower = nfkc.toLowerCase(Locale.ROOT);
		this.link = mayLink(lower) && LINK.matcher(nfkc).find();
		// only a text with a link pays for the second expression; most have none
		this.normalised = DIGIT.matcher(link ? linksAsDomains(lower) : lower).replaceAll("0");
		this.words = new ArrayList<>();
		Matcher m = WORD.matcher(normalised);
		while (m.find()) {
			words.add(m.group());
		}
		String joined = ' ' + String.join(" ", words) + ' ';
		int[] wordsAndForm = new int[words.size() * 2 + 4];
		int count = 0;
		for (int i = 0; i < words.size(); i++) {
			wordsAndForm[count++] = finish(hash(WORD_START, words.get(i)));
			if (i + 1 < words.size()) {
				wordsAndForm[count++] = finish(hash(step(hash(PAIR_START, words.get(i)), ' '), words.get(i + 1)));
			}
		}
		if (link) {
			wordsAndForm[count++] = bucket("f:link");
		}
		int letters = 0;
		int capitals = 0;
		for (int k = 0; k < nfkc.length(); ) {
			int cp = nfkc.codePointAt(k);
			letters += Character.isLetter(cp) ? 1 : 0;
			capitals += Character.isUpperCase(cp) ? 1 : 0;
			k += Character.charCount(cp);
		}
		if (letters >= 10 && capitals > 0.6 * letters) {
			wordsAndForm[count++] = bucket("f:shouting");
		}
		if (nfkc.contains("!!!")) {
			wordsAndForm[count++] = bucket("f:bangs");
		}
		wordsAndForm[count++] = bucket("f:length" + Math.min(6, 31 - Integer.numberOfLeadingZeros(words.size() + 1)));
		// The 3-, 4- and 5-gram at each position in one pass: each longer gram's hash goes on from the shorter one's.
		char[] spaced = joined.toCharArray();
		int[] grams = new int[spaced.length * 3];
		int gramCount = 0;
		for (int i = 0; i + 3 <= spaced.length; i++) {
			int h = step(step(step(CHARS, spaced[i]), spaced[i + 1]), spaced[i + 2]);
			grams[gramCount++] = finish(h);
			for (int k = i + 3; k < Math.min(i + 5, spaced.length); k++) {
				h = step(h, spaced[k]);
				grams[gramCount++] = finish(h);
			}
		}
		int[] a = distinct(wordsAndForm, count);
		int[] c = distinct(grams, gramCount);
		// Each part has half of the text's (unit) length, however many features it has: otherwise the character
		// grams, several times as many as the words, would drown them.
		float va = (float) Math.sqrt(0.5 / a.length);
		float vc = c.length == 0 ? 0 : (float) Math.sqrt(0.5 / c.length);
		int[] merged = new int[a.length + c.length];
		float[] v = new float[merged.length];
		int i = 0;
		int j = 0;
		int n = 0;
		while (i < a.length || j < c.length) {
			if (j == c.length || i < a.length && a[i] < c[j]) {
				merged[n] = a[i++];
				v[n++] = va;
			}
			else if (i == a.length || c[j] < a[i]) {
				merged[n] = c[j++];
				v[n++] = vc;
			}
			else {
				// a word and a gram that share a bucket
				merged[n] = a[i++];
				j++;
				v[n++] = va + vc;
			}
		}
		this.features = Arrays.copyOf(merged, n);
		this.values = Arrays.copyOf(v, n);
	}

	/** The first {@code count} of {@code found}, sorted and without repeats. */
	private static int[] distinct(int[] found, int count) {
		Arrays.sort(found, 0, count);
		int distinct = 0;
		for (int i = 0; i < count; i++) {
			if (distinct == 0 || found[i] != found[distinct - 1]) {
				found[distinct++] = found[i];
			}
		}
		return Arrays.copyOf(found, distinct);
	}

	/** A link: its domain (group 1) when it names one, and the rest up to the next space. */
	private static final Pattern URL = Pattern.compile(
			"(?:https?://)?(?:www\\.)?((?:[\\p{L}\\p{N}-]+\\.)+(?:" + String.join("|", ENDINGS) + "))\\b\\S*|https?://\\S+");

	/**
	 * Each link as the word {@code xurl} and its domain run together ({@code youtube.com/watch?v=…} becomes
	 * {@code xurl youtubecom}): what a link says is where it leads, not its path or query, whose pieces would
	 * otherwise become words and character grams of their own that no other comment shares.
	 */
	private static String linksAsDomains(String lower) {
		Matcher m = URL.matcher(lower);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String domain = m.group(1) == null ? "" : m.group(1).replace(".", "");
			m.appendReplacement(out, Matcher.quoteReplacement(" xurl " + domain + " "));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** Whether the text may hold a link: only then is {@link #LINK} asked, the same answer for less. */
	private static boolean mayLink(String lower) {
		for (String mark : LINK_MARKS) {
			if (lower.contains(mark)) {
				return true;
			}
		}
		return false;
	}

	static CommentText of(String text) {
		return new CommentText(text);
	}

	boolean isShort() {
		return words.size() < SHORT && !link;
	}

	static String word(String word) {
		return "w:" + word;
	}

	/** FNV-1a over the name's characters, folded into the buckets. */
	static int bucket(String name) {
		return finish(hash(OFFSET, name));
	}

	private static final int OFFSET = 0x811c9dc5;

	/** Where the hashes of every word, word pair and character gram start. */
	private static final int WORD_START = hash(OFFSET, "w:");
	private static final int PAIR_START = hash(OFFSET, "b:");
	private static final int CHARS = hash(OFFSET, "c:");

	private static int hash(int hash, String text) {
		for (int i = 0; i < text.length(); i++) {
			hash = step(hash, text.charAt(i));
		}
		return hash;
	}

	private static int step(int hash, char c) {
		return (hash ^ c) * 0x01000193;
	}

	private static int finish(int hash) {
		return (hash ^ hash >>> 15) & (DIMENSIONS - 1);
	}

	@Override
	public String toString() {
		return "CommentText" + Arrays.toString(features);
	}
}
