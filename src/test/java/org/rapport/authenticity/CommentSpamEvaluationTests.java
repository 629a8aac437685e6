package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Comment spam on the YouTube Spam Collection, leave one video out: trained on two videos, judged on the third, for
 * each of the three; and the built-in cues alone. Prints the figures of {@code docs/evaluation.md} ({@code [eval]}).
 * The thresholds are below the figures reached, so a change that loses quality fails here.
 */
class CommentSpamEvaluationTests {

	@Test
	void learnsFromTwoVideosForTheThird() {
		for (String video : YouTubeComments.VIDEOS) {
			SpamModel model = YouTubeComments.train(YouTubeComments.allBut(video));
			double mcc = YouTubeComments.mcc(model, YouTubeComments.of(video));
			double builtIn = YouTubeComments.mcc(SpamModel.builtIn(), YouTubeComments.of(video));
			System.out.printf("[eval] leave one video out: test %s, train on the other two: MCC %.3f (built-in cues alone %.3f)%n",
					video, mcc, builtIn);
			assertThat(mcc).as(video).isGreaterThanOrEqualTo(0.80);
			assertThat(builtIn).as(video + ", built-in").isGreaterThanOrEqualTo(0.30);
		}
	}
}
