package org.rapport.authenticity;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * The language of a text, by lingua restricted to the languages the triage knows (German, English, French, Spanish,
 * Italian, Dutch, Polish, Turkish) in its low accuracy mode (trigrams only), so that only these models are loaded
 * (as texts first need them, shared by every workspace: about 11 MB of heap for all eight, see {@code docs/authenticity.md}); a text whose
 * frequent words clearly are German or English is decided by them without lingua ({@link #byCommonWords}). A text with fewer than {@link #MIN_LETTERS} letters, is {@link #UNKNOWN}.
 */
final class TriageLanguage {

	static final String UNKNOWN = "unknown";

	/** Fewer letters than this ("Danke!", "👍", "ok") tell no language reliably. */
	static final int MIN_LETTERS = 8;

	/** The most characters lingua reads of a text: the start tells the language, the rest costs time. */
	static final int READ_CHARS = 1_000;

	private static final class Holder {

		static final LanguageDetector DETECTOR = LanguageDetectorBuilder
			.fromLanguages(Language.GERMAN, Language.ENGLISH, Language.FRENCH, Language.SPANISH, Language.ITALIAN,
					Language.DUTCH, Language.POLISH, Language.TURKISH)
			.withLowAccuracyMode()
						.build();
	}

	/** Frequent German words that are no English words (and no frequent words of the other six languages). */
	private static final Set<String> GERMAN = Set.of("und", "der", "das", "ich", "nicht", "ist", "sie", "wir", "mit",
			"für", "auf", "den", "dem", "ein", "eine", "einen", "zu", "von", "bei", "mein", "meine", "meinen", "ihr",
			"ihre", "ihnen", "sehr", "auch", "noch", "wie", "wann", "wo", "bitte", "danke", "hallo", "guten", "haben",
			"habe", "sind", "wird", "kann", "können", "schon", "über", "nach", "aus", "dass", "es", "im", "zum", "zur",
			"uns", "euch", "mich", "mir", "oder", "aber", "sich", "ab", "gibt", "vielen", "dank", "mal", "heute");

	/** Frequent English words that are no German words (and no frequent words of the other six languages). */
	private static final Set<String> ENGLISH = Set.of("the", "and", "i", "you", "to", "of", "is", "are", "my", "me",
			"our", "your", "for", "with", "on", "it", "this", "that", "have", "has", "be", "not", "please", "thank",
			"thanks", "do", "does", "can", "could", "would", "at", "from", "there", "what", "when", "where", "how", "hi",
			"hello", "just", "all", "they", "about", "been", "again", "any", "by", "did", "were", "which", "who", "why");

	private static final Pattern WORD = Pattern.compile("\\p{L}+");

	private TriageLanguage() {
	}

	/**
	 * German or English when the text's frequent words leave no doubt (two or more of one language and none of the
	 * other, or four times as many), else null: lingua then decides. Most messages to a German or English
	 * organisation are told apart this way in microseconds; lingua's n-gram lookups cost about a millisecond.
	 */
	static String byCommonWords(String text) {
		int german = 0;
		int english = 0;
		Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
		while (m.find()) {
			String w = m.group();
			german += GERMAN.contains(w) ? 1 : 0;
			english += ENGLISH.contains(w) ? 1 : 0;
		}
		if (german >= 2 && english == 0 || german >= 4 && german >= 4 * english) {
			return "de";
		}
		if (english >= 2 && german == 0 || english >= 4 && english >= 4 * german) {
			return "en";
		}
		return null;
	}

	/** An ISO 639-1 code ("de", "en", …) or {@link #UNKNOWN}. */
	static String of(String text) {
		if (text == null) {
			return UNKNOWN;
		}
		int letters = 0;
		for (int i = 0; i < text.length() && letters < MIN_LETTERS; i++) {
			letters += Character.isLetter(text.charAt(i)) ? 1 : 0;
		}
		if (letters < MIN_LETTERS) {
			return UNKNOWN;
		}
		String read = text.length() <= READ_CHARS ? text : text.substring(0, READ_CHARS);
		String common = byCommonWords(read);
		if (common != null) {
			return common;
		}
		Language language = Holder.DETECTOR.detectLanguageOf(read);
		return language == Language.UNKNOWN ? UNKNOWN : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
	}
}
