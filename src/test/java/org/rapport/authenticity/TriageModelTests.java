package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The triage model: German and English cues, sarcasm, short texts, reasons, and what corrections teach; and the
 * figures of {@code docs/evaluation.md} on the team's labelled set (printed as {@code [eval]}), with floors below
 * them so that a change that loses quality fails here.
 */
class TriageModelTests {

	private static TriageModel.Result triage(String text) {
		return TriageModel.builtIn().triage(text);
	}

	@Test
	void dataProtectionRequestsInGermanAndEnglish() {
		TriageModel.Result de = triage("Sehr geehrte Damen und Herren, ich bitte um Auskunft nach Art. 15 DSGVO über meine Daten.");
		assertThat(de.kind()).isEqualTo("data-request");
		assertThat(de.language()).isEqualTo("de");
		assertThat(de.reasons().getFirst().code()).isEqualTo("kind-data-request");
		assertThat(de.reasons().getFirst().words()).contains("art. 15");
		TriageModel.Result en = triage("Please erase all personal data you hold about me.");
		assertThat(en.kind()).isEqualTo("data-request");
		assertThat(en.sentiment()).isEqualTo("neutral");
		assertThat(en.language()).isEqualTo("en");
	}

	@Test
	void complaintsQuestionsAndPraise() {
		assertThat(triage("Seit drei Wochen keine Antwort, das ist eine Frechheit!").kind()).isEqualTo("complaint");
		assertThat(triage("Seit drei Wochen keine Antwort, das ist eine Frechheit!").sentiment()).isEqualTo("negative");
		assertThat(triage("Wann habt ihr am Samstag geöffnet?").kind()).isEqualTo("question");
		assertThat(triage("Do you have any places left in the beginners' course?").kind()).isEqualTo("question");
		assertThat(triage("Thank you so much, the workshop was wonderful!").kind()).isEqualTo("praise");
		assertThat(triage("Thank you so much, the workshop was wonderful!").sentiment()).isEqualTo("positive");
		assertThat(triage("Anbei das Protokoll der letzten Sitzung.").kind()).isEqualTo("other");
	}

	@Test
	void sarcasmIsNegative() {
		TriageModel.Result r = triage("Na toll, wieder keine Antwort. Echt großartiger Service hier. 🙄");
		assertThat(r.kind()).isEqualTo("complaint");
		assertThat(r.sentiment()).isEqualTo("negative");
		assertThat(r.reasons()).extracting(TriageModel.Cue::code).contains("sarcasm");
	}

	@Test
	void shortTextsHaveNoLanguage() {
		assertThat(triage("Danke!").language()).isEqualTo("unknown");
		assertThat(triage("👍").language()).isEqualTo("unknown");
		assertThat(triage("").kind()).isEqualTo("other");
		assertThat(triage(null).sentiment()).isEqualTo("neutral");
	}

	@Test
	void aCorrectionDecidesTheSameMessageAndLeavesOthersToTheCues() {
		String text = "Hallo, anbei unsere Einladung zum Sommerfest des Kleingartenvereins am 14. Juni.";
		assertThat(triage(text).kind()).isEqualTo("other");
		TriageModel taught = TriageModel.learned(List.of(new TriageModel.Example(text, "praise")), List.of(),
				List.of(new TriageModel.Example(text, "nl")));
		TriageModel.Result again = taught.triage("Hallo, anbei unsere Einladung zum Sommerfest des Kleingartenvereins am 21. Juni.");
		assertThat(again.kind()).isEqualTo("praise");
		assertThat(again.language()).isEqualTo("nl");
		assertThat(again.reasons()).extracting(TriageModel.Cue::code).contains("kind-team-same", "language-team");
		assertThat(taught.triage("Wann habt ihr am Samstag geöffnet?").kind()).isEqualTo("question");
	}

	@Test
	void macroF1OnTheHeldOutHalf() {
		TriageMessages.Figures builtIn = TriageMessages.evaluate(TriageModel.builtIn(), TriageMessages.heldOut());
		TriageMessages.Figures taught = TriageMessages.evaluate(TriageMessages.taught(TriageMessages.development()),
				TriageMessages.heldOut());
		System.out.printf("[eval] triage, held-out half (%d messages), built-in: macro-F1 kind %.3f, sentiment %.3f, language %.3f%n",
				TriageMessages.heldOut().size(), builtIn.kind(), builtIn.sentiment(), builtIn.language());
		System.out.printf("[eval] triage, held-out half, taught the development half's %d labels: macro-F1 kind %.3f, sentiment %.3f, language %.3f%n",
				TriageMessages.development().size(), taught.kind(), taught.sentiment(), taught.language());
		assertThat(builtIn.kind()).isGreaterThanOrEqualTo(0.75);
		assertThat(builtIn.sentiment()).isGreaterThanOrEqualTo(0.75);
		assertThat(builtIn.language()).isGreaterThanOrEqualTo(0.90);
		assertThat(taught.kind()).isGreaterThanOrEqualTo(0.75);
		assertThat(taught.sentiment()).isGreaterThanOrEqualTo(0.75);
	}
}
