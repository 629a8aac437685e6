package org.rapport.authenticity;

import org.rapport.platform.TextLanguages;
import org.springframework.stereotype.Component;

/**
 * The language of a text as the triage tells it, for other modules through {@link TextLanguages} (listening's
 * language filter): {@code de}, {@code en}, {@code fr}, {@code es}, {@code it}, {@code nl}, {@code pl}, {@code tr},
 * {@code other}, or {@link #UNKNOWN} for a text too short to tell ("Danke!", "👍").
 */
@Component
public final class Languages implements TextLanguages {

	public static final String UNKNOWN = TriageLanguage.UNKNOWN;

	Languages() {
	}

	public static String of(String text) {
		return TriageLanguage.of(text);
	}

	@Override
	public String languageOf(String text) {
		return of(text);
	}
}
