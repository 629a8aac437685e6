package org.rapport.channels;

import java.util.Locale;

/** A short text a connector shows to people, in the two languages Rapport speaks. */
public record Text(String en, String de) {

	public static Text of(String en, String de) {
		return new Text(en, de);
	}

	/** German for readers whose language is German, English for everyone else. */
	public String in(Locale locale) {
		return locale != null && "de".equals(locale.getLanguage()) ? de : en;
	}
}
