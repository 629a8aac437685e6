package org.rapport.authenticity;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.rapport.authenticity.ProfileFeatures.Feature;

/**
 * A linear model of "bought": the log-odds are a bias plus one weight per {@link Feature}, so every verdict splits
 * into the part each feature contributed, which is what the reasons show.
 * <p>
 * {@link #builtIn()} works without any labels. Its weights are set by hand, in the direction and roughly the order
 * of importance that Cresci et al. (2015, Table 18, Class A) report for profile features, and from their best
 * single rules (at least 30 followers, at least 50 posts): a feature's weight is the change in log-odds per decade
 * of a count, or for having a property at all. They were not fitted to any data set. {@link #train} moves the
 * weights towards the team's own judgements, starting from and staying near the built-in ones.
 */
record ProfileModel(double bias, Map<Feature, Double> weights, int trainedOn) {

	/** How strongly a trained model stays near the built-in weights (a prior worth a few examples per feature). */
	static final double PRIOR_STRENGTH = 2.0;

	static ProfileModel builtIn() {
		Map<Feature, Double> w = new EnumMap<>(Feature.class);
		w.put(Feature.FOLLOWERS, -2.0); // followers ≥ 30: the best single rule
		w.put(Feature.FOLLOW_RATIO, 2.0); // friends/followers²: the most important feature
		w.put(Feature.FOLLOWING, 0.3);
		w.put(Feature.POSTS, -1.5); // tweets ≥ 50: the second-best rule
		w.put(Feature.SILENCE, 0.8); // per year without a post
		w.put(Feature.AGE, -0.5);
		w.put(Feature.LIKES, -0.6);
		w.put(Feature.LISTED, -1.5);
		w.put(Feature.LINK, -1.2);
		w.put(Feature.BIO, -1.0);
		w.put(Feature.LOCATION, -0.3);
		w.put(Feature.BANNER, -0.8);
		w.put(Feature.DEFAULT_AVATAR, 2.0); // default image after two months
		w.put(Feature.VERIFIED, -4.0);
		w.put(Feature.BOT_BIO, 2.0);
		return new ProfileModel(0, w, 0);
	}

	double weight(Feature feature) {
		return weights.getOrDefault(feature, 0.0);
	}

	/** Each feature's share of the log-odds, in the order of {@link ProfileFeatures#FEATURES}. */
	double[] contributions(ProfileFeatures features) {
		double[] c = new double[ProfileFeatures.FEATURES.length];
		for (Feature feature : ProfileFeatures.FEATURES) {
			c[feature.ordinal()] = weight(feature) * features.x[feature.ordinal()];
		}
		return c;
	}

	/** The probability that the account was bought. */
	double bought(ProfileFeatures features) {
		double z = bias;
		for (double c : contributions(features)) {
			z += c;
		}
		return LogisticRegression.sigmoid(z);
	}

	/**
	 * A model fitted to judged accounts, starting from {@code prior}.
	 *
	 * @param bought for each account whether it was judged bought
	 */
	static ProfileModel train(List<ProfileFeatures> accounts, boolean[] bought, ProfileModel prior) {
		double[][] x = new double[accounts.size()][];
		for (int i = 0; i < x.length; i++) {
			x[i] = accounts.get(i).x;
		}
		double[] start = new double[ProfileFeatures.FEATURES.length + 1];
		start[0] = prior.bias;
		for (Feature feature : ProfileFeatures.FEATURES) {
			start[feature.ordinal() + 1] = prior.weight(feature);
		}
		double[] w = LogisticRegression.fit(x, bought, start, PRIOR_STRENGTH);
		Map<Feature, Double> weights = new EnumMap<>(Feature.class);
		for (Feature feature : ProfileFeatures.FEATURES) {
			weights.put(feature, w[feature.ordinal() + 1]);
		}
		return new ProfileModel(w[0], weights, accounts.size());
	}

	/** As stored: one {@code name=value} line each for the bias and the weights. */
	byte[] toBytes() {
		StringBuilder out = new StringBuilder("bias=").append(bias).append('\n');
		weights.forEach((feature, weight) -> out.append(feature.key()).append('=').append(weight).append('\n'));
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Reads a stored model; weights of features it does not know stay at their built-in value. */
	static ProfileModel fromBytes(byte[] stored, int trainedOn) {
		ProfileModel base = builtIn();
		double bias = base.bias;
		Map<Feature, Double> weights = new EnumMap<>(base.weights);
		for (String line : new String(stored, StandardCharsets.UTF_8).split("\n")) {
			int eq = line.indexOf('=');
			if (eq < 0) {
				continue;
			}
			String key = line.substring(0, eq);
			double value = Double.parseDouble(line.substring(eq + 1));
			if (key.equals("bias")) {
				bias = value;
				continue;
			}
			for (Feature feature : ProfileFeatures.FEATURES) {
				if (feature.key().equals(key)) {
					weights.put(feature, value);
				}
			}
		}
		return new ProfileModel(bias, weights, trainedOn);
	}
}
