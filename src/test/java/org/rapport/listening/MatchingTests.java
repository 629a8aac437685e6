package org.rapport.listening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What a monitor matches: folded words, hashtags, prefixes, phrases, all/any/exclude and languages. */
class MatchingTests {

	private static Monitor monitor(List<String> any, List<String> all, List<String> phrases, List<String> exclude,
			List<String> languages) {
		return new Monitor(UUID.randomUUID(), "m", any, all, phrases, exclude, languages, List.of(), null, Instant.now());
	}

	private static boolean matches(Monitor monitor, String text) {
		return matches(monitor, text, null);
	}

	private static boolean matches(Monitor monitor, String text, String language) {
		return new Matching(List.of(monitor), org.rapport.authenticity.Languages::of).matches(text, language).contains(monitor);
	}

	@Test
	void umlautsAndTheirSpellingWithEAreOneWordAndCaseAndAccentsDoNotMatter() {
		Monitor zurich = monitor(List.of("Zürich"), List.of(), List.of(), List.of(), List.of());
		assertThat(matches(zurich, "Neue Kita in ZUERICH")).isTrue();
		assertThat(matches(zurich, "Neue Kita in Zürich.")).isTrue();
		assertThat(matches(zurich, "Zürichberg")).as("a longer word is another word").isFalse();
		Monitor strasse = monitor(List.of("Strasse"), List.of(), List.of(), List.of(), List.of());
		assertThat(matches(strasse, "an der Straße")).isTrue();
		Monitor cafe = monitor(List.of("cafe"), List.of(), List.of(), List.of(), List.of());
		assertThat(matches(cafe, "Im Café")).isTrue();
	}

	@Test
	void hashtagsPrefixesAndPhrases() {
		Monitor tag = monitor(List.of("#Dialog"), List.of(), List.of(), List.of(), List.of());
		assertThat(matches(tag, "Mehr #dialog wagen")).isTrue();
		assertThat(matches(tag, "Mehr Dialog wagen")).as("the hashtag only").isFalse();
		Monitor word = monitor(List.of("dialog"), List.of(), List.of(), List.of(), List.of());
		assertThat(matches(word, "Mehr #Dialog wagen")).as("a word matches its hashtag too").isTrue();
		Monitor prefix = monitor(List.of("dialog*"), List.of(), List.of(), List.of(), List.of());
		assertThat(matches(prefix, "Dialogplattform gesucht")).isTrue();
		assertThat(matches(prefix, "Ein Monolog")).isFalse();
		Monitor phrase = monitor(List.of(), List.of(), List.of("soziale Arbeit"), List.of(), List.of());
		assertThat(matches(phrase, "Die soziale, Arbeit")).as("punctuation between the words does not matter").isTrue();
		assertThat(matches(phrase, "Arbeit, die sozial ist")).isFalse();
	}

	@Test
	void allAnyAndExcludeTogether() {
		Monitor m = monitor(List.of("Kita", "Kindergarten"), List.of("Zürich"), List.of(), List.of("Stelle*"), List.of());
		assertThat(matches(m, "Kita in Zürich eröffnet")).isTrue();
		assertThat(matches(m, "Kindergarten Zürich")).isTrue();
		assertThat(matches(m, "Schule in Zürich")).as("none of any").isFalse();
		assertThat(matches(m, "Kita in Bern")).as("not all").isFalse();
		assertThat(matches(m, "Stellenangebot: Kita Zürich")).as("excluded by prefix").isFalse();
	}

	@Test
	void aLanguageFilterDropsOtherLanguagesButKeepsPostsTooShortToTell() {
		Monitor german = monitor(List.of("Rapport"), List.of(), List.of(), List.of(), List.of("de"));
		assertThat(matches(german, "Rapport", null)).as("too short to tell").isTrue();
		assertThat(matches(german, "Wir haben mit Rapport sehr gute Erfahrungen gemacht und danken dem Team", null)).isTrue();
		assertThat(matches(german, "We had a very good experience with Rapport and thank the whole team for it", null)).isFalse();
		assertThat(matches(german, "Rapport is great", "en")).as("the source's language counts").isFalse();
		assertThat(matches(german, "Rapport ist toll", "de")).isTrue();
	}

	@Test
	void manyMonitorsArePickedByTheirWords() {
		List<Monitor> monitors = new java.util.ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			monitors.add(monitor(List.of("wort" + i), List.of(), List.of(), List.of(), List.of()));
		}
		Matching matching = new Matching(monitors, org.rapport.authenticity.Languages::of);
		assertThat(matching.matches("Hier steht wort17 und wort999.", null)).containsExactly(monitors.get(17), monitors.get(999));
		assertThat(matching.matches("Hier steht nichts.", null)).isEmpty();
	}
}
