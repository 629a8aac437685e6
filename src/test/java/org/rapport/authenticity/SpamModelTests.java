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
		// a filter stored before the features changed is not read as today's
		byte[] older = voted.toBytes();
		older[3] = (byte) (SpamModel.FORMAT - 1);
		assertThat(SpamModel.fromBytes(older, voted.trainedOn)).isNull();
		for (CommentText text : texts) {
			assertThat(stored.logOdds(text)).isCloseTo(voted.logOdds(text), org.assertj.core.data.Offset.offset(1e-9));
		}
	}

	@Test
	void wordsAndCharacterGramsWeighHalfEach() {
		CommentText text = CommentText.of("Check out my brand new channel, subscribe please");
		double squares = 0;
		double wordSquares = 0;
		for (int k = 0; k < text.features.length; k++) {
			squares += text.values[k] * text.values[k];
		}
		for (String word : text.words) {
			int at = java.util.Arrays.binarySearch(text.features, CommentText.bucket(CommentText.word(word)));
			assertThat(at).isGreaterThanOrEqualTo(0);
			wordSquares += text.values[at] * text.values[at];
		}
		assertThat(squares).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
		// the words alone are a part of the first half, far more than their share of the features
		assertThat(wordSquares).isGreaterThan(0.1).isLessThan(0.5 + 1e-3);
		assertThat((double) text.words.size() / text.features.length).isLessThan(0.1);
	}

	@Test
	void aTextJudgedAlikeManyTimesIsOneLesson() {
		List<String> many = new java.util.ArrayList<>(TEXTS);
		boolean[] spam = new boolean[TEXTS.size() + 50];
		System.arraycopy(SPAM, 0, spam, 0, SPAM.length);
		for (int i = 0; i < 50; i++) {
			many.add("Check out my channel https://win-money.example.com/x?id=81726 now");
			spam[TEXTS.size() + i] = true;
		}
		SpamModel once = SpamModel.train(TEXTS.stream().map(CommentText::of).toList(), SPAM);
		SpamModel repeated = SpamModel.train(many.stream().map(CommentText::of).toList(), spam);
		assertThat(repeated.trainedOn).isEqualTo(TEXTS.size() + 50);
		for (String text : List.of("check out my channel", "a great song", "free gift cards")) {
			assertThat(repeated.logOdds(CommentText.of(text))).isEqualTo(once.logOdds(CommentText.of(text)));
		}
		// the same text judged both ways is kept both ways
		SpamModel disputed = SpamModel.train(List.of(CommentText.of("nice video man"), CommentText.of("nice video man")),
				new boolean[] { true, false });
		SpamModel spamOnly = SpamModel.train(List.of(CommentText.of("nice video man")), new boolean[] { true });
		assertThat(disputed.trainedOn).isEqualTo(2);
		// both judgements count: the filter is torn (near even odds), not as sure as after the one "spam"
		assertThat(Math.abs(disputed.logOdds(CommentText.of("nice video man")))).isLessThan(0.5)
			.isLessThan(Math.abs(spamOnly.logOdds(CommentText.of("nice video man"))));
	}
}
