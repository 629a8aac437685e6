package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What lingua's models for the triage's eight languages cost: heap retained after loading them (measured after full
 * garbage collections, so approximate) and the time per message of the labelled set. Figures in
 * {@code docs/authenticity.md}. Run alone in a fresh JVM:
 * {@code ./mvnw -B -q test -Dtest=TriageLanguageBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TriageLanguageBenchmark {

	@Test
	void heapAndTime() {
		long before = used();
		long start = System.nanoTime();
		assertThat(TriageLanguage.of("Guten Tag, wann haben Sie am Samstag geöffnet?")).isEqualTo("de");
		long load = System.nanoTime() - start;
		long after = used();
		var messages = TriageMessages.all();
		start = System.nanoTime();
		for (int round = 0; round < 5; round++) {
			for (var m : messages) {
				TriageModel.builtIn().triage(m.text());
			}
		}
		double perMessage = (System.nanoTime() - start) / 1e3 / (5.0 * messages.size());
		System.out.printf("[bench] lingua, 8 languages: %.0f MB heap retained, first detection (loading) %.1f s; "
				+ "triage %.0f µs per message (%d messages, 5 rounds)%n", (after - before) / 1e6, load / 1e9, perMessage,
				messages.size());
	}

	private static long used() {
		Runtime r = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return r.totalMemory() - r.freeMemory();
	}
}
