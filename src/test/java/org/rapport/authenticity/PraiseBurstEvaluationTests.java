package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Bursts of praise on simulated channels ({@link PraiseStreamSimulator}, 60 days each, a small, a medium and a large
 * channel): a message counts as flagged when it falls in a burst, and is compared with whether it was planted. The
 * settings ({@link PraiseBursts.Settings#DEFAULT}) were chosen on seeds 1–10 by the grid of
 * {@link #theDefaultSettingsAreTheBestOfTheGridOnTheTuningSeeds}; the figures are reported on seeds 201–220, which
 * were looked at once, after the last change (seeds 101–120 were seen by an earlier version of the detector, whose
 * results led to the share rule). Prints the figures that {@code docs/evaluation.md} reports (lines starting with
 * {@code [eval]}).
 *
 * <p>On channels with {@link #POSTS_A_DAY} posts a day, organic praise under another post while a burst runs, the
 * same seeds are run twice: per channel as before the post was known ({@code before}, every post left out) and per
 * post ({@code after}); reported on seeds 301–320, not used before and looked at once after the last change, the
 * settings unchanged; they are also run per post and across posts, as the code now runs.
 *
 * <p>On channels with {@link #THIN_POSTS_A_DAY} posts a day and bursts spread thin over several of them (fewer than six
 * people under each), the same seeds are run per post only ({@code before}) and per post and across posts
 * ({@code after}); the across-posts level was developed on seeds 1–10 and is reported on seeds 401–420, run once after
 * the change.
 */
class PraiseBurstEvaluationTests {

	static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
	static final int DAYS = 60;
	static final List<PraiseStreamSimulator.Profile> PROFILES = List.of(PraiseStreamSimulator.Profile.SMALL,
			PraiseStreamSimulator.Profile.MEDIUM, PraiseStreamSimulator.Profile.LARGE);

	/** Counts over messages, and planted bursts found (half their messages flagged or more). */
	record Outcome(long tp, long fp, long fn, long tn, int bursts, int found, int surges) {

		Outcome plus(Outcome o) {
			return new Outcome(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn, bursts + o.bursts, found + o.found,
					surges + o.surges);
		}

		double precision() {
			return tp + fp == 0 ? 0 : tp / (double) (tp + fp);
		}

		double recall() {
			return tp + fn == 0 ? 0 : tp / (double) (tp + fn);
		}

		double mcc() {
			double d = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
			return d == 0 ? 0 : (tp * tn - fp * fn) / d;
		}
	}

	static Outcome run(long seed, PraiseStreamSimulator.Profile profile, PraiseBursts.Settings settings) {
		return run(PraiseStreamSimulator.generate(seed, profile, START, DAYS), settings);
	}

	/** Posts a day on the channels of the per-post evaluation. */
	static final int POSTS_A_DAY = 4;

	static Outcome run(PraiseStreamSimulator.Stream stream, PraiseBursts.Settings settings) {
		return run(stream, settings, true);
	}

	/** The outcome on a stream, its posts told to {@code find} or ({@code perPost} false) left out. */
	static Outcome run(PraiseStreamSimulator.Stream stream, PraiseBursts.Settings settings, boolean perPost) {
		return outcome(stream, flagged(stream, settings, perPost, true));
	}

	/**
	 * The messages in a burst: the posts told to {@code find} or ({@code perPost} false) left out, and bursts across
	 * posts looked for or ({@code acrossPosts} false, per post only, as before they were) not.
	 */
	static Set<UUID> flagged(PraiseStreamSimulator.Stream stream, PraiseBursts.Settings settings, boolean perPost,
			boolean acrossPosts) {
		List<PraiseBursts.Praise> praise = stream.messages().stream().map(PraiseStreamSimulator.Message::praise)
			.map(p -> perPost ? p : p.onPost(null)).toList();
		Set<UUID> flagged = new HashSet<>();
		PraiseBursts.find(praise, settings, acrossPosts).forEach(b -> b.items().forEach(p -> {
			assertThat(flagged.add(p.messageId())).as("a message is in one burst at most").isTrue();
		}));
		return flagged;
	}

	/** How many of the planted bursts whose type is {@code thin} or not are found (half their messages flagged). */
	static int[] found(PraiseStreamSimulator.Stream stream, Set<UUID> flagged, boolean thin) {
		int[] found = new int[2];
		for (PraiseStreamSimulator.Planted b : stream.bursts()) {
			if (b.type().startsWith(PraiseStreamSimulator.THIN) == thin) {
				found[0]++;
				found[1] += b.messageIds().stream().filter(flagged::contains).count() * 2 >= b.messageIds().size() ? 1 : 0;
			}
		}
		return found;
	}

	/** Counts over messages, and planted bursts found, for these flagged messages. */
	static Outcome outcome(PraiseStreamSimulator.Stream stream, Set<UUID> flagged) {
		long tp = 0, fp = 0, fn = 0, tn = 0;
		for (PraiseStreamSimulator.Message m : stream.messages()) {
			boolean f = flagged.contains(m.praise().messageId());
			if (f && m.planted()) {
				tp++;
			}
			else if (f) {
				fp++;
			}
			else if (m.planted()) {
				fn++;
			}
			else {
				tn++;
			}
		}
		int found = 0;
		for (PraiseStreamSimulator.Planted b : stream.bursts()) {
			long hit = b.messageIds().stream().filter(flagged::contains).count();
			found += hit * 2 >= b.messageIds().size() ? 1 : 0;
		}
		return new Outcome(tp, fp, fn, tn, stream.bursts().size(), found, stream.surges());
	}

	static Outcome all(long[] seeds, PraiseBursts.Settings settings) {
		Outcome total = new Outcome(0, 0, 0, 0, 0, 0, 0);
		for (PraiseStreamSimulator.Profile profile : PROFILES) {
			for (long seed : seeds) {
				total = total.plus(run(seed, profile, settings));
			}
		}
		return total;
	}

	static long[] seeds(String property, long from, long to) {
		String given = System.getProperty(property);
		if (given != null && !given.isBlank()) {
			return Arrays.stream(given.split(",")).mapToLong(s -> Long.parseLong(s.strip())).toArray();
		}
		long[] seeds = new long[(int) (to - from + 1)];
		for (int i = 0; i < seeds.length; i++) {
			seeds[i] = from + i;
		}
		return seeds;
	}

	@Test
	void burstsOfBoughtPraiseAreFoundOnSeedsNotTunedOn() {
		long[] seeds = seeds("praise.seeds", 201, 220);
		for (PraiseStreamSimulator.Profile profile : PROFILES) {
			Outcome o = new Outcome(0, 0, 0, 0, 0, 0, 0);
			for (long seed : seeds) {
				o = o.plus(run(seed, profile, PraiseBursts.Settings.DEFAULT));
			}
			System.out.printf("[eval] praise bursts %s (%d channels × %d days): %d planted bursts, %d found; %d genuine surges;"
					+ " messages flagged %d: precision %.3f, recall %.3f, MCC %.3f%n", profile, seeds.length, DAYS,
					o.bursts(), o.found(), o.surges(), o.tp() + o.fp(), o.precision(), o.recall(), o.mcc());
		}
		// by type of planted burst, and what the missed ones were
		java.util.Map<String, int[]> byType = new java.util.TreeMap<>();
		int missedOfFive = 0;
		int missed = 0;
		for (PraiseStreamSimulator.Profile profile : PROFILES) {
			for (long seed : seeds) {
				PraiseStreamSimulator.Stream stream = PraiseStreamSimulator.generate(seed, profile, START, DAYS);
				Set<UUID> flagged = new HashSet<>();
				PraiseBursts.find(stream.messages().stream().map(PraiseStreamSimulator.Message::praise).toList(),
						PraiseBursts.Settings.DEFAULT).forEach(b -> b.items().forEach(p -> flagged.add(p.messageId())));
				for (PraiseStreamSimulator.Planted b : stream.bursts()) {
					boolean found = b.messageIds().stream().filter(flagged::contains).count() * 2 >= b.messageIds().size();
					int[] counts = byType.computeIfAbsent(b.type(), k -> new int[2]);
					counts[0]++;
					counts[1] += found ? 1 : 0;
					if (!found) {
						missed++;
						missedOfFive += b.messageIds().size() == 5 ? 1 : 0;
					}
				}
			}
		}
		byType.forEach((type, c) -> System.out.printf("[eval] praise bursts of %s: %d of %d found%n", type, c[1], c[0]));
		System.out.printf("[eval] praise bursts missed: %d, of them %d of five accounts%n", missed, missedOfFive);
		Outcome total = all(seeds, PraiseBursts.Settings.DEFAULT);
		System.out.printf("[eval] praise bursts all (seeds %d–%d, %s gap, %d people, share %.2f): %d of %d planted bursts found; "
				+ "precision %.3f, recall %.3f, MCC %.3f%n", seeds[0], seeds[seeds.length - 1],
				PraiseBursts.Settings.DEFAULT.maxGap().toMinutes() + " min", PraiseBursts.Settings.DEFAULT.minAuthors(),
				PraiseBursts.Settings.DEFAULT.minShare(),
				total.found(), total.bursts(), total.precision(), total.recall(), total.mcc());
		// The goals: most bought bursts found, and most of what is flagged bought — a group is shown to the team, who
		// judge it, so a few genuine surges among the groups are acceptable, most are not.
		assertThat(total.found()).isGreaterThanOrEqualTo((int) Math.ceil(total.bursts() * 0.8));
		assertThat(total.precision()).isGreaterThanOrEqualTo(0.8);
		assertThat(total.mcc()).isGreaterThanOrEqualTo(0.75);
	}

	@Test
	void theDefaultSettingsAreTheBestOfTheGridOnTheTuningSeeds() {
		long[] seeds = seeds("praise.tuning", 1, 10);
		List<PraiseStreamSimulator.Stream> streams = new ArrayList<>();
		for (PraiseStreamSimulator.Profile profile : PROFILES) {
			for (long seed : seeds) {
				streams.add(PraiseStreamSimulator.generate(seed, profile, START, DAYS));
			}
		}
		PraiseBursts.Settings best = null;
		double bestMcc = -1;
		double defaultMcc = Double.NaN;
		for (int gap : new int[] { 3, 5, 10, 15, 20, 30 }) {
			for (int authors : new int[] { 3, 4, 5, 6, 8 }) {
				for (double share : new double[] { 0, 0.6, 0.75, 0.85, 0.95 }) {
					PraiseBursts.Settings s = new PraiseBursts.Settings(Duration.ofMinutes(gap), authors, share);
					Outcome o = new Outcome(0, 0, 0, 0, 0, 0, 0);
					for (PraiseStreamSimulator.Stream stream : streams) {
						o = o.plus(run(stream, s));
					}
					double mcc = o.mcc();
					System.out.printf("[tune] praise bursts gap %d min, %d people, share %.2f: MCC %.3f%n", gap, authors, share, mcc);
					if (mcc > bestMcc) {
						bestMcc = mcc;
						best = s;
					}
					if (s.equals(PraiseBursts.Settings.DEFAULT)) {
						defaultMcc = mcc;
					}
				}
			}
		}
		System.out.printf("[tune] praise bursts best on seeds %s: %s, MCC %.3f; the default %.3f%n", Arrays.toString(seeds),
				best, bestMcc, defaultMcc);
		// the settings in the code are the grid's best on the tuning seeds (or within a hair of it)
		assertThat(defaultMcc).isGreaterThanOrEqualTo(bestMcc - 0.005);
	}

	@Test
	void burstsUnderOnePostAreFoundAmidOrganicPraiseOnOtherPosts() {
		long[] seeds = seeds("praise.posts.seeds", 301, 320);
		Outcome allBefore = new Outcome(0, 0, 0, 0, 0, 0, 0);
		Outcome allPerPost = new Outcome(0, 0, 0, 0, 0, 0, 0);
		Outcome allAfter = new Outcome(0, 0, 0, 0, 0, 0, 0);
		for (PraiseStreamSimulator.Profile profile : PROFILES) {
			Outcome before = new Outcome(0, 0, 0, 0, 0, 0, 0);
			Outcome perPost = new Outcome(0, 0, 0, 0, 0, 0, 0);
			Outcome after = new Outcome(0, 0, 0, 0, 0, 0, 0);
			for (long seed : seeds) {
				PraiseStreamSimulator.Stream stream = PraiseStreamSimulator.generate(seed, profile, START, DAYS, POSTS_A_DAY);
				before = before.plus(run(stream, PraiseBursts.Settings.DEFAULT, false));
				perPost = perPost.plus(outcome(stream, flagged(stream, PraiseBursts.Settings.DEFAULT, true, false)));
				after = after.plus(run(stream, PraiseBursts.Settings.DEFAULT, true));
			}
			for (var o : List.of(java.util.Map.entry("per channel", before), java.util.Map.entry("per post only", perPost),
					java.util.Map.entry("per post and across posts", after))) {
				print(POSTS_A_DAY + " posts a day, " + profile + ", " + o.getKey(), o.getValue());
			}
			allBefore = allBefore.plus(before);
			allPerPost = allPerPost.plus(perPost);
			allAfter = allAfter.plus(after);
		}
		String all = POSTS_A_DAY + " posts a day, all (seeds " + seeds[0] + "–" + seeds[seeds.length - 1] + "), ";
		print(all + "per channel", allBefore);
		print(all + "per post only", allPerPost);
		print(all + "per post and across posts", allAfter);
		// per post (and across posts), the same goals as on a channel without posts; and more of the bursts found than
		// per channel; looking across posts too keeps the per-post gains
		for (Outcome o : List.of(allPerPost, allAfter)) {
			assertThat(o.found()).isGreaterThanOrEqualTo((int) Math.ceil(o.bursts() * 0.8));
			assertThat(o.precision()).isGreaterThanOrEqualTo(0.8);
			assertThat(o.mcc()).isGreaterThanOrEqualTo(0.75);
			assertThat(o.found()).isGreaterThan(allBefore.found());
		}
		assertThat(allAfter.mcc()).isGreaterThanOrEqualTo(allPerPost.mcc() - 0.01);
	}

	static void print(String what, Outcome o) {
		System.out.printf("[eval] praise bursts %s: %d planted bursts, %d found; messages flagged %d: precision %.3f, recall"
				+ " %.3f, MCC %.3f%n", what, o.bursts(), o.found(), o.tp() + o.fp(), o.precision(), o.recall(), o.mcc());
	}

	/** Posts a day on the channels of the thin-spread evaluation. */
	static final int THIN_POSTS_A_DAY = PraiseStreamSimulator.THIN_POSTS_MOST;

	/**
	 * Bursts spread thin over several posts at once (fewer than six people under each), planted besides the bursts
	 * under one post, amid an organic conversation on one of the day's posts: per post only (before) and across posts
	 * too (after). Reported on seeds 401–420, not used before and run once after the change; developed on seeds 1–10.
	 */
	@Test
	void burstsSpreadThinOverSeveralPostsAreFoundAcrossPosts() {
		long[] seeds = seeds("praise.thin.seeds", 401, 420);
		Outcome allBefore = new Outcome(0, 0, 0, 0, 0, 0, 0);
		Outcome allAfter = new Outcome(0, 0, 0, 0, 0, 0, 0);
		int[] thinBefore = new int[2], thinAfter = new int[2], onePostBefore = new int[2], onePostAfter = new int[2];
		for (PraiseStreamSimulator.Profile profile : PROFILES) {
			Outcome before = new Outcome(0, 0, 0, 0, 0, 0, 0);
			Outcome after = new Outcome(0, 0, 0, 0, 0, 0, 0);
			int[] thinB = new int[2], thinA = new int[2], oneB = new int[2], oneA = new int[2];
			for (long seed : seeds) {
				PraiseStreamSimulator.Stream stream = PraiseStreamSimulator.generate(seed, profile, START, DAYS,
						THIN_POSTS_A_DAY, true);
				Set<UUID> perPost = flagged(stream, PraiseBursts.Settings.DEFAULT, true, false);
				Set<UUID> both = flagged(stream, PraiseBursts.Settings.DEFAULT, true, true);
				before = before.plus(outcome(stream, perPost));
				after = after.plus(outcome(stream, both));
				add(thinB, found(stream, perPost, true));
				add(thinA, found(stream, both, true));
				add(oneB, found(stream, perPost, false));
				add(oneA, found(stream, both, false));
			}
			for (var o : List.of(java.util.Map.entry("per post only", before), java.util.Map.entry("per post and across posts", after))) {
				print("spread thin, " + THIN_POSTS_A_DAY + " posts a day, " + profile + ", " + o.getKey(), o.getValue());
			}
			System.out.printf("[eval] praise bursts spread thin, %s: spread thin %d of %d found before, %d after; under one post"
					+ " %d of %d before, %d after%n", profile, thinB[1], thinB[0], thinA[1], oneB[1], oneB[0], oneA[1]);
			allBefore = allBefore.plus(before);
			allAfter = allAfter.plus(after);
			add(thinBefore, thinB);
			add(thinAfter, thinA);
			add(onePostBefore, oneB);
			add(onePostAfter, oneA);
		}
		String all = "spread thin, " + THIN_POSTS_A_DAY + " posts a day, all (seeds " + seeds[0] + "–" + seeds[seeds.length - 1]
				+ "), ";
		print(all + "per post only", allBefore);
		print(all + "per post and across posts", allAfter);
		System.out.printf("[eval] praise bursts spread thin, all: spread thin %d of %d found before, %d after; under one post"
				+ " %d of %d before, %d after%n", thinBefore[1], thinBefore[0], thinAfter[1], onePostBefore[1],
				onePostBefore[0], onePostAfter[1]);
		// most bursts spread thin found, the per-post ones kept, and the same goals on all messages
		assertThat(thinAfter[1]).isGreaterThanOrEqualTo((int) Math.ceil(thinAfter[0] * 0.8));
		assertThat(thinAfter[1]).isGreaterThan(thinBefore[1]);
		assertThat(onePostAfter[1]).isGreaterThanOrEqualTo(onePostBefore[1]);
		assertThat(allAfter.precision()).isGreaterThanOrEqualTo(0.8);
		assertThat(allAfter.mcc()).isGreaterThanOrEqualTo(0.75);
		assertThat(allAfter.mcc()).isGreaterThan(allBefore.mcc());
	}

	private static void add(int[] to, int[] counts) {
		to[0] += counts[0];
		to[1] += counts[1];
	}

	@Test
	void theSimulatorPlantsBurstsSpreadThinWithFewerThanSixUnderEachPost() {
		PraiseStreamSimulator.Stream plain = PraiseStreamSimulator.generate(7, PraiseStreamSimulator.Profile.MEDIUM, START, DAYS,
				THIN_POSTS_A_DAY);
		PraiseStreamSimulator.Stream thin = PraiseStreamSimulator.generate(7, PraiseStreamSimulator.Profile.MEDIUM, START, DAYS,
				THIN_POSTS_A_DAY, true);
		java.util.Map<UUID, PraiseBursts.Praise> byId = new java.util.HashMap<>();
		thin.messages().forEach(m -> byId.put(m.praise().messageId(), m.praise()));
		for (PraiseStreamSimulator.Message m : plain.messages()) {
			PraiseBursts.Praise p = byId.get(m.praise().messageId());
			assertThat(p.contactId()).isEqualTo(m.praise().contactId());
			assertThat(p.at()).isEqualTo(m.praise().at());
			assertThat(p.post()).isEqualTo(m.praise().post());
		}
		List<PraiseStreamSimulator.Planted> spread = thin.bursts().stream()
			.filter(b -> b.type().startsWith(PraiseStreamSimulator.THIN)).toList();
		assertThat(spread).hasSizeBetween(10, 30);
		assertThat(thin.bursts()).hasSize(plain.bursts().size() + spread.size());
		for (PraiseStreamSimulator.Planted b : spread) {
			assertThat(b.messageIds()).hasSizeBetween(PraiseStreamSimulator.THIN_ACCOUNTS_FEWEST,
					PraiseStreamSimulator.THIN_ACCOUNTS_MOST);
			java.util.Map<String, Long> underEach = b.messageIds().stream()
				.collect(java.util.stream.Collectors.groupingBy(id -> byId.get(id).post(), java.util.stream.Collectors.counting()));
			assertThat(underEach).hasSizeBetween(3, PraiseStreamSimulator.THIN_POSTS_MOST);
			assertThat(underEach.values()).allMatch(n -> n < PraiseBursts.Settings.DEFAULT.minAuthors());
		}
	}

	@Test
	void theSimulatorWithPostsKeepsTheStreamAndAddsConversationsOnOtherPosts() {
		PraiseStreamSimulator.Stream plain = PraiseStreamSimulator.generate(7, PraiseStreamSimulator.Profile.MEDIUM, START, DAYS);
		PraiseStreamSimulator.Stream posted = PraiseStreamSimulator.generate(7, PraiseStreamSimulator.Profile.MEDIUM, START, DAYS,
				POSTS_A_DAY);
		assertThat(plain.messages()).allMatch(m -> m.praise().post() == null);
		assertThat(posted.messages()).allMatch(m -> m.praise().post() != null);
		java.util.Map<UUID, PraiseBursts.Praise> byId = new java.util.HashMap<>();
		posted.messages().forEach(m -> byId.put(m.praise().messageId(), m.praise()));
		for (PraiseStreamSimulator.Message m : plain.messages()) {
			PraiseBursts.Praise p = byId.get(m.praise().messageId());
			assertThat(p.contactId()).isEqualTo(m.praise().contactId());
			assertThat(p.at()).isEqualTo(m.praise().at());
		}
		assertThat(posted.messages().size()).isGreaterThan(plain.messages().size());
		assertThat(posted.bursts()).hasSameSizeAs(plain.bursts());
		int amidOthers = 0;
		for (PraiseStreamSimulator.Planted b : posted.bursts()) {
			assertThat(b.messageIds()).allMatch(id -> b.post().equals(byId.get(id).post()));
			Instant first = b.messageIds().stream().map(id -> byId.get(id).at()).min(Instant::compareTo).orElseThrow();
			amidOthers += posted.messages().stream().anyMatch(m -> !m.planted() && !m.praise().post().equals(b.post())
					&& Duration.between(m.praise().at(), first).abs().compareTo(Duration.ofMinutes(30)) <= 0) ? 1 : 0;
		}
		assertThat(amidOthers).as("bursts with organic praise on another post within half an hour")
			.isGreaterThanOrEqualTo((int) Math.ceil(posted.bursts().size() * 0.8));
	}

	@Test
	void theSimulatorPlantsWhatItSays() {
		PraiseStreamSimulator.Stream stream = PraiseStreamSimulator.generate(7, PraiseStreamSimulator.Profile.MEDIUM, START, DAYS);
		assertThat(stream.bursts()).hasSizeBetween(10, 30);
		long planted = stream.messages().stream().filter(PraiseStreamSimulator.Message::planted).count();
		assertThat(planted).isEqualTo(stream.bursts().stream().mapToLong(b -> b.messageIds().size()).sum());
		List<Instant> times = new ArrayList<>(stream.messages().stream().map(m -> m.praise().at()).toList());
		assertThat(times).isSorted();
		assertThat(stream.messages().size() - planted).as("ordinary praise, about 14 hours a day at 1 an hour")
			.isBetween(700L, 1300L);
	}
}
