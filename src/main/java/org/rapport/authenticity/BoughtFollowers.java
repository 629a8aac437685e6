package org.rapport.authenticity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether accounts were bought: each profile scored by the workspace's model, with reasons. The model is the
 * built-in one ({@link ProfileModel#builtIn()}) until the team judges accounts; from then on it is the built-in one
 * moved towards all the workspace's judgements, retrained at once with every call that teaches it.
 */
@Service
public class BoughtFollowers {

	public static final String BOUGHT = "bought";
	public static final String GENUINE = "genuine";

	/** The newest judgements a workspace's model learns from. */
	static final int TRAINING_LIMIT = 100_000;

	private final Judgements judgements;
	private final ProfileReasons reasons;
	private final Clock clock;

	BoughtFollowers(Judgements judgements, MessageSource messages) {
		this.judgements = judgements;
		this.reasons = new ProfileReasons(messages);
		this.clock = Clock.systemUTC();
	}

	/**
	 * Scores up to 5,000 profiles. Throws {@link RefusedInput} naming the field of the first thing it cannot accept.
	 */
	public List<ProfileVerdict> score(UUID workspaceId, List<Profile> profiles, Locale locale) {
		Instant now = clock.instant();
		InputChecks.profiles(profiles, false, now);
		ProfileModel model = model(workspaceId);
		List<ProfileVerdict> verdicts = new ArrayList<>(profiles.size());
		for (Profile profile : profiles) {
			verdicts.add(verdict(model, profile, now, locale));
		}
		return verdicts;
	}

	/** The share of bought accounts among verdicts, with its confidence interval. */
	public static BoughtShare share(List<ProfileVerdict> verdicts) {
		return BoughtShare.of((int) verdicts.stream().filter(v -> v.verdict().equals(BOUGHT)).count(), verdicts.size());
	}

	/**
	 * Learns from judged profiles (each with {@code label} {@code bought} or {@code genuine}) and retrains the
	 * workspace's model on all its judgements. A call that is refused learns nothing.
	 */
	@Transactional
	public Learned learn(CurrentUser by, List<Profile> profiles) {
		by.requireWorker();
		InputChecks.profiles(profiles, true, clock.instant());
		List<Judgements.Judged> judged = judgements.judge(by.workspaceId(), Judgements.PROFILES, by.userId(),
				profiles.stream().map(p -> new Judgements.Judged((p.network() == null ? "" : p.network()) + ':' + p.id(),
						Judgements.json(p), p.label())).toList(), TRAINING_LIMIT);
		List<ProfileFeatures> features = new ArrayList<>(judged.size());
		boolean[] bought = new boolean[judged.size()];
		for (int i = 0; i < judged.size(); i++) {
			Profile p = Judgements.profile(judged.get(i).item());
			features.add(ProfileFeatures.of(p, p.observedAt() != null ? p.observedAt() : clock.instant()));
			bought[i] = BOUGHT.equals(judged.get(i).label());
		}
		ProfileModel model = ProfileModel.train(features, bought, ProfileModel.builtIn());
		judgements.saveModel(by.workspaceId(), Judgements.PROFILES, model.toBytes(), judged.size());
		return new Learned(profiles.size(), judged.size());
	}

	/** How many judged accounts the workspace's model learned from; 0 while it is the built-in one. */
	public int trainedOn(UUID workspaceId) {
		return judgements.model(workspaceId, Judgements.PROFILES).map(Judgements.StoredModel::trainedOn).orElse(0);
	}

	ProfileModel model(UUID workspaceId) {
		return judgements.model(workspaceId, Judgements.PROFILES)
			.map(stored -> ProfileModel.fromBytes(stored.model(), stored.trainedOn()))
			.orElseGet(ProfileModel::builtIn);
	}

	ProfileVerdict verdict(ProfileModel model, Profile profile, Instant now, Locale locale) {
		ProfileFeatures features = ProfileFeatures.of(profile, now);
		double[] contributions = model.contributions(features);
		double p = model.bought(features);
		boolean bought = p >= 0.5;
		return new ProfileVerdict(profile.id(), Math.round(p * 1000) / 1000.0, bought ? BOUGHT : GENUINE,
				reasons.of(features, contributions, bought, locale));
	}
}
