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
		// lingua loads a language's model when a text may be in it: one text in each, past the frequent-word shortcut
		for (String text : new String[] { "Bonjour, quand êtes-vous ouverts le samedi ? Merci beaucoup.",
				"Hola, ¿cuándo abren ustedes el sábado? Muchas gracias.", "Buongiorno, quando siete aperti il sabato? Grazie mille.",
				"Goedemiddag, wanneer zijn jullie zaterdag open? Hartelijk bedankt.", "Dzień dobry, kiedy jesteście otwarci w sobotę? Dziękuję bardzo.",
				"Merhaba, cumartesi günü ne zaman açıksınız? Çok teşekkürler.", "Wann habt ihr am Samstag offen? Vielen Dank.",
				"When are you open on Saturday? Many thanks." }) {
			assertThat(TriageLanguage.of(text)).isNotEqualTo(TriageLanguage.UNKNOWN);
		}
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
