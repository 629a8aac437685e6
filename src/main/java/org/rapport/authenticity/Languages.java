package org.rapport.authenticity;

/**
 * The language of a text as the triage tells it, for other modules (listening's language filter): {@code de},
 * {@code en}, {@code fr}, {@code es}, {@code it}, {@code nl}, {@code pl}, {@code tr}, {@code other}, or
 * {@link #UNKNOWN} for a text too short to tell ("Danke!", "👍").
 */
public final class Languages {

	public static final String UNKNOWN = TriageLanguage.UNKNOWN;

	private Languages() {
	}

	public static String of(String text) {
		return TriageLanguage.of(text);
	}
}
