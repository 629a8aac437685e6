package org.rapport.authenticity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.rapport.authenticity.ProfileFeatures.Feature;
import org.springframework.context.MessageSource;

/**
 * Turns what each feature contributed to a verdict into sentences that state the facts behind it ("follows 1,900
 * accounts, followed by 3", "no post in 2 years of existence"): the strongest few that point the way of the
 * verdict.
 */
final class ProfileReasons {

	static final int MAX_REASONS = 3;

	/** Contributions smaller than this (in log-odds) are not worth a sentence. */
	static final double NOTABLE = 0.15;

	private static final Set<Feature> COUNTS_OF_RATIO = Set.of(Feature.FOLLOWERS, Feature.FOLLOWING);

	private final MessageSource messages;

	ProfileReasons(MessageSource messages) {
		this.messages = messages;
	}

	List<Reason> of(ProfileFeatures f, double[] contributions, boolean bought, Locale locale) {
		List<Feature> strongest = new ArrayList<>();
		for (Feature feature : ProfileFeatures.FEATURES) {
			double c = contributions[feature.ordinal()];
			if ((bought ? c : -c) >= NOTABLE && code(feature, f, bought) != null) {
				strongest.add(feature);
			}
		}
		strongest.sort(Comparator.comparingDouble(feature -> -Math.abs(contributions[feature.ordinal()])));
		List<Reason> reasons = new ArrayList<>();
		boolean ratioSaid = false;
		Set<String> said = new HashSet<>();
		for (Feature feature : strongest) {
			String code = code(feature, f, bought);
			if (reasons.size() == MAX_REASONS || ratioSaid && COUNTS_OF_RATIO.contains(feature) || !said.add(code)) {
				continue;
			}
			ratioSaid |= feature == Feature.FOLLOW_RATIO;
			Object[] args = code.equals("never-posted") ? new Object[] { duration(f.ageDays, locale) } : args(feature, f, locale);
			reasons.add(new Reason(code, messages.getMessage("authenticity.reason." + code, args, locale)));
		}
		if (reasons.isEmpty()) {
			reasons.add(new Reason("no-signs", messages.getMessage("authenticity.reason.no-signs", null, locale)));
		}
		return reasons;
	}

	private static String code(Feature feature, ProfileFeatures f, boolean bought) {
		Profile p = f.profile;
		return switch (feature) {
			case FOLLOWERS -> bought ? "few-followers" : "many-followers";
			case FOLLOW_RATIO -> bought ? "follows-many-followed-by-few" : "followed-by-many";
			case FOLLOWING -> bought ? "follows-many" : "follows-few";
			case POSTS -> !bought ? "many-posts" : f.ageDays == null ? "few-posts"
					: p.posts() != null && p.posts() == 0 ? "never-posted" : "few-posts-in";
			case SILENCE -> bought ? (p.posts() != null && p.posts() == 0 && p.lastPostAt() == null ? "never-posted" : "silent")
					: "posted-recently";
			case AGE -> bought ? "new-account" : "old-account";
			case LIKES -> bought ? "few-likes" : "likes";
			case LISTED -> bought ? "not-listed" : "listed";
			case LINK -> bought ? "no-link" : "has-link";
			case BIO -> bought ? "no-bio" : "has-bio";
			case LOCATION -> bought ? "no-location" : "has-location";
			case BANNER -> bought ? "no-banner" : "has-banner";
			case DEFAULT_AVATAR -> bought ? "default-avatar" : null;
			case VERIFIED -> bought ? null : "verified";
			case BOT_BIO -> bought ? "bot-bio" : null;
		};
	}

	private Object[] args(Feature feature, ProfileFeatures f, Locale locale) {
		Profile p = f.profile;
		return switch (feature) {
			case FOLLOWERS, FOLLOW_RATIO, FOLLOWING -> new Object[] { orZero(p.followers()), orZero(p.following()) };
			case POSTS -> new Object[] { orZero(p.posts()), duration(f.ageDays, locale) };
			case SILENCE -> new Object[] { duration(f.silentDays, locale) };
			case AGE, DEFAULT_AVATAR -> new Object[] { duration(f.ageDays, locale) };
			case LIKES -> new Object[] { orZero(p.likes()) };
			case LISTED -> new Object[] { orZero(p.listed()) };
			default -> new Object[0];
		};
	}

	/** "3 days", "5 months", "2 years", in the reader's language. */
	String duration(Long days, Locale locale) {
		if (days == null) {
			return "";
		}
		if (days < 60) {
			return messages.getMessage("authenticity.duration.days", new Object[] { days }, locale);
		}
		if (days < 730) {
			return messages.getMessage("authenticity.duration.months", new Object[] { Math.round(days / 30.44) }, locale);
		}
		return messages.getMessage("authenticity.duration.years", new Object[] { (long) Math.floor(days / 365.25) }, locale);
	}

	private static long orZero(Long count) {
		return count == null ? 0 : count;
	}
}
