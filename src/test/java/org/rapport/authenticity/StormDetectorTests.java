package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The storm detector on hand-made streams: what is a storm and what is not. */
class StormDetectorTests {

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
	static final Instant START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday

	/** Four weeks of a quiet channel: about 40 messages a day in the day time, 10 % negative, a few new people. */
	static StormDetector learnt(StormDetector.Settings settings) {
		StormDetector d = new StormDetector(ZONE, settings);
		Random random = new Random(7);
		List<UUID> people = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			people.add(UUID.randomUUID());
		}
		for (int day = 0; day < 28; day++) {
			for (int hour = 8; hour < 22; hour++) {
				for (int k = 0; k < 3; k++) {
					Instant at = START.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plusSeconds(random.nextInt(3600));
					assertThat(d.observe(obs(people.get(random.nextInt(200)), at, random.nextDouble() < 0.1, random.nextDouble() < 0.05)))
						.isNull();
				}
			}
		}
		return d;
	}

	static StormDetector.Observation obs(UUID author, Instant at, boolean negative, boolean isNew) {
		return new StormDetector.Observation(UUID.randomUUID(), author, at, negative, isNew);
	}

	@Test
	void aLatePostDoesNotHideTheWindowBeforeIt() {
		StormDetector d = new StormDetector(ZONE, StormDetector.Settings.DEFAULT);
		Instant onset = START.plus(Duration.ofDays(2)).plus(Duration.ofHours(14));
		for (int i = 0; i < 5; i++) {
			assertThat(d.observe(obs(UUID.randomUUID(), onset.plusSeconds(20L * i), true, false))).isNull();
		}
		// A post written two hours earlier arrives late; it is older than every window.
		assertThat(d.observe(obs(UUID.randomUUID(), onset.minus(Duration.ofHours(2)), true, false))).isNull();
		StormDetector.Signal s = d.observe(obs(UUID.randomUUID(), onset.plusSeconds(120), true, false));
		assertThat(s).as("six people within two minutes, the late post left out").isNotNull();
		assertThat(s.negativeAuthors()).isEqualTo(6);
		assertThat(d.recent.stream().map(StormDetector.Observation::at).toList()).isSorted();
	}

	@Test
	void manyNewPeopleWritingNegativelyWithinMinutesIsAStorm() {
		StormDetector d = learnt(StormDetector.Settings.DEFAULT);
		Instant onset = START.plus(Duration.ofDays(29)).plus(Duration.ofHours(14));
		StormDetector.Signal first = null;
		for (int i = 0; i < 12; i++) {
			StormDetector.Signal s = d.observe(obs(UUID.randomUUID(), onset.plusSeconds(50L * i), true, true));
			if (s != null && first == null) {
				first = s;
			}
		}
		assertThat(first).isNotNull();
		assertThat(first.opensEpisode()).isTrue();
		assertThat(first.negativeAuthors()).isGreaterThanOrEqualTo(StormDetector.Settings.DEFAULT.minAuthors());
		assertThat(Duration.between(onset, first.at())).isLessThanOrEqualTo(Duration.ofMinutes(10));
		assertThat(first.negativeShare()).isGreaterThan(0.5);
		assertThat(first.sample()).isNotEmpty().hasSizeLessThanOrEqualTo(StormDetector.SAMPLE);
		assertThat(first.expected()).isLessThan(first.negativeAuthors());
	}

	@Test
	void fourNewPeopleOverTwelveMinutesAreAStormFourKnownOnesAreNot() {
		// Four negative people in a quarter hour are improbable for the slot but not for the window's four messages
		// (the volume test) and four new people alone are not improbable enough: only the joint rule, which combines the
		// negative and the new authors' tails, warns — and not when the four are known people.
		StormDetector known = learnt(StormDetector.Settings.DEFAULT);
		StormDetector fresh = learnt(StormDetector.Settings.DEFAULT);
		Instant onset = START.plus(Duration.ofDays(29)).plus(Duration.ofHours(14));
		StormDetector.Signal fromNew = null;
		for (int i = 0; i < 4; i++) {
			Instant at = onset.plusSeconds(240L * i);
			assertThat(known.observe(obs(UUID.randomUUID(), at, true, false))).as("four known people").isNull();
			StormDetector.Signal s = fresh.observe(obs(UUID.randomUUID(), at, true, true));
			if (i < 3) {
				assertThat(s).as("three people are fewer than the minimum").isNull();
			}
			fromNew = s;
		}
		assertThat(fromNew).as("four new people within twelve minutes").isNotNull();
		assertThat(fromNew.negativeAuthors()).isEqualTo(4);
		assertThat(fromNew.newAuthors()).isEqualTo(4);
		assertThat(fromNew.pValue()).isLessThan(StormDetector.Sensitivity.NORMAL.level() * StormDetector.JOINT_FACTOR);
	}

	@Test
	void oneAngryPersonWritingFortyTimesIsNotAStorm() {
		StormDetector d = learnt(StormDetector.Settings.DEFAULT);
		UUID angry = UUID.randomUUID();
		Instant from = START.plus(Duration.ofDays(29)).plus(Duration.ofHours(15));
		for (int i = 0; i < 40; i++) {
			assertThat(d.observe(obs(angry, from.plusSeconds(45L * i), true, i == 0))).isNull();
		}
	}

	@Test
	void aBusyHourOfOrdinaryMessagesIsNotAStorm() {
		StormDetector d = learnt(StormDetector.Settings.DEFAULT);
		Random random = new Random(3);
		Instant from = START.plus(Duration.ofDays(29)).plus(Duration.ofHours(11));
		// Five times the usual messages for an hour (a newsletter went out), with the usual one in ten negative.
		for (int i = 0; i < 60; i++) {
			assertThat(d.observe(obs(UUID.randomUUID(), from.plusSeconds(60L * i), i % 10 == 0, random.nextBoolean()))).isNull();
		}
	}

	@Test
	void theSameBurstAtNightIsAStormSoonerThanItsThresholdAllows() {
		StormDetector strict = learnt(new StormDetector.Settings(StormDetector.Sensitivity.NORMAL, 8));
		Instant night = START.plus(Duration.ofDays(29)).plus(Duration.ofHours(2));
		int signals = 0;
		for (int i = 0; i < 6; i++) {
			if (strict.observe(obs(UUID.randomUUID(), night.plusSeconds(60L * i), true, true)) != null) {
				signals++;
			}
		}
		assertThat(signals).as("six people never reach a minimum of eight").isZero();
		for (int i = 6; i < 9; i++) {
			if (strict.observe(obs(UUID.randomUUID(), night.plusSeconds(60L * i), true, true)) != null) {
				signals++;
			}
		}
		assertThat(signals).isEqualTo(1);
	}

	@Test
	void oneStormRaisesOneEpisodeAndANewOneLaterRaisesAnother() {
		StormDetector d = learnt(StormDetector.Settings.DEFAULT);
		Instant onset = START.plus(Duration.ofDays(29)).plus(Duration.ofHours(16));
		List<StormDetector.Signal> signals = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			StormDetector.Signal s = d.observe(obs(UUID.randomUUID(), onset.plusSeconds(30L * i), true, true));
			if (s != null) {
				signals.add(s);
			}
		}
		assertThat(signals).isNotEmpty();
		assertThat(signals.stream().filter(StormDetector.Signal::opensEpisode).count()).isEqualTo(1);
		assertThat(signals.size()).as("within an episode at most one look per bucket").isLessThanOrEqualTo(13);
		Instant later = onset.plus(Duration.ofHours(8));
		StormDetector.Signal again = null;
		for (int i = 0; i < 15 && again == null; i++) {
			again = d.observe(obs(UUID.randomUUID(), later.plusSeconds(30L * i), true, true));
		}
		assertThat(again).isNotNull();
		assertThat(again.opensEpisode()).isTrue();
	}

	@Test
	void aHighSensitivityWarnsWhereALowOneDoesNot() {
		StormDetector high = learnt(new StormDetector.Settings(StormDetector.Sensitivity.HIGH, 4));
		StormDetector low = learnt(new StormDetector.Settings(StormDetector.Sensitivity.LOW, 4));
		Instant from = START.plus(Duration.ofDays(29)).plus(Duration.ofHours(13));
		boolean highSignalled = false;
		boolean lowSignalled = false;
		for (int i = 0; i < 5; i++) {
			UUID author = UUID.randomUUID();
			Instant at = from.plusSeconds(240L * i);
			highSignalled |= high.observe(new StormDetector.Observation(UUID.randomUUID(), author, at, true, false)) != null;
			lowSignalled |= low.observe(new StormDetector.Observation(UUID.randomUUID(), author, at, true, false)) != null;
		}
		assertThat(highSignalled).isTrue();
		assertThat(lowSignalled).isFalse();
	}

	@Test
	void poissonTailMatchesKnownValues() {
		assertThat(StormDetector.poissonTail(0, 2.0)).isEqualTo(1.0);
		// P(X >= 5 | 1) = 1 - sum_{k<5} e^-1 / k! = 0.00366
		assertThat(StormDetector.poissonTail(5, 1.0)).isBetween(0.00365, 0.00367);
		// P(X >= 10 | 0.5) ~ 1.7e-10
		assertThat(StormDetector.poissonTail(10, 0.5)).isBetween(1.6e-10, 1.8e-10);
	}

	@Test
	void fisherCombinesTwoTails() {
		// q = 1e-4: q (1 - ln q) = 1e-4 × (1 + 9.2103) = 1.021e-3
		assertThat(StormDetector.fisher(0.01, 0.01)).isBetween(1.020e-3, 1.022e-3);
		assertThat(StormDetector.fisher(1, 1)).isEqualTo(1.0);
		assertThat(StormDetector.fisher(1e-6, 1)).as("one test alone counts for less than its own tail")
			.isGreaterThan(1e-6);
	}

	@Test
	void theSimulatorIsDeterministicAndLabelsItsStorms() {
		var a = StormSimulator.generate(5, StormSimulator.Profile.SMALL, START, 60, ZONE);
		var b = StormSimulator.generate(5, StormSimulator.Profile.SMALL, START, 60, ZONE);
		assertThat(a).isEqualTo(b);
		assertThat(a.storms()).isNotEmpty();
		assertThat(a.messages()).anyMatch(m -> m.kind().equals("thread")).anyMatch(m -> m.kind().equals("storm"))
			.anyMatch(m -> m.kind().equals("cluster"));
		for (StormSimulator.Storm storm : a.storms()) {
			assertThat(a.messages()).anyMatch(m -> m.kind().equals("storm") && m.at().equals(storm.onset()));
		}
	}
	/**
	 * The storm watch stores a detector between calls and reads the channel's recent messages back for each call, but
	 * not where {@link StormDetector#onlyKeeps} says the call can only keep its messages. Over two simulated months with
	 * storms, taken in calls of one to eight messages, a detector stored and restored that way signals exactly as one
	 * that is always given its recent messages back — and it does skip the reading during the storms.
	 */
	@Test
	void skippingTheRecentMessagesWhereOnlyKeptChangesNoSignal() {
		var stream = StormSimulator.generate(11, StormSimulator.Profile.MEDIUM, START, 60, ZONE);
		assertThat(stream.storms()).isNotEmpty();
		Random random = new Random(3);
		java.util.Set<UUID> seen = new java.util.HashSet<>();
		List<StormDetector.Observation> all = new ArrayList<>();
		for (StormSimulator.Message m : stream.messages()) {
			all.add(new StormDetector.Observation(m.id(), m.authorId(), m.at(), NegativeTone.isNegative(m.text()),
					seen.add(m.authorId())));
		}
		StormDetector always = new StormDetector(ZONE, StormDetector.Settings.DEFAULT);
		StormDetector skipping = new StormDetector(ZONE, StormDetector.Settings.DEFAULT);
		List<StormDetector.Signal> fromAlways = new ArrayList<>();
		List<StormDetector.Signal> fromSkipping = new ArrayList<>();
		int skipped = 0;
		for (int from = 0; from < all.size();) {
			List<StormDetector.Observation> call = all.subList(from, Math.min(all.size(), from + 1 + random.nextInt(8)));
			List<Instant> times = call.stream().map(StormDetector.Observation::at).toList();
			always = restored(always, all.subList(0, from), null);
			fromAlways.addAll(always.observe(call));
			skipping = restored(skipping, all.subList(0, from), times);
			if (skipping.onlyKeeps(times)) {
				skipped++;
			}
			fromSkipping.addAll(skipping.observe(call));
			from += call.size();
		}
		assertThat(fromAlways).isNotEmpty();
		assertThat(fromSkipping).isEqualTo(fromAlways);
		assertThat(skipped).as("calls that needed no recent messages").isGreaterThan(10);
	}

	/**
	 * A detector as the storm watch stores and loads it: the learnt state, and the recent messages — always, or (given
	 * the times of the call) unless the call can only keep its messages.
	 */
	private static StormDetector restored(StormDetector stored, List<StormDetector.Observation> before,
			List<Instant> call) {
		StormDetector d = new StormDetector(ZONE, stored.settings());
		for (int s = 0; s < 3; s++) {
			System.arraycopy(stored.rates[s], 0, d.rates[s], 0, 168);
		}
		System.arraycopy(stored.learnt, 0, d.learnt, 0, 168);
		d.closedThrough = stored.closedThrough;
		d.lastSignal = stored.lastSignal;
		if (d.closedThrough >= 0 && (call == null || !d.onlyKeeps(call))) {
			Instant from = StormWatch.windowStart(d);
			before.stream().filter(o -> !o.at().isBefore(from)).forEach(d.recent::addLast);
		}
		return d;
	}
}
