package org.rapport.platform;

/**
 * Text that Rapport stores or shows may not contain control characters other than tab, line feed and carriage
 * return (U+0000 to U+001F, U+007F), nor unpaired UTF-16 surrogates: PostgreSQL cannot store NUL at all, and the
 * others only hide text, break exports and mislead readers. Requests that carry them are refused at the edge (JSON
 * bodies, form and query parameters, multipart fields, imported files), naming the field.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/** The index of the first character that is not allowed, or -1. */
	public static int find(CharSequence text) {
		if (text == null) {
			return -1;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0x7f) {
				return i;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
				else {
					return i;
				}
			}
			else if (Character.isLowSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	/** Whether the text has a character that is not allowed. */
	public static boolean present(CharSequence text) {
		return find(text) >= 0;
	}

	/**
	 * Throws {@link InvalidFieldException} naming the field when the text has a character that is not allowed.
	 *
	 * @return the text
	 */
	public static String requireNone(String field, String text) {
		int at = find(text);
		if (at >= 0) {
			throw new InvalidFieldException(field, refusal(field, text.charAt(at)));
		}
		return text;
	}

	/** The sentence that refuses a field for a character. */
	public static String refusal(String field, char c) {
		return "The field '" + field + "' contains the character " + codePoint(c)
				+ ", which is not allowed: text may not contain control characters other than tab and line breaks.";
	}

	/** A character as {@code U+0000}. */
	public static String codePoint(char c) {
		return String.format("U+%04X", (int) c);
	}

	/** The text with each character that is not allowed written as {@code U+0000}, to show it safely. */
	public static String visible(String text) {
		if (find(text) < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f || Character.isSurrogate(c)) {
				out.append(codePoint(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}
}
