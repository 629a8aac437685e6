package org.rapport.listening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * How many posts one thread matches against 1,000 monitors: 100,000 posts of 12–40 words from a vocabulary of 5,000
 * words (German and English), about one in eight containing a monitored word, half without a language from their
 * source (then told from the text when a matching monitor filters by language). Baseline in the same run: only
 * cutting the texts into folded words, which every match needs. Goal: one core keeps up with 10,000 posts/s. Run with
 * {@code ./mvnw -B -q test -Dtest=ListeningMatchingBenchmark}.
 */
class ListeningMatchingBenchmark {

	static final int MONITORS = 1_000;
	static final int POSTS = 100_000;

	@Test
	void postsPerSecondAgainstAThousandMonitors() {
		Random random = new Random(7);
		List<String> vocabulary = new ArrayList<>();
		String[] stems = { "kita", "verein", "stadt", "schule", "zürich", "straße", "dialog", "hilfe", "jugend", "pflege",
				"budget", "event", "family", "school", "community", "support", "garden", "music", "sport", "climate" };
		for (int i = 0; i < 5_000; i++) {
			vocabulary.add(stems[i % stems.length] + (i / stems.length));
		}
		List<Monitor> monitors = new ArrayList<>();
		for (int i = 0; i < MONITORS; i++) {
			String a = vocabulary.get(random.nextInt(vocabulary.size()));
			String b = vocabulary.get(random.nextInt(vocabulary.size()));
			List<String> any = List.of(a, "#" + b);
			List<String> all = i % 4 == 0 ? List.of(vocabulary.get(random.nextInt(vocabulary.size()))) : List.of();
			List<String> phrases = i % 5 == 0 ? List.of(a + " " + b) : List.of();
			List<String> exclude = i % 3 == 0 ? List.of("werbung", "ad*") : List.of();
			List<String> languages = i % 5 == 1 ? List.of("de") : List.of();
			monitors.add(new Monitor(UUID.randomUUID(), "m" + i, any, all, phrases, exclude, languages, List.of(), null,
					Instant.now()));
		}
		String[] filler = { "und", "der", "die", "das", "mit", "für", "heute", "morgen", "wir", "the", "and", "with",
				"today", "our", "is", "a", "great", "neue", "Woche", "Treffen" };
		List<String> texts = new ArrayList<>(POSTS);
		for (int i = 0; i < POSTS; i++) {
			int words = 12 + random.nextInt(29);
			StringBuilder text = new StringBuilder();
			for (int w = 0; w < words; w++) {
				String word = random.nextInt(8) == 0 ? vocabulary.get(random.nextInt(vocabulary.size()))
						: filler[random.nextInt(filler.length)];
				text.append(random.nextInt(20) == 0 ? "#" : "").append(word).append(w % 9 == 8 ? ". " : " ");
			}
			texts.add(text.toString());
		}
		Matching matching = new Matching(monitors, org.rapport.authenticity.Languages::of);
		for (int round = 0; round < 3; round++) {
			long start = System.nanoTime();
			long words = 0;
			for (String text : texts) {
				words += Matching.Words.of(text).list.size();
			}
			double baseline = POSTS / ((System.nanoTime() - start) / 1e9);
			start = System.nanoTime();
			long hits = 0;
			for (int i = 0; i < POSTS; i++) {
				hits += matching.matches(texts.get(i), i % 2 == 0 ? "de" : null).size();
			}
			double perSecond = POSTS / ((System.nanoTime() - start) / 1e9);
			System.out.printf("[bench] round %d: %,.0f posts/s against %,d monitors (%,d hits); cutting into words alone "
					+ "%,.0f posts/s (%,d words); matching costs %.1f× the cutting%n", round, perSecond, MONITORS, hits,
					baseline, words, baseline / perSecond);
			assertThat(hits).isPositive();
		}
	}
}
