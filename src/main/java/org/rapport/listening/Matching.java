package org.rapport.listening;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.rapport.platform.TextLanguages;

/**
 * Matches posts against many monitors at once. Each text is folded (lower case, umlauts as their spelling with e, ß as
 * ss, accents dropped) and cut into words once; an index from words to the monitors that need them picks the few
 * monitors worth checking, so a post costs about the same against ten monitors as against a thousand.
 */
final class Matching {

	private final Map<String, List<Compiled>> byWord = new HashMap<>();
	private final List<Compiled> always = new ArrayList<>();
	private final TextLanguages languages;

	/** @param languages tells a post's language when its source gives none and a monitor asks for languages */
	Matching(List<Monitor> monitors, TextLanguages languages) {
		this.languages = languages;
		for (Monitor monitor : monitors) {
			Compiled compiled = new Compiled(monitor);
			Set<String> anchors = compiled.anchors();
			if (anchors == null) {
				always.add(compiled);
			}
			else {
				anchors.forEach(word -> byWord.computeIfAbsent(word, w -> new ArrayList<>()).add(compiled));
			}
		}
	}

	/**
	 * The monitors a text matches.
	 *
	 * @param language the language its source gave, or {@code null}: then it is told from the text if a monitor
	 * filters by language
	 */
	List<Monitor> matches(String text, String language) {
		Words words = Words.of(text);
		Set<Compiled> candidates = new LinkedHashSet<>(always);
		for (String word : words.set) {
			List<Compiled> found = byWord.get(word);
			if (found != null) {
				candidates.addAll(found);
			}
		}
		if (candidates.isEmpty()) {
			return List.of();
		}
		Supplier<String> lang = new Supplier<>() {
			private String known = language == null || language.isBlank() ? null : language.toLowerCase(Locale.ROOT);

			@Override
			public String get() {
				if (known == null) {
					known = languages.languageOf(text);
				}
				return known;
			}
		};
		List<Monitor> out = new ArrayList<>();
		for (Compiled c : candidates) {
			if (c.matches(words) && c.inLanguage(lang)) {
				out.add(c.monitor);
			}
		}
		return out;
	}

	/** Folds a text for matching: lower case, ä → ae, ö → oe, ü → ue, ß → ss, other accents dropped. */
	static String fold(String text) {
		String lower = text.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
			.replace("ß", "ss").replace("ẞ", "ss");
		String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
		StringBuilder out = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char ch = decomposed.charAt(i);
			if (Character.getType(ch) != Character.NON_SPACING_MARK) {
				out.append(ch);
			}
		}
		return out.toString();
	}

	/** A text's folded words in order, the set of them, and those written as hashtags. */
	static final class Words {

		final List<String> list = new ArrayList<>();
		final Set<String> set = new HashSet<>();
		final Set<String> tags = new HashSet<>();

		static Words of(String text) {
			Words words = new Words();
			String folded = fold(text == null ? "" : text);
			int i = 0;
			int n = folded.length();
			while (i < n) {
				int cp = folded.codePointAt(i);
				if (!Character.isLetterOrDigit(cp)) {
					i += Character.charCount(cp);
					continue;
				}
				int start = i;
				while (i < n && Character.isLetterOrDigit(folded.codePointAt(i))) {
					i += Character.charCount(folded.codePointAt(i));
				}
				String word = folded.substring(start, i);
				words.list.add(word);
				words.set.add(word);
				if (start > 0 && folded.charAt(start - 1) == '#') {
					words.tags.add(word);
				}
			}
			return words;
		}
	}

	/** One term: a word, a hashtag, a prefix or a phrase. */
	record Term(String kind, List<String> words) {

		static Term of(String given) {
			String folded = fold(given.strip());
			boolean tag = folded.startsWith("#");
			boolean prefix = folded.endsWith("*");
			Words words = Words.of(folded);
			if (words.list.size() > 1) {
				return new Term("phrase", List.copyOf(words.list));
			}
			if (words.list.isEmpty()) {
				return new Term("word", List.of(""));
			}
			return new Term(tag ? "tag" : prefix ? "prefix" : "word", List.of(words.list.get(0)));
		}

		boolean in(Words text) {
			String first = words.get(0);
			return switch (kind) {
				case "tag" -> text.tags.contains(first);
				case "prefix" -> text.set.stream().anyMatch(w -> w.startsWith(first));
				case "phrase" -> phraseIn(text.list);
				default -> text.set.contains(first);
			};
		}

		private boolean phraseIn(List<String> text) {
			for (int i = 0; i + words.size() <= text.size(); i++) {
				if (text.get(i).equals(words.get(0)) && text.subList(i, i + words.size()).equals(words)) {
					return true;
				}
			}
			return false;
		}
	}

	private static final class Compiled {

		final Monitor monitor;
		final List<Term> any;
		final List<Term> all;
		final List<Term> exclude;
		final Set<String> languages;

		Compiled(Monitor monitor) {
			this.monitor = monitor;
			this.any = monitor.any().stream().map(Term::of).toList();
			List<Term> required = new ArrayList<>(monitor.all().stream().map(Term::of).toList());
			monitor.phrases().stream().map(Term::of).forEach(required::add);
			this.all = List.copyOf(required);
			this.exclude = monitor.exclude().stream().map(Term::of).toList();
			this.languages = Set.copyOf(monitor.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).toList());
		}

		/** Words one of which a matching text must contain, or {@code null} when a prefix makes that unknown. */
		Set<String> anchors() {
			if (!all.isEmpty()) {
				Term first = all.stream().filter(t -> !t.kind().equals("prefix")).findFirst().orElse(null);
				return first == null ? null : Set.of(first.words().get(0));
			}
			if (any.stream().anyMatch(t -> t.kind().equals("prefix"))) {
				return null;
			}
			Set<String> anchors = new HashSet<>();
			any.forEach(t -> anchors.add(t.words().get(0)));
			return anchors;
		}

		boolean matches(Words text) {
			if (any.isEmpty() && all.isEmpty()) {
				return false;
			}
			for (Term t : all) {
				if (!t.in(text)) {
					return false;
				}
			}
			if (!any.isEmpty() && any.stream().noneMatch(t -> t.in(text))) {
				return false;
			}
			return exclude.stream().noneMatch(t -> t.in(text));
		}

		boolean inLanguage(Supplier<String> language) {
			if (languages.isEmpty()) {
				return true;
			}
			String lang = language.get();
			return lang.equals(TextLanguages.UNKNOWN) || languages.contains(lang);
		}
	}
}
