package org.rapport.authenticity;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The storm early warning's detector for one channel: pure, deterministic, no database — the live path
 * ({@link StormWatch}), the simulator and the evaluation all drive this one class.
 * <p>
 * It learns, per slot of hour of day × weekday (168 slots, in the workspace's time zone), the normal number per
 * 5-minute bucket of three things: <em>distinct authors of negative messages</em>, <em>new authors</em> (contacts never
 * seen on the channel before) and messages. The rate of a slot is an EWMA over that slot's buckets (a running mean
 * together with a prior for its first buckets, then weight {@link #ALPHA}), with a floor, and a bucket's value is
 * capped at {@code λ + 4√λ + 2} before it is learnt, so one burst does not teach that bursts are normal; nothing is learnt while an alert episode
 * lasts.
 * <p>
 * After each negative (or new-author) message it tests windows of the last 1, 2, 3, 6 and 12 buckets (the current,
 * partial one included): with D the distinct authors of negative messages in the window and Λ the sum of the learnt
 * rates of its buckets, it signals when D ≥ the channel's minimum of authors and the Poisson tail P(X ≥ D | Λ) is below
 * the sensitivity's level; or when the new authors are as improbable (a tenth of the level) while at least half the
 * window's messages are negative and D reaches the minimum; or (the joint rule) when, in a window at least half negative
 * with D at the minimum, Fisher's combination of the negative and the new authors' tails is below a tenth of the level
 * while the new authors' tail and D's tail for the window's messages are each below {@link #JOINT_EACH} — the start of
 * a storm whose first people are negative and new but too few for either test alone. Counting <em>distinct</em> authors is what keeps a single
 * angry thread — one person, many messages — from being a storm.
 * <p>
 * A signal opens an alert episode; further signals belong to it until three hours pass without one
 * ({@link #COOLDOWN}), so one storm raises one alert.
 */
public final class StormDetector {

	/** The length of one bucket. */
	public static final Duration BUCKET = Duration.ofMinutes(5);
	static final long BUCKET_SECONDS = BUCKET.toSeconds();

	/** The EWMA weight of a new bucket once a slot has a history (about twelve weeks of memory per slot). */
	static final double ALPHA = 0.01;

	/** The smallest rates assumed per bucket (negative authors, new authors, messages). */
	static final double[] FLOOR = { 0.02, 0.02, 0.05 };

	/** The rates a slot starts from before it has learnt anything. */
	static final double[] PRIOR = { 0.05, 0.2, 0.5 };

	/** Buckets a slot learns as a running mean (with the prior counting as {@link #PRIOR_BUCKETS}) before the EWMA. */
	static final int WARM_UP = 48;

	/** How many buckets the prior weighs in the running mean: a slot's first hour does not replace it. */
	static final int PRIOR_BUCKETS = 12;

	/** The windows tested, in buckets. */
	static final int[] WINDOWS = { 1, 2, 3, 6, 12 };
	static final int LONGEST = 12;

	/** How improbable the negative authors must also be for the window's number of messages, over the level. */
	static final double VOLUME_FACTOR = 10;

	/**
	 * The joint rule's level relative to the sensitivity's: Fisher's combination of the negative authors' and the new
	 * authors' tails must be this much smaller than the level.
	 */
	static final double JOINT_FACTOR = 0.1;

	/**
	 * The joint rule's bound on each of its parts alone: the new authors' tail, and the negative authors' tail for the
	 * window's number of messages.
	 */
	static final double JOINT_EACH = 0.01;

	/** A signal within this long of the last one belongs to the same alert episode. */
	public static final Duration COOLDOWN = Duration.ofHours(3);

	/** Gaps longer than this are not learnt bucket by bucket (nothing arrived; a restore or a new channel). */
	static final long MAX_GAP_BUCKETS = 8L * 7 * 24 * 12;

	/** How eagerly a channel alerts: the Poisson tail level below which a window counts as a storm. */
	public enum Sensitivity {
		LOW(1e-7), NORMAL(1e-5), HIGH(1e-3);

		private final double level;

		Sensitivity(double level) {
			this.level = level;
		}

		public double level() {
			return level;
		}

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The sensitivity named by {@code key}, or null. */
		public static Sensitivity of(String key) {
			for (Sensitivity s : values()) {
				if (s.key().equals(key)) {
					return s;
				}
			}
			return null;
		}
	}

	/**
	 * A channel's threshold.
	 *
	 * @param minAuthors the fewest distinct authors of negative messages in a window that can be a storm
	 */
	public record Settings(Sensitivity sensitivity, int minAuthors) {

		public static final int MIN_AUTHORS_LOW = 2;
		public static final int MIN_AUTHORS_HIGH = 500;
		public static final Settings DEFAULT = new Settings(Sensitivity.NORMAL, 4);
	}

	/** One inbound message as the detector sees it. */
	public record Observation(UUID messageId, UUID authorId, Instant at, boolean negative, boolean newAuthor) {
	}

	/**
	 * What made the detector signal.
	 *
	 * @param startedAt the first negative message of the window that signalled (the storm's start as far as seen)
	 * @param at the moment of the message that made it signal
	 * @param messages inbound messages in the window
	 * @param negative negative messages in the window
	 * @param negativeAuthors distinct authors of negative messages in the window
	 * @param newAuthors distinct new authors in the window
	 * @param expected the distinct negative authors normal for the window
	 * @param growth negative messages in the last 15 minutes divided by those in the 15 minutes before (at least 1)
	 * @param pValue the Poisson tail probability of the window
	 * @param sample the negative messages of the window, newest first, at most {@link #SAMPLE}
	 * @param opensEpisode true for the first signal of an alert episode, false for a later one of the same storm
	 */
	public record Signal(Instant startedAt, Instant at, int messages, int negative, int negativeAuthors, int newAuthors,
			double expected, double growth, double pValue, List<UUID> sample, boolean opensEpisode) {

		/** The share of the window's messages that is negative. */
		public double negativeShare() {
			return messages == 0 ? 0 : (double) negative / messages;
		}
	}

	/** Sample messages kept with a signal. */
	public static final int SAMPLE = 20;

	private final ZoneId zone;

	/** Learnt rates: [series][slot], series 0 = negative authors, 1 = new authors, 2 = messages. */
	final double[][] rates = new double[3][168];
	/** Buckets learnt per slot. */
	final int[] learnt = new int[168];
	/** The last bucket (epoch second / 300) that was closed and learnt; -1 before the first message. */
	long closedThrough = -1;
	/** The last signal, which an episode runs from. */
	Instant lastSignal;
	/** Messages of the open buckets and the last {@link #LONGEST} buckets, oldest first. */
	final ArrayDeque<Observation> recent = new ArrayDeque<>();

	private Settings settings;

	public StormDetector(ZoneId zone, Settings settings) {
		this.zone = zone;
		this.settings = settings;
		for (int s = 0; s < 3; s++) {
			Arrays.fill(rates[s], PRIOR[s]);
		}
	}

	public void settings(Settings settings) {
		this.settings = settings;
	}

	public Settings settings() {
		return settings;
	}

	/**
	 * Takes the next messages (in time order; a late one joins the window but not what was already learnt) and answers
	 * the signals they caused, in order.
	 */
	public List<Signal> observe(List<Observation> batch) {
		List<Signal> signals = new ArrayList<>();
		for (Observation o : batch) {
			Signal s = observe(o);
			if (s != null) {
				signals.add(s);
			}
		}
		return signals;
	}

	/** Takes one message; answers the signal it caused, or null. */
	public Signal observe(Observation o) {
		long bucket = bucketOf(o.at());
		if (closedThrough < 0) {
			closedThrough = bucket - 1;
		}
		advanceTo(bucket);
		keep(o);
		if (!o.negative() && !o.newAuthor()) {
			return null;
		}
		return evaluate(Math.max(bucket, closedThrough + 1), o.at());
	}

	/**
	 * Whether observing messages written at these times can only keep them: an alert episode is on and its open bucket
	 * has been looked at already, so none of them closes a bucket and each is answered without a window being counted
	 * ({@link #evaluate} looks once per bucket within an episode). The recent messages need not be at hand then, which
	 * spares reading the last hour of a channel back for every message while a storm brings hundreds an hour.
	 */
	public boolean onlyKeeps(Collection<Instant> times) {
		if (closedThrough < 0 || lastSignal == null || bucketOf(lastSignal) != closedThrough + 1) {
			return false;
		}
		Instant episodeEnd = lastSignal.plus(COOLDOWN);
		for (Instant at : times) {
			if (bucketOf(at) > closedThrough + 1 || !at.isBefore(episodeEnd)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Adds a message to the recent ones in time order: a late one (written before the last one seen, as a network's
	 * search may hand over a post some minutes after newer ones) goes to its place, so that the windows, which are
	 * counted from the newest message back, still see every message before it.
	 */
	private void keep(Observation o) {
		if (recent.isEmpty() || !o.at().isBefore(recent.peekLast().at())) {
			recent.addLast(o);
			return;
		}
		ArrayDeque<Observation> later = new ArrayDeque<>();
		while (!recent.isEmpty() && o.at().isBefore(recent.peekLast().at())) {
			later.addFirst(recent.pollLast());
		}
		recent.addLast(o);
		recent.addAll(later);
	}

	/** Closes every bucket before {@code bucket}: learns them and forgets messages older than the longest window. */
	public void advanceTo(long bucket) {
		if (closedThrough < 0 || bucket <= closedThrough + 1) {
			return;
		}
		long from = closedThrough + 1;
		if (bucket - from > MAX_GAP_BUCKETS) {
			from = bucket - MAX_GAP_BUCKETS;
		}
		// Count the messages of the buckets to close, bucket by bucket, in one pass over the recent ones.
		int[][] counts = new int[3][(int) (bucket - from)];
		List<Set<UUID>> negativeAuthors = new ArrayList<>();
		List<Set<UUID>> newAuthors = new ArrayList<>();
		for (int i = 0; i < bucket - from; i++) {
			negativeAuthors.add(null);
			newAuthors.add(null);
		}
		for (Observation o : recent) {
			long b = bucketOf(o.at());
			if (b < from || b >= bucket) {
				continue;
			}
			int i = (int) (b - from);
			counts[2][i]++;
			if (o.negative()) {
				if (negativeAuthors.get(i) == null) {
					negativeAuthors.set(i, new HashSet<>());
				}
				negativeAuthors.get(i).add(o.authorId());
			}
			if (o.newAuthor()) {
				if (newAuthors.get(i) == null) {
					newAuthors.set(i, new HashSet<>());
				}
				newAuthors.get(i).add(o.authorId());
			}
		}
		for (long b = from; b < bucket; b++) {
			int i = (int) (b - from);
			boolean inEpisode = lastSignal != null
					&& Instant.ofEpochSecond(b * BUCKET_SECONDS).isBefore(lastSignal.plus(COOLDOWN));
			if (inEpisode) {
				continue;
			}
			int slot = slotOf(b);
			double[] x = { negativeAuthors.get(i) == null ? 0 : negativeAuthors.get(i).size(),
					newAuthors.get(i) == null ? 0 : newAuthors.get(i).size(), counts[2][i] };
			int n = learnt[slot];
			double a = n < WARM_UP ? 1.0 / (n + 1 + PRIOR_BUCKETS) : ALPHA;
			for (int s = 0; s < 3; s++) {
				double lambda = rates[s][slot];
				double value = Math.min(x[s], lambda + 4 * Math.sqrt(lambda) + 2);
				rates[s][slot] = lambda + a * (value - lambda);
			}
			learnt[slot] = Math.min(n + 1, 1_000_000);
		}
		closedThrough = bucket - 1;
		long keepFrom = bucket - LONGEST;
		for (Iterator<Observation> it = recent.iterator(); it.hasNext();) {
			if (bucketOf(it.next().at()) < keepFrom) {
				it.remove();
			}
			else {
				break;
			}
		}
	}

	private Signal evaluate(long bucket, Instant at) {
		boolean inEpisode = lastSignal != null && at.isBefore(lastSignal.plus(COOLDOWN));
		if (inEpisode && bucketOf(lastSignal) == bucket) {
			return null; // within an episode, one look per bucket keeps it alive
		}
		Signal best = null;
		double share = normalShare();
		for (int k : WINDOWS) {
			long first = bucket - k + 1;
			int messages = 0;
			int negative = 0;
			Set<UUID> negativeAuthors = new HashSet<>();
			Set<UUID> newAuthors = new HashSet<>();
			List<UUID> sample = new ArrayList<>();
			Instant earliest = at;
			for (Iterator<Observation> it = recent.descendingIterator(); it.hasNext();) {
				Observation o = it.next();
				long b = bucketOf(o.at());
				if (b > bucket) {
					continue;
				}
				if (b < first) {
					break;
				}
				messages++;
				if (o.negative()) {
					negative++;
					negativeAuthors.add(o.authorId());
					if (o.at().isBefore(earliest)) {
						earliest = o.at();
					}
					if (sample.size() < SAMPLE) {
						sample.add(o.messageId());
					}
				}
				if (o.newAuthor()) {
					newAuthors.add(o.authorId());
				}
			}
			if (negativeAuthors.size() < settings.minAuthors()) {
				continue;
			}
			double expectedNegative = 0;
			double expectedNew = 0;
			for (long b = first; b <= bucket; b++) {
				int slot = slotOf(b);
				expectedNegative += Math.max(FLOOR[0], rates[0][slot]);
				expectedNew += Math.max(FLOOR[1], rates[1][slot]);
			}
			// As many negative authors as normal for this many messages (a busy hour is not a storm), at the channel's
			// share over the whole week (steadier than one slot's).
			double forVolume = Math.max(messages, 1) * share;
			double level = settings.sensitivity().level();
			double p = poissonTail(negativeAuthors.size(), expectedNegative);
			boolean fires = p < level && poissonTail(negativeAuthors.size(), forVolume) < level * VOLUME_FACTOR;
			if (!fires && negative * 2 >= messages) {
				double pNew = poissonTail(newAuthors.size(), expectedNew);
				if (pNew < level / 10) {
					fires = true;
					p = Math.min(p, pNew);
				}
			}
			if (!fires && negative * 2 >= messages) {
				// The joint rule: the negative authors and the new authors, each at least suggestive on its own, together
				// improbable for the slot (Fisher's combination of the two tails, a tenth of the level), in a window that
				// is at least half negative and whose negative authors are not ordinary for its number of messages
				// either (a looser volume test than above).
				double pNew = poissonTail(newAuthors.size(), expectedNew);
				if (pNew < JOINT_EACH && fisher(p, pNew) < level * JOINT_FACTOR
						&& poissonTail(negativeAuthors.size(), forVolume) < JOINT_EACH) {
					fires = true;
					p = fisher(p, pNew);
				}
			}
			if (fires && (best == null || p < best.pValue())) {
				best = new Signal(earliest, at, messages, negative,
						negativeAuthors.size(), newAuthors.size(), expectedNegative, growth(bucket), p,
						List.copyOf(sample), !inEpisode);
			}
		}
		if (best != null) {
			lastSignal = at;
		}
		return best;
	}

	/** Distinct negative authors per message over the whole week, at least 2 %. */
	double normalShare() {
		double negative = 0;
		double all = 0;
		for (int slot = 0; slot < 168; slot++) {
			negative += rates[0][slot];
			all += rates[2][slot];
		}
		return all <= 0 ? 1 : Math.min(1, Math.max(0.02, negative / all));
	}

	/** Negative messages of the last three buckets over those of the three before (at least 1 in the divisor). */
	private double growth(long bucket) {
		int now = 0;
		int before = 0;
		for (Observation o : recent) {
			if (!o.negative()) {
				continue;
			}
			long b = bucketOf(o.at());
			if (b > bucket - 3 && b <= bucket) {
				now++;
			}
			else if (b > bucket - 6 && b <= bucket - 3) {
				before++;
			}
		}
		return Math.round(100.0 * now / Math.max(1, before)) / 100.0;
	}

	/** The bucket an instant falls in: epoch seconds over 300. */
	public static long bucketOf(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS);
	}

	/** The slot (weekday × hour in the zone, 0 = Monday 0:00) of a bucket. */
	int slotOf(long bucket) {
		ZonedDateTime t = Instant.ofEpochSecond(bucket * BUCKET_SECONDS).atZone(zone);
		return (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + t.getHour();
	}

	/** The normal distinct negative authors per bucket at the given moment, as learnt. */
	public double normalNegativeAuthors(Instant at) {
		return Math.max(FLOOR[0], rates[0][slotOf(bucketOf(at))]);
	}

	/**
	 * Fisher's combination of two tail probabilities: P(χ²₄ ≥ −2 ln(p₁p₂)) = q(1 − ln q) with q = p₁p₂ — how
	 * improbable it is that two independent tests come out at least this extreme together.
	 */
	static double fisher(double p1, double p2) {
		double q = p1 * p2;
		if (q <= 0) {
			return 0;
		}
		return Math.min(1, q * (1 - Math.log(q)));
	}

	/** P(X ≥ k) for X ~ Poisson(λ), summed from k upward in log space (precise for the small tails that matter). */
	static double poissonTail(int k, double lambda) {
		if (k <= 0) {
			return 1;
		}
		if (k <= lambda) {
			return 1;
		}
		double logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
		double sum = 0;
		double term = Math.exp(logTerm);
		for (int i = k; i < k + 1000; i++) {
			sum += term;
			term *= lambda / (i + 1);
			if (term < sum * 1e-12) {
				break;
			}
		}
		return Math.min(1, sum);
	}

	private static double logFactorial(int n) {
		double sum = 0;
		for (int i = 2; i <= n; i++) {
			sum += Math.log(i);
		}
		return sum;
	}
}
