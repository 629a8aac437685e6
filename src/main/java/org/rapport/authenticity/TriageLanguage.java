package org.rapport.authenticity;

import java.util.Locale;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * The language of a text, by lingua restricted to the languages the triage knows (German, English, French, Spanish,
 * Italian, Dutch, Polish, Turkish), so that only their n-gram models are loaded (once, on first use, shared by every
 * workspace; the figure is in {@code docs/authenticity.md}). A text with fewer than {@link #MIN_LETTERS} letters, is {@link #UNKNOWN}.
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
						.build();
	}

	private TriageLanguage() {
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
		Language language = Holder.DETECTOR.detectLanguageOf(read);
		return language == Language.UNKNOWN ? UNKNOWN : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
	}
}
