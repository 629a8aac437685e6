package org.rapport.authenticity;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a profile shows, as numbers a linear model can weigh: each {@link Feature} measured against its centre (a
 * value that says nothing either way), and 0 where the profile does not tell. Counts are taken on a log scale, in
 * decades, so that 10 and 100 followers differ as much as 100 and 1,000. An account's age and silence are measured
 * at {@code observedAt} (when the counts were read), or at the moment of scoring when the profile does not say.
 */
final class ProfileFeatures {

	/** Accounts younger than this are not yet expected to have their own avatar. */
	static final Duration AVATAR_GRACE = Duration.ofDays(60);

	private static final Pattern BOT = Pattern.compile("\\bbot\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/**
	 * The features, after Cresci et al. (2015), Class A (profile only): followers and the ratio of friends to
	 * followers, number of posts, account age, URL, bio and location in the profile, default image after two months,
	 * listed count, "bot" in the bio; plus likes, a header image, verification and silence, which networks other
	 * than Twitter show as well.
	 */
	enum Feature {
		FOLLOWERS(1.5, f -> log(f.profile.followers())),
		FOLLOW_RATIO(0.3, f -> f.profile.following() == null || f.profile.followers() == null ? null
				: Math.log10((1.0 + f.profile.following()) / (1.0 + f.profile.followers()))),
		FOLLOWING(2.3, f -> log(f.profile.following())),
		POSTS(1.7, f -> log(f.profile.posts())),
		SILENCE(0.5, f -> f.silentDays == null ? null : Math.min(f.silentDays / 365.25, 10)),
		AGE(2.56, f -> f.ageDays == null ? null : Math.log10(1.0 + f.ageDays)),
		LIKES(0.5, f -> log(f.profile.likes())),
		LISTED(0.15, f -> log(f.profile.listed())),
		LINK(0.25, f -> present(f.profile.url())),
		BIO(0.7, f -> present(f.profile.bio())),
		LOCATION(0.5, f -> present(f.profile.location())),
		BANNER(0.5, f -> flag(f.profile.hasBanner())),
		DEFAULT_AVATAR(0, f -> f.profile.defaultAvatar() == null ? null
				: Boolean.TRUE.equals(f.profile.defaultAvatar()) && f.ageDays != null
						&& f.ageDays >= AVATAR_GRACE.toDays() ? 1.0 : 0.0),
		VERIFIED(0, f -> flag(f.profile.verified())),
		BOT_BIO(0, f -> f.profile.bio() == null ? null : BOT.matcher(f.profile.bio()).find() ? 1.0 : 0.0);

		final double centre;
		private final Function<ProfileFeatures, Double> value;

		Feature(double centre, Function<ProfileFeatures, Double> value) {
			this.centre = centre;
			this.value = value;
		}

		/** The name in stored models. */
		String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	static final Feature[] FEATURES = Feature.values();

	final Profile profile;
	final Long ageDays;
	final Long silentDays;
	/** Each feature's value minus its centre; 0 where unknown. */
	final double[] x = new double[FEATURES.length];

	private ProfileFeatures(Profile profile, Instant now) {
		this.profile = profile;
		Instant at = profile.observedAt() != null ? profile.observedAt() : now;
		this.ageDays = profile.createdAt() == null ? null : Math.max(0, Duration.between(profile.createdAt(), at).toDays());
		if (profile.lastPostAt() != null) {
			this.silentDays = Math.max(0, Duration.between(profile.lastPostAt(), at).toDays());
		}
		else if (profile.posts() != null && profile.posts() == 0 && ageDays != null) {
			this.silentDays = ageDays;
		}
		else {
			this.silentDays = null;
		}
		for (Feature feature : FEATURES) {
			Double value = feature.value.apply(this);
			x[feature.ordinal()] = value == null ? 0 : value - feature.centre;
		}
	}

	static ProfileFeatures of(Profile profile, Instant now) {
		return new ProfileFeatures(profile, now);
	}

	private static Double log(Long count) {
		return count == null ? null : Math.log10(1.0 + count);
	}

	private static Double present(String text) {
		return text == null ? null : text.isBlank() ? 0.0 : 1.0;
	}

	private static Double flag(Boolean flag) {
		return flag == null ? null : flag ? 1.0 : 0.0;
	}
}
