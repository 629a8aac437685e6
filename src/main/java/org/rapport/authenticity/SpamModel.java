package org.rapport.authenticity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The spam filter of one workspace: the built-in {@link SpamCues}, the starting filter every workspace has
 * ({@link StartingSpamFilter}, itself a model of this kind learned from a published collection, counted at
 * {@link #BASE_WEIGHT}), plus what a logistic regression over the hashed features of {@link CommentText} learned from
 * the team's judgements. The regression learns what the cues and the starting filter leave unexplained (their
 * log-odds are its offset), so a few judgements change little and many change much, and a text the team calls
 * otherwise than the starting filter is learned against it; a small naive-Bayes vote over the same features joins it
 * ({@link Settings#blend()}). Texts too short to judge ({@link CommentText#isShort()}) are never spam.
 */
final class SpamModel {

	private static final long SEED = 42;

	/**
	 * How the filter learns: passes of stochastic gradient descent over the judgements, the step size (falling as
	 * 1/(1 + epoch·decay)), the L2 penalty, and how much a naive-Bayes vote adds to the regression ({@code blend} times
	 * each feature's log-count ratio; Wang &amp; Manning 2012). {@link #DEFAULT} is what the product uses; the others
	 * of {@link #CHOICES} are there to be compared (docs/evaluation.md, "Comment spam").
	 */
	record Settings(int epochs, double learningRate, double decay, double l2, double blend) {
	}

	static final Settings DEFAULT = new Settings(20, 0.5, 0, 1e-3, 0.02);

	/** The settings a held-out evaluation chooses among. */
	static final List<Settings> CHOICES = List.of(new Settings(20, 0.5, 0, 1e-3, 0), DEFAULT,
			new Settings(20, 0.5, 0, 1e-3, 0.05), new Settings(20, 0.5, 0.2, 1e-3, 0),
			new Settings(20, 0.5, 0.2, 1e-3, 0.02), new Settings(20, 0.5, 0.2, 1e-3, 0.05));

	/** How a feature's count in each class is smoothed for the naive-Bayes vote. */
	private static final double ALPHA = 1;

	/**
	 * How much of the starting filter's learned log-odds count. Its comments are from another place (music videos on
	 * YouTube) than an organisation's inbox; counted in full it takes polite English requests ("Please send me a copy
	 * of my data") for the "please subscribe" of comment spam (docs/evaluation.md, "The starting filter").
	 */
	static final double BASE_WEIGHT = 0.7;

	/** The learned weights, or null before the team judged anything. */
	private final float[] weights;
	private final double bias;
	final int trainedOn;

	/** The starting filter beneath the team's, or null. */
	private final SpamModel base;

	private SpamModel(float[] weights, double bias, int trainedOn, SpamModel base) {
		this.weights = weights;
		this.bias = bias;
		this.trainedOn = trainedOn;
		this.base = base;
	}

	/** The built-in cues alone. */
	static SpamModel builtIn() {
		return new SpamModel(null, 0, 0, null);
	}

	/** The built-in cues with the starting filter beneath, before the team judged anything. */
	static SpamModel startingWith(SpamModel base) {
		return new SpamModel(null, 0, 0, base);
	}

	/** Whether a starting filter lies beneath this one. */
	boolean started() {
		return base != null;
	}

	/** What the starting filter beneath adds to a text's log-odds (0 without one). */
	double startingLogOdds(CommentText text) {
		return base == null ? 0 : BASE_WEIGHT * base.learnedLogOdds(text);
	}

	boolean learned() {
		return weights != null;
	}

	/** The weight learned for a feature name (such as {@code CommentText.word("channel")}); 0 before any learning. */
	double weightOf(String featureName) {
		return weights == null ? 0 : weights[CommentText.bucket(featureName)];
	}

	/** The learned part of the log-odds. */
	double learnedLogOdds(CommentText text) {
		if (weights == null) {
			return 0;
		}
		double z = bias;
		int[] features = text.features;
		float[] values = text.values;
		for (int k = 0; k < features.length; k++) {
			z += weights[features[k]] * values[k];
		}
		return z;
	}

	/** The probability of spam. */
	double spam(CommentText text) {
		if (text.isShort()) {
			return Math.min(0.05, LogisticRegression.sigmoid(logOdds(text)));
		}
		return LogisticRegression.sigmoid(logOdds(text));
	}

	double logOdds(CommentText text) {
		return SpamCues.logOdds(SpamCues.in(text)) + startingLogOdds(text) + learnedLogOdds(text);
	}

	/** A model learned from judged comments, from scratch on the built-in cues. */
	static SpamModel train(List<CommentText> texts, boolean[] spam) {
		return train(texts, spam, DEFAULT);
	}

	static SpamModel train(List<CommentText> judged, boolean[] judgedSpam, Settings settings) {
		return train(judged, judgedSpam, settings, null);
	}

	/** A model learned from judged comments on the built-in cues and the starting filter {@code base} (or none). */
	static SpamModel train(List<CommentText> judged, boolean[] judgedSpam, Settings settings, SpamModel base) {
		// The same text judged the same way many times (a wave of copies) is one lesson, not many: counted each
		// time, one wave would outweigh everything else the team taught and pull its words far past what they say.
		Set<String> seen = new HashSet<>();
		List<CommentText> texts = new ArrayList<>(judged.size());
		List<Boolean> labels = new ArrayList<>(judged.size());
		for (int i = 0; i < judged.size(); i++) {
			if (seen.add((judgedSpam[i] ? "s " : "h ") + judged.get(i).normalised.strip())) {
				texts.add(judged.get(i));
				labels.add(judgedSpam[i]);
			}
		}
		boolean[] spam = new boolean[labels.size()];
		for (int i = 0; i < spam.length; i++) {
			spam[i] = labels.get(i);
		}
		int n = texts.size();
		long spams = 0;
		for (boolean s : spam) {
			spams += s ? 1 : 0;
		}
		double spamWeight = spams == 0 ? 0 : n / (2.0 * spams);
		double hamWeight = spams == n ? 0 : n / (2.0 * (n - spams));
		// Judgements of one kind only say nothing about how common spam is: a bias learned from them would only say
		// "everything is spam" (or nothing is), and the inbox would catch unrelated messages after the team's first
		// "Spam". Then only the words learn.
		boolean learnBias = spams > 0 && spams < n;
		double[] offsets = new double[n];
		for (int i = 0; i < n; i++) {
			offsets[i] = SpamCues.logOdds(SpamCues.in(texts.get(i)))
					+ (base == null ? 0 : BASE_WEIGHT * base.learnedLogOdds(texts.get(i)));
		}
		float[] w = new float[CommentText.DIMENSIONS];
		double b = 0;
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		Random random = new Random(SEED);
		for (int epoch = 0; epoch < settings.epochs(); epoch++) {
			double rate = settings.learningRate() / (1 + epoch * settings.decay());
			for (int i = n - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int swap = order[i];
				order[i] = order[j];
				order[j] = swap;
			}
			for (int i : order) {
				int[] features = texts.get(i).features;
				float[] values = texts.get(i).values;
				double z = offsets[i] + b;
				for (int k = 0; k < features.length; k++) {
					z += w[features[k]] * values[k];
				}
				double gradient = (spam[i] ? spamWeight : hamWeight) * (LogisticRegression.sigmoid(z) - (spam[i] ? 1 : 0));
				for (int k = 0; k < features.length; k++) {
					int f = features[k];
					w[f] -= (float) (rate * (gradient * values[k] + settings.l2() * w[f]));
				}
				if (learnBias) {
					b -= rate * gradient;
				}
			}
		}
		if (settings.blend() != 0 && learnBias) {
			// The naive-Bayes vote is linear in the same features, so it folds into the weights: the stored model
			// and the cost of a verdict stay as they were. From one class alone it would only learn that class.
			float[] r = logCountRatios(texts, spam);
			for (int f = 0; f < w.length; f++) {
				w[f] += (float) (settings.blend() * r[f]);
			}
		}
		return new SpamModel(w, b, judged.size(), base);
	}

	/**
	 * Each feature's naive-Bayes log-count ratio: the log of how much more often it occurs in spam than in the rest,
	 * each class's counts smoothed by {@link #ALPHA} and divided by the class's total.
	 */
	private static float[] logCountRatios(List<CommentText> texts, boolean[] spam) {
		double a = ALPHA;
		float[] inSpam = new float[CommentText.DIMENSIONS];
		float[] inHam = new float[CommentText.DIMENSIONS];
		double spamTotal = 0;
		double hamTotal = 0;
		for (int i = 0; i < texts.size(); i++) {
			float[] counts = spam[i] ? inSpam : inHam;
			for (int f : texts.get(i).features) {
				counts[f]++;
			}
			if (spam[i]) {
				spamTotal += texts.get(i).features.length;
			}
			else {
				hamTotal += texts.get(i).features.length;
			}
		}
		double spamNorm = Math.log(spamTotal + a * CommentText.DIMENSIONS);
		double hamNorm = Math.log(hamTotal + a * CommentText.DIMENSIONS);
		float[] ratio = new float[CommentText.DIMENSIONS];
		for (int f = 0; f < ratio.length; f++) {
			// a feature no judged text had says nothing (and keeps no weight, so the stored model stays small)
			if (inSpam[f] + inHam[f] > 0) {
				ratio[f] = (float) (Math.log(inSpam[f] + a) - spamNorm - Math.log(inHam[f] + a) + hamNorm);
			}
		}
		return ratio;
	}

	/**
	 * The stored format, raised whenever the features change meaning: a filter stored with other features would
	 * read today's texts wrongly. 2 since words and character grams weigh half each (4 Dec 2026); 3 since the team's
	 * filter learns on top of the starting filter.
	 */
	static final int FORMAT = 3;

	/** As stored: the format, the bias and the buckets with a weight, as (bucket, weight) pairs. */
	byte[] toBytes() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(FORMAT);
			out.writeDouble(bias);
			int used = 0;
			for (float weight : weights) {
				used += weight != 0 ? 1 : 0;
			}
			out.writeInt(used);
			for (int f = 0; f < weights.length; f++) {
				if (weights[f] != 0) {
					out.writeInt(f);
					out.writeFloat(weights[f]);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	/** The stored filter, or null when it was stored in another format and must be trained again. */
	static SpamModel fromBytes(byte[] stored, int trainedOn) {
		return fromBytes(stored, trainedOn, null);
	}

	/** The stored filter on the starting filter {@code base} it was trained on, or null as {@link #fromBytes(byte[], int)}. */
	static SpamModel fromBytes(byte[] stored, int trainedOn, SpamModel base) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
			int version = in.readInt();
			if (version != FORMAT) {
				return null;
			}
			double bias = in.readDouble();
			float[] weights = new float[CommentText.DIMENSIONS];
			int used = in.readInt();
			for (int i = 0; i < used; i++) {
				weights[in.readInt()] = in.readFloat();
			}
			return new SpamModel(weights, bias, trainedOn, base);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
