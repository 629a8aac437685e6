package org.rapport.authenticity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import info.debatty.java.lsh.MinHash;

/**
 * The MinHash fingerprint of a short text, for finding near-duplicates: the text's words (lower case, accents and
 * punctuation gone) and word pairs, each hashed to an int, signed with 64 MinHash functions (java-lsh, fixed seed,
 * so signatures stored yesterday compare with today's). Two signatures agree in about the share of positions that
 * is the Jaccard similarity of the two texts' word sets. Banding (16 bands of 4 values) makes texts that are at
 * least about half alike share a band with high probability: the candidates to compare. Word pairs rather than
 * character shingles, because comments are short (TLSH needs 256 characters; a template's words stay, its
 * punctuation and emoji change).
 */
final class Fingerprint {

	/** Values in a signature. */
	static final int SIZE = 64;

	/** Values per band. */
	static final int ROWS = 4;

	/** Texts with fewer words are not compared: "Danke!", "Super, weiter so!" are alike without being bought. */
	static final int MIN_WORDS = 6;

	private static final MinHash MINHASH = new MinHash(SIZE, Integer.MAX_VALUE, 20_261_203L);

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private Fingerprint() {
	}

	/** The text's words, in order: lower case, without accents, digits kept. */
	static List<String> words(String text) {
		String given = text == null ? "" : text;
		// ASCII has nothing to decompose and no marks to drop
		String plain = (isAscii(given) ? given : MARKS.matcher(Normalizer.normalize(given, Normalizer.Form.NFKD)).replaceAll(""))
			.toLowerCase(Locale.ROOT);
		List<String> words = new ArrayList<>();
		for (String w : NOT_WORD.split(plain)) {
			if (!w.isEmpty()) {
				words.add(w);
			}
		}
		return words;
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/** The signature of a text, or {@code null} when it has fewer than {@link #MIN_WORDS} words. */
	static int[] of(String text) {
		List<String> words = words(text);
		if (words.size() < MIN_WORDS) {
			return null;
		}
		Set<Integer> shingles = new HashSet<>();
		for (int i = 0; i < words.size(); i++) {
			shingles.add(words.get(i).hashCode() & Integer.MAX_VALUE);
			if (i + 1 < words.size()) {
				shingles.add((words.get(i) + ' ' + words.get(i + 1)).hashCode() & Integer.MAX_VALUE);
			}
		}
		return MINHASH.signature(shingles);
	}

	/** The estimated Jaccard similarity of the texts of two signatures. */
	static double similarity(int[] a, int[] b) {
		int same = 0;
		for (int i = 0; i < SIZE; i++) {
			same += a[i] == b[i] ? 1 : 0;
		}
		return same / (double) SIZE;
	}

	/** The band hashes of a signature: one per {@link #ROWS} values, with the band's number mixed in. */
	static int[] bands(int[] signature) {
		int[] bands = new int[SIZE / ROWS];
		for (int b = 0; b < bands.length; b++) {
			bands[b] = 31 * b + Arrays.hashCode(Arrays.copyOfRange(signature, b * ROWS, (b + 1) * ROWS));
		}
		return bands;
	}
}
