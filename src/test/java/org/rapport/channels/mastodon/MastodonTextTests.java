package org.rapport.channels.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A status's length as the instance counts it: links as a fixed number, remote mentions without their domain. */
class MastodonTextTests {

	@Test
	void aLinkCountsWhatTheInstanceReservesWhateverItsLength() {
		String link = "https://kita.example/anmeldung/sommerferienprogramm-2027?ref=mastodon";
		assertThat(MastodonText.length("Hier: " + link, 23)).isEqualTo(6 + 23);
		assertThat(MastodonText.length("Hier: " + link, 30)).isEqualTo(6 + 30);
	}

	@Test
	void aRemoteMentionCountsWithoutItsDomain() {
		assertThat(MastodonText.length("@lena@example.social Danke!", 23)).isEqualTo("@lena Danke!".length());
		assertThat(MastodonText.length("@lena Danke!", 23)).isEqualTo("@lena Danke!".length());
		assertThat(MastodonText.length("Schreib an kita@example.org", 23)).as("a mail address is no mention")
			.isEqualTo("Schreib an kita@example.org".length());
	}

	@Test
	void charactersAreWhatAPersonSeesOnce() {
		assertThat(MastodonText.length("👨‍👩‍👧‍👦🇩🇪é", 23)).as("a family, a flag and an accented letter").isEqualTo(3);
	}
}
