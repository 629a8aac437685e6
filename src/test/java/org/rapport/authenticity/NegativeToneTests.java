package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The negative-tone scorer on German and English texts, with its reasons. */
class NegativeToneTests {

	@Test
	void angryGermanAndEnglishTextsAreNegativeWithTheirCues() {
		NegativeTone.Verdict v = NegativeTone.score("Das ist eine Frechheit!! Ich bin wirklich wütend.");
		assertThat(v.negative()).isTrue();
		assertThat(v.cues()).contains("frechheit", "wütend", "!!");
		assertThat(NegativeTone.isNegative("Disgusting ad, totally unacceptable. #boycott")).isTrue();
		assertThat(NegativeTone.isNegative("Ich bin sehr enttäuscht vom Service.")).isTrue();
		assertThat(NegativeTone.isNegative("<p>Never again will I buy from you, <b>appalling</b>.</p>")).isTrue();
	}

	@Test
	void friendlyAndNeutralTextsAreNot() {
		assertThat(NegativeTone.isNegative("Danke für die schnelle Antwort!")).isFalse();
		assertThat(NegativeTone.isNegative("Wann habt ihr am Samstag geöffnet?")).isFalse();
		assertThat(NegativeTone.isNegative("Thanks, that was really helpful.")).isFalse();
		assertThat(NegativeTone.isNegative("")).isFalse();
		assertThat(NegativeTone.isNegative(null)).isFalse();
	}

	@Test
	void negationTurnsPraiseIntoComplaintAndSoftensComplaint() {
		assertThat(NegativeTone.score("Das war gar nicht gut und nicht hilfreich.").negative()).isTrue();
		assertThat(NegativeTone.score("Das war nicht gut und nicht hilfreich.").cues()).contains("not gut");
		assertThat(NegativeTone.score("Not bad at all").negative()).isFalse();
	}
}
