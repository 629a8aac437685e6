package org.rapport.authenticity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Writes realistic inbound streams of one channel, deterministically from a seed, for the storm early warning's
 * tests, its evaluation and the demonstration in practice mode. A stream has
 * <ul>
 * <li>a daily rhythm (quiet nights, a midday and an evening peak) and a weekly one (a profile's weekend factor), and
 * busy and quiet days (a day's volume varies by about ±35 %);</li>
 * <li>ordinary complaints (a profile's share of the messages is negative: broken parcels, late refunds);</li>
 * <li>busy hours (a newsletter or a post: three times the messages for one to three hours, ordinary tone);</li>
 * <li>complaint clusters (an outage: two to four people complain within an hour);</li>
 * <li>single angry threads (one person, 10 to 40 messages within half an hour to two hours) — not storms;</li>
 * <li>storms, about one a month, with a labelled onset: sudden ones (from the first bucket 3 to 10 extra messages per
 * five minutes) or slow ones (one extra message per five minutes at first, growing 20–40 % per five minutes up to
 * their peak), lasting two to ten hours, 80 % negative, mostly from people who never wrote before.</li>
 * </ul>
 * Texts are German and English, drawn from small pools per kind; some storm messages are sarcastic or supportive, so
 * the scorer does not see every one as negative, as in life.
 */
public final class StormSimulator {

	/**
	 * The kind of channel.
	 *
	 * @param messagesPerDay ordinary inbound messages on an average weekday
	 * @param negativeShare the share of ordinary messages that complain
	 * @param returningShare the share of ordinary messages from people who wrote before
	 * @param weekendFactor Saturday's and Sunday's volume relative to a weekday
	 */
	public record Profile(String name, double messagesPerDay, double negativeShare, double returningShare,
			double weekendFactor) {

		public static final Profile SMALL = new Profile("small", 30, 0.12, 0.6, 0.5);
		public static final Profile MEDIUM = new Profile("medium", 200, 0.12, 0.6, 0.7);
		public static final Profile LARGE = new Profile("large", 1000, 0.1, 0.5, 0.9);
	}

	/** One simulated inbound message; {@code kind} says what produced it (ordinary, busy, cluster, thread, storm). */
	public record Message(UUID id, UUID authorId, String authorName, String threadKey, Instant at, String text,
			String kind) {
	}

	/** A storm with its labelled onset (its first extra message comes at or after it). */
	public record Storm(Instant onset, Instant end, boolean sudden) {
	}

	/** A generated stream, messages in time order. */
	public record Stream(List<Message> messages, List<Storm> storms) {
	}

	/** The hour of day weights (0–23), averaging 1. */
	private static final double[] HOURS = normalise(new double[] { 0.1, 0.06, 0.04, 0.04, 0.05, 0.1, 0.3, 0.7, 1.1,
			1.4, 1.5, 1.6, 1.7, 1.5, 1.4, 1.3, 1.3, 1.4, 1.6, 1.8, 1.9, 1.6, 1.0, 0.4 });

	static final String[] NEUTRAL = { "Hallo, wann habt ihr am Samstag geöffnet?", "Danke für die schnelle Antwort!",
			"Kann ich meine Lieferadresse noch ändern?", "Gibt es den Kurs auch online?", "Wie lange dauert der Versand?",
			"Super Aktion, weiter so!", "Ist der Laden barrierefrei?", "Ich hätte eine Frage zur Rechnung.",
			"Can I change my delivery address?", "Thanks, that was helpful.", "Do you ship to Austria?",
			"What time does the event start?", "Love the new collection!", "Is there a student discount?",
			"Habt ihr noch Plätze frei für Donnerstag?", "Vielen Dank, alles angekommen." };

	static final String[] COMPLAINTS = { "Mein Paket ist leider kaputt angekommen, sehr ärgerlich.",
			"Ich warte seit zwei Wochen auf meine Erstattung. Das ist nicht akzeptabel.",
			"Die App ist schon wieder kaputt, total nervig und schlecht.", "Bin enttäuscht vom Service, niemand ruft zurück.",
			"The app is broken again, really annoying.", "Still waiting for my refund, this is unacceptable.",
			"Very disappointed with the delivery, the box was broken.", "Eure Hotline ist eine Zumutung." };

	static final String[] ANGRY = { "Das ist eine Frechheit!!", "Ich bin wirklich wütend, niemand antwortet!",
			"Unverschämt, wie ihr mit Kunden umgeht.", "Ich will mein Geld zurück, sonst kündige ich!",
			"Immer noch nicht erledigt? Lächerlich.", "This is ridiculous, I am furious!!", "Worst service ever.",
			"Respektlos, ich beschwere mich jetzt offiziell." };

	static final String[] STORM = { "Boykott! Wie könnt ihr so etwas posten? Schämt euch.",
			"Widerliche Werbung, unfassbar respektlos.", "Rassistische Kampagne, ekelhaft. Nie wieder kaufe ich bei euch.",
			"Skandal, was ihr da macht. Entsetzlich!", "Ihr solltet euch schämen, das ist peinlich und dumm.",
			"Disgusting ad, totally unacceptable. #boycott", "Shame on you, this is offensive and racist.",
			"Never again will I buy from you, appalling.", "What a disgrace. Unfollowed.",
			"Na toll, super gemacht, Leute.", "Ich verstehe die Aufregung nicht, finde es gut.",
			"Wer ist dafür verantwortlich?", "Das ist ein Shitstorm mit Ansage, lächerlich!!" };

	private static final Duration DAY = Duration.ofDays(1);

	private StormSimulator() {
	}

	/** {@code days} of the profile's stream from {@code start} (in {@code zone}), with about one storm a month. */
	public static Stream generate(long seed, Profile profile, Instant start, int days, ZoneId zone) {
		return generate(seed, profile, start, days, zone, 1.0 / 30);
	}

	/** As {@link #generate(long, Profile, Instant, int, ZoneId)} with storms at the given rate per day. */
	public static Stream generate(long seed, Profile profile, Instant start, int days, ZoneId zone, double stormsPerDay) {
		Random random = new Random(seed);
		List<Message> messages = new ArrayList<>();
		List<UUID> known = new ArrayList<>();
		long buckets = days * 288L;
		Instant end = start.plus(Duration.ofDays(days));
		double perBucket = profile.messagesPerDay() / 288;
		// Busy hours: about four a month.
		List<Instant[]> busy = new ArrayList<>();
		for (Instant t = start; t.isBefore(end);) {
			t = t.plusSeconds((long) (exponential(random, 4.0 / 30) * DAY.toSeconds()));
			busy.add(new Instant[] { t, t.plus(Duration.ofMinutes(60 + random.nextInt(121))) });
		}
		double dayFactor = 1;
		for (long b = 0; b < buckets; b++) {
			Instant at = start.plusSeconds(b * StormDetector.BUCKET_SECONDS);
			ZonedDateTime local = at.atZone(zone);
			if (b % 288 == 0) {
				dayFactor = gamma(random, 8) / 8;
			}
			double weekday = local.getDayOfWeek().getValue() >= 6 ? profile.weekendFactor() : 1;
			double lambda = perBucket * HOURS[local.getHour()] * weekday * dayFactor;
			for (Instant[] window : busy) {
				if (!at.isBefore(window[0]) && at.isBefore(window[1])) {
					lambda *= 3;
				}
			}
			int n = poisson(random, lambda);
			for (int i = 0; i < n; i++) {
				UUID author = !known.isEmpty() && random.nextDouble() < profile.returningShare()
						? known.get(random.nextInt(known.size())) : newAuthor(random, known);
				String text = random.nextDouble() < profile.negativeShare() ? pick(random, COMPLAINTS) : pick(random, NEUTRAL);
				messages.add(message(random, author, null, at.plusSeconds(random.nextInt(300)), text, "ordinary"));
			}
		}
		// Complaint clusters (two a month) and single angry threads (four a month): not storms.
		for (Instant t = start; t.isBefore(end);) {
			t = t.plusSeconds((long) (exponential(random, 2.0 / 30) * DAY.toSeconds()));
			int people = 2 + random.nextInt(3);
			for (int p = 0; p < people && t.isBefore(end); p++) {
				UUID author = random.nextBoolean() && !known.isEmpty() ? known.get(random.nextInt(known.size()))
						: newAuthor(random, known);
				messages.add(message(random, author, null, t.plusSeconds(random.nextInt(3600)), pick(random, COMPLAINTS), "cluster"));
			}
		}
		for (Instant t = start; t.isBefore(end);) {
			t = t.plusSeconds((long) (exponential(random, 4.0 / 30) * DAY.toSeconds()));
			UUID author = !known.isEmpty() ? known.get(random.nextInt(known.size())) : newAuthor(random, known);
			int count = 10 + random.nextInt(31);
			long span = 1800 + random.nextInt(5400);
			String thread = "thread-" + UUID.nameUUIDFromBytes((seed + "/" + t).getBytes());
			for (int i = 0; i < count && t.isBefore(end); i++) {
				String text = random.nextDouble() < 0.8 ? pick(random, ANGRY) : pick(random, NEUTRAL);
				messages.add(message(random, author, thread, t.plusSeconds(span * i / count), text, "thread"));
			}
		}
		// Storms: about one a month at the given rate, at least five days apart, none in the first two weeks (the
		// baseline is still learning then, as on a newly connected channel).
		List<Storm> storms = new ArrayList<>();
		double normalNegativePeak = perBucket * 1.9 * profile.negativeShare();
		for (Instant t = start.plus(Duration.ofDays(14));;) {
			t = t.plusSeconds((long) (exponential(random, stormsPerDay) * DAY.toSeconds()));
			Instant last = storms.isEmpty() ? null : storms.getLast().end();
			if (last != null && t.isBefore(last.plus(Duration.ofDays(5)))) {
				t = last.plus(Duration.ofDays(5)).plusSeconds(random.nextInt(86_400));
			}
			Duration length = Duration.ofMinutes(120 + random.nextInt(481));
			if (!t.plus(length).isBefore(end)) {
				break;
			}
			boolean sudden = random.nextBoolean();
			double peak = Math.max(3 + random.nextDouble() * 7, normalNegativePeak * (4 + random.nextDouble() * 6));
			double growth = 1.2 + random.nextDouble() * 0.2;
			List<UUID> stormAuthors = new ArrayList<>();
			long bucketsLong = length.toSeconds() / StormDetector.BUCKET_SECONDS;
			for (long b = 0; b < bucketsLong; b++) {
				double rate = sudden ? peak : Math.min(peak, Math.pow(growth, b));
				if (b > bucketsLong * 2 / 3) {
					rate *= 0.5; // it calms down
				}
				int n = b == 0 ? Math.max(1, poisson(random, rate)) : poisson(random, rate);
				for (int i = 0; i < n; i++) {
					UUID author = !stormAuthors.isEmpty() && random.nextDouble() < 0.1
							? stormAuthors.get(random.nextInt(stormAuthors.size()))
							: random.nextDouble() < 0.9 || known.isEmpty() ? newAuthor(random, known)
									: known.get(random.nextInt(known.size()));
					stormAuthors.add(author);
					String text = random.nextDouble() < 0.85 ? pick(random, STORM) : pick(random, NEUTRAL);
					long offset = b * StormDetector.BUCKET_SECONDS + (b == 0 && i == 0 ? 0 : random.nextInt(300));
					messages.add(message(random, author, null, t.plusSeconds(offset), text, "storm"));
				}
			}
			storms.add(new Storm(t, t.plus(length), sudden));
		}
		messages.sort(Comparator.comparing(Message::at).thenComparing(Message::id));
		return new Stream(List.copyOf(messages), List.copyOf(storms));
	}

	/**
	 * A sudden storm for practice: {@code people} new authors, each with one negative message from the storm pool, spread
	 * over the ten minutes up to {@code now} — enough to raise an alert on any channel whose baseline is not already
	 * that loud.
	 */
	public static List<Message> practiceStorm(long seed, Instant now, int people) {
		Random random = new Random(seed);
		List<String> negative = java.util.Arrays.stream(STORM).filter(NegativeTone::isNegative).toList();
		List<Message> storm = new ArrayList<>();
		for (int i = 0; i < people; i++) {
			UUID author = new UUID(random.nextLong(), random.nextLong());
			Instant at = now.minusSeconds(600L * (people - 1 - i) / Math.max(1, people - 1));
			storm.add(message(random, author, null, at, negative.get(random.nextInt(negative.size())), "storm"));
		}
		return storm;
	}

	private static Message message(Random random, UUID author, String thread, Instant at, String text, String kind) {
		String name = "Person " + author.toString().substring(0, 6);
		return new Message(new UUID(random.nextLong(), random.nextLong()), author, name, thread, at, text, kind);
	}

	private static UUID newAuthor(Random random, List<UUID> known) {
		UUID author = new UUID(random.nextLong(), random.nextLong());
		known.add(author);
		return author;
	}

	private static String pick(Random random, String[] pool) {
		return pool[random.nextInt(pool.length)];
	}

	private static double exponential(Random random, double rate) {
		return -Math.log(1 - random.nextDouble()) / rate;
	}

	static int poisson(Random random, double lambda) {
		if (lambda <= 0) {
			return 0;
		}
		if (lambda > 30) {
			return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
		}
		double l = Math.exp(-lambda);
		int k = 0;
		double p = 1;
		do {
			k++;
			p *= random.nextDouble();
		}
		while (p > l);
		return k - 1;
	}

	/** Gamma(shape, 1) by Marsaglia and Tsang (shape ≥ 1). */
	private static double gamma(Random random, double shape) {
		double d = shape - 1.0 / 3;
		double c = 1 / Math.sqrt(9 * d);
		while (true) {
			double x = random.nextGaussian();
			double v = 1 + c * x;
			if (v <= 0) {
				continue;
			}
			v = v * v * v;
			double u = random.nextDouble();
			if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
				return d * v;
			}
		}
	}

	private static double[] normalise(double[] weights) {
		double sum = 0;
		for (double w : weights) {
			sum += w;
		}
		double[] out = new double[weights.length];
		for (int i = 0; i < weights.length; i++) {
			out[i] = weights[i] * weights.length / sum;
		}
		return out;
	}
}
