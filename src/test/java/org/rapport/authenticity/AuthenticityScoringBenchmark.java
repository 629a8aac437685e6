package org.rapport.authenticity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Scoring speed without HTTP and database: 100,000 profiles (features, model, reasons in German) and 100,000 comments
 * (features, cues, a filter trained on two YouTube videos), after a warm-up. Run with
 * {@code ./mvnw -B -q test -Dtest=AuthenticityScoringBenchmark}.
 */
class AuthenticityScoringBenchmark {

	static final int N = 100_000;

	@Test
	void profilesAndCommentsPerSecond() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/authenticity");
		messages.setDefaultEncoding("UTF-8");
		ProfileReasons reasons = new ProfileReasons(messages);
		ProfileModel model = ProfileModel.builtIn();
		Random random = new Random(1);
		Instant observed = Instant.parse("2025-06-01T00:00:00Z");
		List<Profile> profiles = new ArrayList<>(N);
		for (int i = 0; i < N; i++) {
			profiles.add(new Profile("p" + i, "mastodon", "@p" + i, "P " + i, i % 3 == 0 ? "" : "Bio " + i, "", "Köln",
					observed.minusSeconds(86_400L * random.nextInt(3000)), observed, (long) random.nextInt(5000),
					(long) random.nextInt(3000), (long) random.nextInt(3000), (long) random.nextInt(500),
					(long) random.nextInt(5), random.nextBoolean(), null, random.nextBoolean(), false, false, null, null));
		}
		List<YouTubeComments.Comment> all = new ArrayList<>();
		for (String video : YouTubeComments.VIDEOS) {
			all.addAll(YouTubeComments.of(video));
		}
		SpamModel filter = YouTubeComments.train(YouTubeComments.allBut("lmfao"));
		for (int round = 0; round < 2; round++) {
			System.gc();
			long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
			long start = System.nanoTime();
			int bought = 0;
			for (Profile p : profiles) {
				ProfileFeatures f = ProfileFeatures.of(p, observed);
				double[] c = model.contributions(f);
				boolean b = model.bought(f) >= 0.5;
				bought += reasons.of(f, c, b, Locale.GERMAN).size() > 0 && b ? 1 : 0;
			}
			double profileSeconds = (System.nanoTime() - start) / 1e9;
			start = System.nanoTime();
			int spam = 0;
			for (int i = 0; i < N; i++) {
				spam += filter.spam(CommentText.of(all.get(i % all.size()).text())) >= 0.5 ? 1 : 0;
			}
			double commentSeconds = (System.nanoTime() - start) / 1e9;
			long heapAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
			System.out.printf("[bench] round %d: %,d profiles in %.2f s = %,.0f/s (%d bought); %,d comments in %.2f s = %,.0f/s (%d spam); heap %d → %d MB; load %.1f%n",
					round, N, profileSeconds, N / profileSeconds, bought, N, commentSeconds, N / commentSeconds, spam,
					heapBefore >> 20, heapAfter >> 20, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}
}
