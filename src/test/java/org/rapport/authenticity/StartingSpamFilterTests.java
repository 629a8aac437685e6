package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The starting filter every workspace has before its team judges anything: what it catches of comment spam on a video
 * it did not learn from, what it wrongly takes for spam among ordinary inbox messages, and that the team's judgements
 * overrule it. Prints the figures of {@code docs/evaluation.md} ({@code [eval]}); the thresholds are at the figures
 * reached, so a change that loses quality fails here.
 */
class StartingSpamFilterTests {

	/**
	 * Just below the figures reached, each video judged by a starting filter learned as the shipped one is (with the
	 * ordinary messages) but from the two other videos.
	 */
	private static final Map<String, Double> HELD_OUT = Map.of("psy", 0.91, "katyperry", 0.89, "lmfao", 0.825);

	/** How many of the ordinary messages it did not learn from (none of them spam) the shipped starting filter catches. */
	private static final int MOST_CAUGHT_AMONG_ORDINARY = 0;

	@Test
	void catchesCommentSpamOfAVideoItDidNotLearnFrom() {
		List<YouTubeComments.Comment> ordinary = StartingSpamFilter.ordinaryMessages().stream()
			.map(text -> new YouTubeComments.Comment(null, text, false))
			.toList();
		for (String video : YouTubeComments.VIDEOS) {
			List<YouTubeComments.Comment> training = new ArrayList<>(YouTubeComments.allBut(video));
			double without = YouTubeComments.mcc(SpamModel.startingWith(YouTubeComments.train(training)),
					YouTubeComments.of(video));
			training.addAll(ordinary);
			SpamModel starting = SpamModel.startingWith(YouTubeComments.train(training));
			double mcc = YouTubeComments.mcc(starting, YouTubeComments.of(video));
			System.out.printf("[eval] starting filter learned from the two other videos and the ordinary messages, test %s:"
					+ " MCC %.3f (without the ordinary messages %.3f)%n", video, mcc, without);
			assertThat(mcc).as(video).isGreaterThanOrEqualTo(HELD_OUT.get(video));
		}
	}

	/**
	 * The triage set's messages with even ids, which the shipped filter did not learn from (it learned the odd ones);
	 * compared with the filter learned from the videos alone.
	 */
	@Test
	void takesFewOrdinaryMessagesForSpamAndNoGermanOne() throws Exception {
		SpamModel starting = SpamModel.startingWith(new StartingSpamFilter(true).model());
		List<YouTubeComments.Comment> videos = new ArrayList<>();
		YouTubeComments.VIDEOS.forEach(video -> videos.addAll(YouTubeComments.of(video)));
		SpamModel videosAlone = SpamModel.startingWith(YouTubeComments.train(videos));
		List<String> caught = new ArrayList<>();
		int caughtByVideosAlone = 0;
		int ordinary = 0;
		for (CSVRecord row : triageSet()) {
			if (row.get("text").startsWith("Cheap loans") || Integer.parseInt(row.get("id")) % 2 == 1) {
				continue; // the one spam the team wrote into the set (kind "other"), and what the filter learned from
			}
			ordinary++;
			if (starting.spam(CommentText.of(row.get("text"))) >= 0.5) {
				caught.add(row.get("language") + ": " + row.get("text"));
			}
			if (videosAlone.spam(CommentText.of(row.get("text"))) >= 0.5) {
				caughtByVideosAlone++;
			}
		}
		System.out.printf("[eval] starting filter on %d ordinary inbox messages it did not learn from (triage set, even ids):"
				+ " %d taken for spam %s (learned from the videos alone: %d)%n", ordinary, caught.size(), caught,
				caughtByVideosAlone);
		assertThat(caught).hasSizeLessThanOrEqualTo(MOST_CAUGHT_AMONG_ORDINARY);
		assertThat(caught).noneMatch(text -> text.startsWith("de:"));
		assertThat(starting.spam(CommentText.of("Cheap loans with no credit check, apply now!"))).isGreaterThanOrEqualTo(0.5);
	}

	@Test
	void theTeamsJudgementsOverruleIt() {
		SpamModel shipped = new StartingSpamFilter(true).model();
		CommentText thanks = CommentText.of("Many thanks for your quick and straightforward help!");
		CommentText promotion = CommentText.of("Check out my new channel and subscribe, I upload every day");
		assertThat(SpamModel.startingWith(shipped).spam(promotion)).isGreaterThanOrEqualTo(0.5);

		SpamModel taught = SpamModel.train(List.of(thanks, CommentText.of("Buy followers cheap at example dot com today")),
				new boolean[] { false, true }, SpamModel.DEFAULT, shipped);
		assertThat(taught.spam(thanks)).as("judged not spam by the team").isLessThan(0.5);
		assertThat(taught.spam(promotion)).as("what the team did not judge stays caught").isGreaterThanOrEqualTo(0.5);
		assertThat(SpamModel.fromBytes(taught.toBytes(), taught.trainedOn, shipped).spam(thanks)).isEqualTo(taught.spam(thanks));
	}

	@Test
	void switchedOffLeavesTheBuiltInCues() {
		assertThat(new StartingSpamFilter(false).model()).isNull();
	}

	private static List<CSVRecord> triageSet() throws Exception {
		try (Reader in = new InputStreamReader(StartingSpamFilterTests.class.getResourceAsStream("/triage/messages.csv"),
				StandardCharsets.UTF_8)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
		}
	}
}
