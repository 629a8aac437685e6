package org.rapport.authenticity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * How many of the team's decisions on a new video the spam filter needs: trained on the two other videos plus the
 * first k judged comments of the new one (in a random order, five orders), judged on the new video's comments that
 * were never used for training (its last 100 in each order). Not part of the normal test run (surefire skips
 * {@code *Benchmark*}); run with {@code ./mvnw -B -q test -Dtest=CommentSpamLearningCurveBenchmark}.
 */
class CommentSpamLearningCurveBenchmark {

	static final int[] DECISIONS = { 0, 10, 25, 50, 100, 150, 200, 250 };
	static final int HELD_OUT = 100;
	static final int ORDERS = 5;

	@Test
	void decisionsOnANewVideo() {
		for (String video : YouTubeComments.VIDEOS) {
			List<YouTubeComments.Comment> others = YouTubeComments.allBut(video);
			List<YouTubeComments.Comment> comments = YouTubeComments.of(video);
			StringBuilder line = new StringBuilder("[eval] learning curve, test " + video + " (mean MCC of " + ORDERS
					+ " orders on " + HELD_OUT + " held-out comments):");
			for (int k : DECISIONS) {
				if (k > comments.size() - HELD_OUT) {
					continue;
				}
				double sum = 0;
				for (int order = 0; order < ORDERS; order++) {
					List<YouTubeComments.Comment> shuffled = new ArrayList<>(comments);
					Collections.shuffle(shuffled, new Random(order));
					List<YouTubeComments.Comment> test = shuffled.subList(shuffled.size() - HELD_OUT, shuffled.size());
					List<YouTubeComments.Comment> train = new ArrayList<>(others);
					train.addAll(shuffled.subList(0, k));
					sum += YouTubeComments.mcc(YouTubeComments.train(train), test);
				}
				line.append(String.format(" k=%d %.3f", k, sum / ORDERS));
			}
			System.out.println(line);
		}
	}
}
