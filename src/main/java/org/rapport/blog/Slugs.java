package org.rapport.blog;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Address-friendly names: lower case, umlauts folded as Germans write them without ({@code ä → ae},
 * {@code ß → ss}), other accents dropped, everything else a single dash.
 */
public final class Slugs {

	/** The longest slug, in characters. */
	static final int MAX = 80;

	private Slugs() {
	}

	/** The slug of a title or term; empty when nothing usable is left. */
	public static String of(String text) {
		if (text == null) {
			return "";
		}
		String folded = text.strip()
			.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
			.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
			.replace("ß", "ss").replace("ẞ", "SS");
		String ascii = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > MAX) {
			slug = slug.substring(0, MAX).replaceAll("-+$", "");
		}
		return slug;
	}
}
