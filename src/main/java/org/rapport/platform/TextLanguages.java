package org.rapport.platform;

/**
 * Tells the language of a text. Provided by the module that knows how (authenticity's triage) for modules that need
 * it without depending on that module (listening's language filter).
 */
@FunctionalInterface
public interface TextLanguages {

	/** The answer for a text too short to tell ("Danke!", "👍"). */
	String UNKNOWN = "unknown";

	/** An ISO 639-1 code ({@code de}, {@code en}, …), {@code other}, or {@link #UNKNOWN}. */
	String languageOf(String text);
}
