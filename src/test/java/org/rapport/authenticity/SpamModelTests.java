package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What the filter learns, as stored: links read as their domains, and the naive-Bayes vote folded into the weights. */
class SpamModelTests {

	static final List<String> TEXTS = List.of("Check out my channel https://win-money.example.com/x?id=81726 now",
			"free gift cards at www.cheap-gifts.example.com/claim/991", "Great song, I listen to it every morning",
			"The video is so funny, the dance at the end!");

	static final boolean[] SPAM = { true, true, false, false };

	@Test
	void aLinkIsReadAsItsDomainNotItsPath() {
		CommentText text = CommentText.of("see https://www.Example.com/watch?v=AbC123xyz and www.example.com/other");
		assertThat(text.words).containsSubsequence("see", "xurl", "examplecom", "and", "xurl", "examplecom");
		assertThat(text.words).doesNotContain("watch", "abc000xyz", "other", "www");
		assertThat(text.link).isTrue();
		assertThat(CommentText.of("Great song, no link").normalised).isEqualTo("great song, no link");
	}

	@Test
	void theVoteAddsWeightOnlyToWhatTheJudgedTextsHadAndTheModelStaysSmall() {
		List<CommentText> texts = TEXTS.stream().map(CommentText::of).toList();
		SpamModel plain = SpamModel.train(texts, SPAM, new SpamModel.Settings(20, 0.5, 0, 1e-3, 0));
		SpamModel voted = SpamModel.train(texts, SPAM, new SpamModel.Settings(20, 0.5, 0, 1e-3, 0.05));
		// a word only the spam had weighs more with the vote, one only the rest had less
		assertThat(voted.weightOf(CommentText.word("channel"))).isGreaterThan(plain.weightOf(CommentText.word("channel")));
		assertThat(voted.weightOf(CommentText.word("song"))).isLessThan(plain.weightOf(CommentText.word("song")));
		// words nobody wrote keep no weight: the stored model holds only the buckets the texts touched
		assertThat(voted.weightOf(CommentText.word("bicycle"))).isZero();
		int features = texts.stream().mapToInt(t -> t.features.length).sum();
		assertThat(voted.toBytes().length).isLessThanOrEqualTo(16 + 8 * features);
		SpamModel stored = SpamModel.fromBytes(voted.toBytes(), voted.trainedOn);
		for (CommentText text : texts) {
			assertThat(stored.logOdds(text)).isCloseTo(voted.logOdds(text), org.assertj.core.data.Offset.offset(1e-9));
		}
	}
}
