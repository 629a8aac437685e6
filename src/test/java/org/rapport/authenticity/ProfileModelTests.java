package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProfileModelTests {

	static final Instant OBSERVED = Instant.parse("2025-06-01T12:00:00Z");
	static final Instant CREATED = Instant.parse("2021-01-01T00:00:00Z");

	static Profile pod(String id, long followers) {
		return new Profile(id, "instagram", null, null, "Lifestyle", "https://example.com", "", CREATED, OBSERVED, 900L,
				followers, 600L, 0L, 0L, null, null, false, null, null, null, null);
	}

	static Profile person(String id, long likes) {
		return new Profile(id, "bluesky", null, null, "Sozialarbeiterin", "https://example.org", "Köln",
				Instant.parse("2019-02-01T08:00:00Z"), OBSERVED, 3400L, 820L, 310L, likes, 12L, false, null, true, null, null,
				null, null);
	}

	@Test
	void learnsAKindOfBoughtAccountTheBuiltInModelTakesForGenuine() {
		ProfileModel builtIn = ProfileModel.builtIn();
		ProfileFeatures next = ProfileFeatures.of(pod("new", 530), OBSERVED);
		assertThat(builtIn.bought(next)).isLessThan(0.5);
		List<ProfileFeatures> judged = new ArrayList<>();
		boolean[] bought = new boolean[40];
		for (int i = 0; i < 20; i++) {
			judged.add(ProfileFeatures.of(pod("pod" + i, 480 + i * 7), OBSERVED));
			bought[2 * i] = true;
			judged.add(ProfileFeatures.of(person("person" + i, 200 + i * 13), OBSERVED));
		}
		ProfileModel trained = ProfileModel.train(judged, bought, builtIn);
		assertThat(trained.bought(next)).isGreaterThan(0.5);
		assertThat(trained.bought(ProfileFeatures.of(person("other", 150), OBSERVED))).isLessThan(0.5);
	}

	@Test
	void withoutJudgementsStaysTheBuiltInModel() {
		ProfileModel trained = ProfileModel.train(List.of(), new boolean[0], ProfileModel.builtIn());
		ProfileFeatures account = ProfileFeatures.of(pod("x", 40), OBSERVED);
		assertThat(trained.bought(account)).isCloseTo(ProfileModel.builtIn().bought(account), within(1e-9));
	}

	@Test
	void storedModelReadsBackTheSame() {
		List<ProfileFeatures> judged = List.of(ProfileFeatures.of(pod("a", 20), OBSERVED), ProfileFeatures.of(person("b", 3), OBSERVED));
		ProfileModel trained = ProfileModel.train(judged, new boolean[] { true, false }, ProfileModel.builtIn());
		ProfileModel read = ProfileModel.fromBytes(trained.toBytes(), 2);
		ProfileFeatures account = ProfileFeatures.of(pod("c", 300), OBSERVED);
		assertThat(read.bought(account)).isCloseTo(trained.bought(account), within(1e-12));
	}

	@Test
	void unknownFieldsCountNeitherWay() {
		Profile bare = Profile.of("x", null, null, null, null, null, null);
		assertThat(ProfileModel.builtIn().bought(ProfileFeatures.of(bare, OBSERVED))).isCloseTo(0.5, within(1e-9));
	}

	@Test
	void wilsonIntervalIsWideForFewAndNarrowForMany() {
		BoughtShare few = BoughtShare.of(3, 10);
		assertThat(few.share()).isEqualTo(0.3);
		assertThat(few.low()).isCloseTo(0.108, within(0.001));
		assertThat(few.high()).isCloseTo(0.603, within(0.001));
		BoughtShare many = BoughtShare.of(300, 1000);
		assertThat(many.high() - many.low()).isLessThan(0.06);
		assertThat(BoughtShare.of(0, 0).high()).isEqualTo(1);
	}
}
