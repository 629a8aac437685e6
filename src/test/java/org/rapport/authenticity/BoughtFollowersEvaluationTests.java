package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bought followers on Cresci et al. (2015), across sellers: trained on one market's fakes and half of the humans,
 * judged on the other market's fakes and the other humans, both ways; and the built-in model without any labels.
 * Prints the figures that {@code docs/evaluation.md} reports (lines starting with {@code [eval]}).
 */
class BoughtFollowersEvaluationTests {

	static CresciAccounts accounts;

	@BeforeAll
	static void read() {
		accounts = CresciAccounts.read();
	}

	@Test
	void holdsAcrossSellers() {
		double intToFsf = acrossSellers("INT", 0, "FSF", 1);
		double fsfToInt = acrossSellers("FSF", 1, "INT", 0);
		double intToFsfSwapped = acrossSellers("INT", 1, "FSF", 0);
		double fsfToIntSwapped = acrossSellers("FSF", 0, "INT", 1);
		assertThat(List.of(intToFsf, fsfToInt, intToFsfSwapped, fsfToIntSwapped)).allSatisfy(mcc -> assertThat(mcc).isGreaterThanOrEqualTo(0.95));
	}

	@Test
	void builtInModelNeedsNoLabels() {
		ProfileModel model = ProfileModel.builtIn();
		double all = mcc(model, accounts.all());
		double fsfAndOdd = mcc(model, concat(accounts.of("FSF"), accounts.humans(1)));
		double intAndEven = mcc(model, concat(accounts.of("INT"), accounts.humans(0)));
		System.out.printf("[eval] built-in model, no labels: MCC %.3f on all %d accounts, %.3f on FSF + odd humans, %.3f on INT + even humans%n",
				all, accounts.all().size(), fsfAndOdd, intAndEven);
		assertThat(all).isGreaterThanOrEqualTo(0.80);
	}

	private static double acrossSellers(String trainSeller, int trainHalf, String testSeller, int testHalf) {
		List<CresciAccounts.Account> train = concat(accounts.of(trainSeller), accounts.humans(trainHalf));
		List<CresciAccounts.Account> test = concat(accounts.of(testSeller), accounts.humans(testHalf));
		List<ProfileFeatures> features = train.stream().map(a -> ProfileFeatures.of(a.profile(), Instant.EPOCH)).toList();
		boolean[] bought = new boolean[train.size()];
		for (int i = 0; i < bought.length; i++) {
			bought[i] = train.get(i).bought();
		}
		ProfileModel model = ProfileModel.train(features, bought, ProfileModel.builtIn());
		double mcc = mcc(model, test);
		System.out.printf("[eval] across sellers: train %s + %s humans (%d), test %s + %s humans (%d): MCC %.3f%n", trainSeller,
				trainHalf == 0 ? "even" : "odd", train.size(), testSeller, testHalf == 0 ? "even" : "odd", test.size(), mcc);
		return mcc;
	}

	static double mcc(ProfileModel model, List<CresciAccounts.Account> test) {
		boolean[] truth = new boolean[test.size()];
		boolean[] predicted = new boolean[test.size()];
		for (int i = 0; i < truth.length; i++) {
			truth[i] = test.get(i).bought();
			predicted[i] = model.bought(ProfileFeatures.of(test.get(i).profile(), Instant.EPOCH)) >= 0.5;
		}
		return SharedData.mcc(truth, predicted);
	}

	static <T> List<T> concat(List<T> a, List<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}
}
