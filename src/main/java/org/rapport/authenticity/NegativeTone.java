package org.rapport.authenticity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a German or English text is negative (angry, disappointed, accusing), by a small lexicon and a few rules,
 * with the words that decided it — explainable, fast (no model to load) and the same on every node. Used by the storm
 * early warning and meant to be reused by triage.
 * <p>
 * Rules: each lexicon word (stems match word beginnings: "enttäusch" matches "enttäuscht", "enttäuschend") adds its
 * weight; a negation up to three words before it ("nicht", "kein", "not", "never", "n't") turns a positive word into
 * a negative cue and weakens a negative one; an intensifier ("sehr", "total", "so", "extremely") before a word
 * multiplies it by 1.5; words in CAPITALS (3+ letters) and runs of "!!" or "?!" add anger cues. A text is negative
 * when its score reaches {@link #THRESHOLD}. Kept deliberately small and documented in {@code docs/authenticity.md}.
 */
public final class NegativeTone {

	/** The score from which a text counts as negative. */
	public static final double THRESHOLD = 1.0;

	/** The verdict on one text: its score (positive means negative tone) and the cues that made it. */
	public record Verdict(boolean negative, double score, List<String> cues) {
	}

	private static final Pattern WORD = Pattern.compile("[\\p{L}']+|!{2,}|\\?!+|!\\?+");

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	/** Which lengths the lexicons' keys have: only word beginnings of these lengths can match. */
	private static final boolean[] KEY_LENGTHS;

	/** The first words of the negative phrases ("nie wieder"): only after one of them is a phrase looked up. */
	private static final Set<String> PHRASE_STARTS;

	/** Negative words and stems, German and English, with weights (1 = clearly negative, 2 = strongly). */
	private static final Map<String, Double> NEGATIVE = Map.ofEntries(
			// German
			Map.entry("enttäusch", 1.5), Map.entry("unverschämt", 2.0), Map.entry("frechheit", 2.0),
			Map.entry("skandal", 2.0), Map.entry("schande", 2.0), Map.entry("boykott", 2.0), Map.entry("boykottier", 2.0),
			Map.entry("betrug", 2.0), Map.entry("betrüg", 2.0), Map.entry("abzocke", 2.0), Map.entry("abgezockt", 2.0),
			Map.entry("lüge", 2.0), Map.entry("lügen", 2.0), Map.entry("gelogen", 2.0), Map.entry("verarsch", 2.0),
			Map.entry("katastroph", 1.5), Map.entry("schlecht", 1.0), Map.entry("schlimm", 1.0),
			Map.entry("ärger", 1.0), Map.entry("verärger", 1.5), Map.entry("wütend", 2.0), Map.entry("wut", 1.5),
			Map.entry("sauer", 1.0), Map.entry("empör", 2.0), Map.entry("peinlich", 1.5), Map.entry("beschwer", 1.0),
			Map.entry("kündig", 1.5), Map.entry("nie wieder", 2.0), Map.entry("ekelhaft", 2.0), Map.entry("widerlich", 2.0),
			Map.entry("rassist", 2.0), Map.entry("sexist", 2.0), Map.entry("diskriminier", 2.0), Map.entry("mies", 1.5),
			Map.entry("miserabel", 2.0), Map.entry("unfähig", 2.0), Map.entry("inkompetent", 2.0), Map.entry("dreist", 1.5),
			Map.entry("respektlos", 2.0), Map.entry("schäm", 1.5), Map.entry("armselig", 2.0), Map.entry("lächerlich", 1.5),
			Map.entry("zumutung", 2.0), Map.entry("unzumutbar", 2.0), Map.entry("ignorier", 1.0), Map.entry("wertlos", 1.5),
			Map.entry("versag", 1.5), Map.entry("mangelhaft", 1.5), Map.entry("kaputt", 1.0), Map.entry("defekt", 1.0),
			Map.entry("fehler", 0.5), Map.entry("problem", 0.5), Map.entry("unmöglich", 1.0), Map.entry("shitstorm", 2.0),
			Map.entry("entsetz", 2.0), Map.entry("schockiert", 1.5), Map.entry("unglaublich", 0.5), Map.entry("hass", 2.0),
			Map.entry("hässlich", 1.0), Map.entry("dumm", 1.5), Map.entry("idiot", 2.0), Map.entry("schwachsinn", 2.0),
			Map.entry("mist", 1.0), Map.entry("scheiß", 2.0), Map.entry("scheiss", 2.0), Map.entry("kacke", 1.5),
			Map.entry("beleidig", 1.5), Map.entry("fassungslos", 2.0), Map.entry("unfreundlich", 1.5),
			Map.entry("warten seit", 1.0), Map.entry("immer noch nicht", 1.5), Map.entry("nicht akzeptabel", 2.0),
			// English
			Map.entry("disappoint", 1.5), Map.entry("outrage", 2.0), Map.entry("disgust", 2.0), Map.entry("shame", 1.5),
			Map.entry("boycott", 2.0), Map.entry("scam", 2.0), Map.entry("fraud", 2.0), Map.entry("liar", 2.0),
			Map.entry("lying", 2.0), Map.entry("lies", 1.0), Map.entry("terrible", 2.0), Map.entry("horrible", 2.0),
			Map.entry("awful", 2.0), Map.entry("worst", 2.0), Map.entry("bad", 1.0), Map.entry("angry", 2.0),
			Map.entry("furious", 2.0), Map.entry("annoy", 1.0), Map.entry("unacceptable", 2.0), Map.entry("ridiculous", 1.5),
			Map.entry("pathetic", 2.0), Map.entry("useless", 1.5), Map.entry("incompetent", 2.0), Map.entry("rude", 1.5),
			Map.entry("racist", 2.0), Map.entry("offensive", 2.0), Map.entry("offended", 1.5),
			Map.entry("complain", 1.0), Map.entry("cancel", 1.0), Map.entry("refund", 0.5), Map.entry("broken", 1.0),
			Map.entry("hate", 2.0), Map.entry("stupid", 1.5), Map.entry("crap", 1.5),
			Map.entry("shit", 2.0), Map.entry("sucks", 2.0), Map.entry("never again", 2.0), Map.entry("ashamed", 1.5),
			Map.entry("appalling", 2.0), Map.entry("shocking", 1.5), Map.entry("disgrace", 2.0), Map.entry("ignored", 1.0),
			Map.entry("still waiting", 1.0), Map.entry("still not", 1.0), Map.entry("joke", 1.0));

	/** Positive words: they lower the score, and a negated one counts as a negative cue ("nicht gut"). */
	private static final Map<String, Double> POSITIVE = Map.ofEntries(
			Map.entry("danke", 1.0), Map.entry("dank", 1.0), Map.entry("super", 1.0), Map.entry("toll", 1.0),
			Map.entry("gut", 0.7), Map.entry("prima", 1.0), Map.entry("klasse", 1.0), Map.entry("freu", 1.0),
			Map.entry("begeistert", 1.5), Map.entry("hilfreich", 1.0), Map.entry("zufrieden", 1.0), Map.entry("lieb", 0.7),
			Map.entry("schön", 0.7), Map.entry("großartig", 1.5), Map.entry("perfekt", 1.0), Map.entry("okay", 0.5),
			Map.entry("thank", 1.0), Map.entry("thanks", 1.0), Map.entry("great", 1.0), Map.entry("good", 0.7),
			Map.entry("love", 1.0), Map.entry("awesome", 1.5), Map.entry("happy", 1.0), Map.entry("helpful", 1.0),
			Map.entry("excellent", 1.5), Map.entry("nice", 0.7), Map.entry("fine", 0.5), Map.entry("perfect", 1.0));

	private static final Set<String> NEGATIONS = Set.of("nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie",
			"niemals", "nix", "nichts", "not", "no", "never", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't",
			"won't", "can't", "cannot", "nor");

	private static final Set<String> INTENSIFIERS = Set.of("sehr", "total", "extrem", "absolut", "völlig", "echt",
			"so", "wirklich", "mega", "richtig", "very", "extremely", "totally", "absolutely", "really", "utterly");

	static {
		int longest = 0;
		Set<String> starts = new java.util.HashSet<>();
		for (String key : NEGATIVE.keySet()) {
			longest = Math.max(longest, key.length());
			if (key.indexOf(' ') > 0) {
				starts.add(key.substring(0, key.indexOf(' ')));
			}
		}
		for (String key : POSITIVE.keySet()) {
			longest = Math.max(longest, key.length());
		}
		KEY_LENGTHS = new boolean[longest + 1];
		NEGATIVE.keySet().forEach(key -> KEY_LENGTHS[key.length()] = true);
		POSITIVE.keySet().forEach(key -> KEY_LENGTHS[key.length()] = true);
		PHRASE_STARTS = Set.copyOf(starts);
	}

	private NegativeTone() {
	}

	/** A text without its HTML tags (each a space), in composed form (NFC), as the lexicons are written. */
	static String plain(String text) {
		String untagged = text.indexOf('<') < 0 ? text : TAG.matcher(text).replaceAll(" ");
		return Normalizer.isNormalized(untagged, Normalizer.Form.NFC) ? untagged
				: Normalizer.normalize(untagged, Normalizer.Form.NFC);
	}

	/** Whether the text is negative. */
	public static boolean isNegative(String text) {
		return score(text).negative();
	}

	/** Scores a text (plain or HTML: tags are dropped) and names the cues. */
	public static Verdict score(String text) {
		if (text == null || text.isBlank()) {
			return new Verdict(false, 0, List.of());
		}
		String plain = plain(text);
		List<String> cues = new ArrayList<>();
		double score = 0;
		int capitals = 0;
		List<String> words = new ArrayList<>();
		Matcher m = WORD.matcher(plain);
		while (m.find()) {
			String raw = m.group();
			if (raw.startsWith("!") || raw.startsWith("?")) {
				score += 0.5;
				cues.add(raw);
				continue;
			}
			if (raw.length() >= 3 && raw.equals(raw.toUpperCase(Locale.ROOT)) && !raw.equals(raw.toLowerCase(Locale.ROOT))) {
				capitals++;
			}
			words.add(raw.toLowerCase(Locale.ROOT).replace('’', '\''));
		}
		if (capitals >= 2) {
			score += 0.5;
			cues.add("CAPITALS");
		}
		for (int i = 0; i < words.size(); i++) {
			String w = words.get(i);
			boolean phrase = PHRASE_STARTS.contains(w);
			String pair = phrase && i + 1 < words.size() ? w + " " + words.get(i + 1) : null;
			String triple = phrase && i + 2 < words.size() ? pair + " " + words.get(i + 2) : null;
			Double negative = triple != null && NEGATIVE.containsKey(triple) ? NEGATIVE.get(triple)
					: pair != null && NEGATIVE.containsKey(pair) ? NEGATIVE.get(pair) : stem(NEGATIVE, w);
			Double positive = negative == null ? stem(POSITIVE, w) : null;
			if (negative == null && positive == null) {
				continue;
			}
			boolean negated = false;
			double factor = 1;
			for (int j = Math.max(0, i - 3); j < i; j++) {
				String before = words.get(j);
				negated |= NEGATIONS.contains(before) || before.endsWith("n't");
				if (INTENSIFIERS.contains(before)) {
					factor = 1.5;
				}
			}
			if (negative != null) {
				double weight = negative * factor * (negated ? 0.3 : 1);
				score += weight;
				cues.add(negated ? "(" + w + ")" : w);
			}
			else if (negated) {
				score += positive * factor;
				cues.add("not " + w);
			}
			else {
				score -= positive * factor * 0.7;
			}
		}
		return new Verdict(score >= THRESHOLD, Math.round(score * 100) / 100.0, List.copyOf(cues));
	}

	/** The weight of the longest lexicon stem the word begins with (a stem of 4+ letters), or of the exact word. */
	private static Double stem(Map<String, Double> lexicon, String word) {
		Double exact = lexicon.get(word);
		if (exact != null) {
			return exact;
		}
		for (int end = Math.min(word.length() - 1, KEY_LENGTHS.length - 1); end >= 4; end--) {
			if (!KEY_LENGTHS[end]) {
				continue;
			}
			Double w = lexicon.get(word.substring(0, end));
			if (w != null) {
				return w;
			}
		}
		return null;
	}
}
