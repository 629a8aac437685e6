package org.rapport.authenticity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A simulated stream of praise on one channel, with bursts of bought praise planted in it: ordinary praise by day
 * and night from regulars and from people writing for the first time (their handles as people pick them: first and
 * last name, a name and a year, a name and digits — so that ordinary people look alike now and then), genuine surges
 * when a post is shared widely (an hour or two of many first-time writers), and planted bursts of 5–25 accounts
 * within 5–45 minutes: new accounts with ordinary names, new accounts with look-alike handles (one stem, other
 * digits), or aged look-alike accounts bought with their history. Everything is drawn from the seed.
 *
 * <p>With several posts a day ({@link #generate(long, Profile, Instant, int, int)}), the channel's account publishes
 * that many posts each day and every message comments on one of them: ordinary praise on any of the day's posts, a
 * surge and a planted burst each on one; and while each planted burst runs, another of the day's posts is discussed
 * organically (half an hour to an hour and a half at {@link #OTHER_POST_RATE} times the channel's rate, at least six
 * an hour, 30 % first-time writers) — the busy channel where the channel's share of praise hides bought applause. The
 * posts and these conversations are drawn from a second generator after the rest, so the stream of one post a day is
 * the same messages, without posts.
 */
final class PraiseStreamSimulator {

	/** How busy a channel is: ordinary praise an hour by day. */
	enum Profile {
		SMALL(0.3), MEDIUM(1.0), LARGE(4.0);

		final double perHour;

		Profile(double perHour) {
			this.perHour = perHour;
		}
	}

	/** A simulated message with whether it was planted. */
	record Message(PraiseBursts.Praise praise, boolean planted) {
	}

	/**
	 * A planted burst's messages, and the post they comment on (null: one post a day, not told, or a burst spread thin
	 * over several posts, whose type starts with {@link #THIN}).
	 */
	record Planted(Set<UUID> messageIds, String type, String post) {
	}

	/** The type of a burst spread thin over several posts starts with this. */
	static final String THIN = "spread thin: ";

	/** The fewest and most accounts of a burst spread thin, and the most posts it is spread over. */
	static final int THIN_ACCOUNTS_FEWEST = 8, THIN_ACCOUNTS_MOST = 15, THIN_POSTS_MOST = 5;

	/** How much busier than the channel an organic conversation on another post during a planted burst is. */
	static final double OTHER_POST_RATE = 4;

	record Stream(List<Message> messages, List<Planted> bursts, int surges) {
	}

	static final String[] FIRST = { "anna", "lena", "mia", "paul", "jonas", "lukas", "sara", "elif", "tarek", "ida",
			"ole", "emma", "noah", "leon", "marie", "finn", "hannah", "david", "laura", "felix", "aylin", "deniz", "jan",
			"julia", "max", "nina", "tim", "lara", "ben", "clara", "tom", "greta", "yusuf", "mila", "erik", "sophie",
			"karl", "rosa", "milan", "zoe" };

	static final String[] LAST = { "schulz", "becker", "kaya", "hofmann", "wolf", "krüger", "sommer", "brandt",
			"meyer", "wagner", "fischer", "weber", "yilmaz", "schmidt", "koch", "richter", "klein", "neumann", "braun",
			"zimmer", "hartmann", "lange", "werner", "krause", "lehmann", "köhler", "maier", "peters", "vogel", "jung" };

	static final String[] STEMS = { "sunny_fan", "best_deals", "lisa_loves", "top.fan", "happy_buyer", "glow_girl",
			"fit_life", "star_promo", "real_review", "city_hero" };

	private final Random random;
	private final Random postsRandom;
	private final int posts;
	private final Instant start;
	private final List<Message> messages = new ArrayList<>();
	private final List<PraiseBursts.Praise> regulars = new ArrayList<>();
	private final UUID channel = UUID.randomUUID();
	private int people;

	private PraiseStreamSimulator(long seed, Instant start, int posts) {
		this.random = new Random(seed);
		this.postsRandom = new Random(seed * 1_000_003 + 17);
		this.posts = posts;
		this.start = start;
	}

	/** A stream on a channel whose posts are not told (one post a day, or praise without a post). */
	static Stream generate(long seed, Profile profile, Instant start, int days) {
		return generate(seed, profile, start, days, 1);
	}

	/** A stream on a channel with this many posts a day (1: posts not told, as {@link #generate(long, Profile, Instant, int)}). */
	static Stream generate(long seed, Profile profile, Instant start, int days, int postsADay) {
		return generate(seed, profile, start, days, postsADay, false);
	}

	/**
	 * A stream on a channel with this many posts a day (at least {@link #THIN_POSTS_MOST} with {@code thinSpread}) and,
	 * with {@code thinSpread}, bursts spread thin over several posts planted too: about once in three days,
	 * {@link #THIN_ACCOUNTS_FEWEST}–{@link #THIN_ACCOUNTS_MOST} bought accounts within 5–20 minutes, each praising one of
	 * 3–{@link #THIN_POSTS_MOST} of the day's posts, dealt out in turn so that no post gets more than five (fewer than
	 * the six people a burst needs); and while each runs, one of the day's posts (any, perhaps one of them) is discussed
	 * organically as in {@link #generate(long, Profile, Instant, int, int)}. These are drawn from a third generator
	 * after the rest, so the other messages are those of the stream without them.
	 */
	static Stream generate(long seed, Profile profile, Instant start, int days, int postsADay, boolean thinSpread) {
		if (thinSpread && postsADay < THIN_POSTS_MOST) {
			throw new IllegalArgumentException("a thin spread needs " + THIN_POSTS_MOST + " posts a day");
		}
		PraiseStreamSimulator sim = new PraiseStreamSimulator(seed, start, postsADay);
		for (int i = 0; i < 40 + (int) (profile.perHour * 60); i++) {
			sim.regulars.add(sim.person(sim.random, start.minus(Duration.ofDays(30 + sim.random.nextInt(700))), null));
		}
		Instant end = start.plus(Duration.ofDays(days));
		// ordinary praise, hour by hour, quieter at night
		for (Instant hour = start; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
			int h = (int) (Duration.between(start, hour).toHours() % 24);
			double rate = profile.perHour * (h >= 8 && h < 22 ? 1 : 0.15);
			sim.ordinary(sim.random, hour, Duration.ofHours(1), rate, 0.3, null);
		}
		// genuine surges: a post shared widely, about once in five days
		int surges = 0;
		for (int d = 0; d < days; d++) {
			if (sim.random.nextDouble() < 0.2) {
				surges++;
				Instant at = start.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(8 * 60 + sim.random.nextInt(13 * 60)));
				Duration length = Duration.ofMinutes(60 + sim.random.nextInt(61));
				sim.ordinary(sim.random, at, length, Math.max(4, profile.perHour * (4 + sim.random.nextInt(5))), 0.7,
						sim.postOn(at, null));
			}
		}
		// planted bursts, about one in three days
		List<Planted> planted = new ArrayList<>();
		for (int d = 0; d < days; d++) {
			if (sim.random.nextDouble() < 1 / 3.0) {
				Instant at = start.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(sim.random.nextInt(24 * 60)));
				planted.add(sim.plant(at));
			}
		}
		// organic praise on another of the day's posts while each planted burst runs
		if (postsADay > 1) {
			for (Planted b : planted) {
				Instant first = sim.messages.stream().filter(m -> b.messageIds().contains(m.praise().messageId()))
					.map(m -> m.praise().at()).min(Comparator.naturalOrder()).orElseThrow();
				Instant from = first.minus(Duration.ofMinutes(sim.postsRandom.nextInt(31)));
				Duration length = Duration.ofMinutes(30 + sim.postsRandom.nextInt(61));
				sim.ordinary(sim.postsRandom, from, length, Math.max(6, profile.perHour * OTHER_POST_RATE), 0.3,
						sim.postOn(first, b.post()));
			}
		}
		if (thinSpread) {
			Random thin = new Random(seed * 7_000_009 + 29);
			for (int d = 0; d < days; d++) {
				if (thin.nextDouble() < 1 / 3.0) {
					Instant at = start.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(thin.nextInt(24 * 60)));
					Planted b = sim.plantThin(thin, at);
					planted.add(b);
					Instant from = at.minus(Duration.ofMinutes(thin.nextInt(31)));
					Duration length = Duration.ofMinutes(30 + thin.nextInt(61));
					sim.ordinary(thin, from, length, Math.max(6, profile.perHour * OTHER_POST_RATE), 0.3,
							"d" + d + "-p" + thin.nextInt(postsADay));
				}
			}
		}
		sim.messages.sort(Comparator.comparing((Message m) -> m.praise().at()).thenComparing(m -> m.praise().messageId()));
		return new Stream(List.copyOf(sim.messages), planted, surges);
	}

	/**
	 * Ordinary praise at this rate an hour for this long, this share from people writing for the first time, drawn
	 * from this generator; all on this post, or (null) each on one of its day's posts.
	 */
	private void ordinary(Random random, Instant from, Duration length, double perHour, double newShare, String post) {
		double minutes = length.toMinutes();
		int n = poisson(random, perHour * minutes / 60);
		for (int i = 0; i < n; i++) {
			Instant at = from.plusSeconds((long) (random.nextDouble() * minutes * 60));
			PraiseBursts.Praise who = random.nextDouble() < newShare ? person(random, at, null)
					: regulars.get(random.nextInt(regulars.size()));
			messages.add(new Message(write(who, at).onPost(post != null ? post : postOn(at, null)), false));
		}
	}

	/**
	 * One of the posts published on the day of this time, other than {@code not}, drawn from the second generator;
	 * null with one post a day.
	 */
	private String postOn(Instant at, String not) {
		if (posts <= 1) {
			return null;
		}
		long day = Duration.between(start, at).toDays();
		String post;
		do {
			post = "d" + day + "-p" + postsRandom.nextInt(posts);
		} while (post.equals(not));
		return post;
	}

	private Planted plant(Instant at) {
		int size = 5 + random.nextInt(21);
		Duration span = Duration.ofMinutes(5 + random.nextInt(41));
		String type = boughtKind(random.nextDouble());
		String stem = STEMS[random.nextInt(STEMS.length)];
		String post = postOn(at, null);
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < size; i++) {
			ids.add(bought(random, at, span, type, stem, post));
		}
		return new Planted(ids, type, post);
	}

	/**
	 * One bought account's praise of {@code post} within {@code span} after {@code at}, added to the stream: a new
	 * account or an aged one, with a look-alike handle of {@code stem} unless {@code type} is plain new accounts.
	 */
	private UUID bought(Random random, Instant at, Duration span, String type, String stem, String post) {
		Instant when = at.plusSeconds((long) (random.nextDouble() * span.toSeconds()));
		Instant since = type.startsWith("aged") ? when.minus(Duration.ofDays(60 + random.nextInt(300)))
				: when.minusSeconds(random.nextInt(3600 * 6));
		String handle = type.equals("new accounts") ? null : "@" + stem + (10 + random.nextInt(9990));
		PraiseBursts.Praise p = write(person(random, since, handle), when).onPost(post);
		messages.add(new Message(p, true));
		return p.messageId();
	}

	/** The kind of bought accounts a draw of 0..1 picks: new, new look-alike (both 40 %) or aged look-alike. */
	private static String boughtKind(double draw) {
		return draw < 0.4 ? "new accounts" : draw < 0.8 ? "new look-alike accounts" : "aged look-alike accounts";
	}

	/**
	 * A burst spread thin: its accounts dealt out in turn over 3 to {@link #THIN_POSTS_MOST} of the day's posts, at
	 * most five under each.
	 */
	private Planted plantThin(Random random, Instant at) {
		int size = THIN_ACCOUNTS_FEWEST + random.nextInt(THIN_ACCOUNTS_MOST - THIN_ACCOUNTS_FEWEST + 1);
		Duration span = Duration.ofMinutes(5 + random.nextInt(16));
		String type = boughtKind(random.nextDouble());
		String stem = STEMS[random.nextInt(STEMS.length)];
		long day = Duration.between(start, at).toDays();
		List<String> dayPosts = new ArrayList<>();
		for (int i = 0; i < posts; i++) {
			dayPosts.add("d" + day + "-p" + i);
		}
		Collections.shuffle(dayPosts, random);
		List<String> used = dayPosts.subList(0, Math.max((size + 4) / 5, 3 + random.nextInt(THIN_POSTS_MOST - 2)));
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < size; i++) {
			ids.add(bought(random, at, span, type, stem, used.get(i % used.size())));
		}
		return new Planted(ids, THIN + type, null);
	}

	/** A person first seen then, with an ordinary name and, unless given, an ordinary handle. */
	private PraiseBursts.Praise person(Random random, Instant since, String handle) {
		String first = FIRST[random.nextInt(FIRST.length)];
		String last = LAST[random.nextInt(LAST.length)];
		String name = Character.toUpperCase(first.charAt(0)) + first.substring(1) + " "
				+ Character.toUpperCase(last.charAt(0)) + last.substring(1);
		if (handle == null) {
			double style = random.nextDouble();
			handle = style < 0.4 ? first + "." + last + "@example.org"
					: style < 0.6 ? "@" + first + (1960 + random.nextInt(50))
					: style < 0.8 ? "@" + first + "_" + last.charAt(0) + random.nextInt(100) : "@" + first + last;
		}
		people++;
		return new PraiseBursts.Praise(null, null, channel, new UUID(0, people), name, handle, since, since);
	}

	private PraiseBursts.Praise write(PraiseBursts.Praise who, Instant at) {
		return new PraiseBursts.Praise(new UUID(1, messages.size() + 1L), UUID.randomUUID(), channel, who.contactId(),
				who.name(), who.handle(), who.contactSince(), at);
	}

	private static int poisson(Random random, double mean) {
		double l = Math.exp(-mean);
		int k = 0;
		double p = 1;
		do {
			k++;
			p *= random.nextDouble();
		} while (p > l);
		return k - 1;
	}
}
