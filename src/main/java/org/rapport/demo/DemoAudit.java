package org.rapport.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.rapport.authenticity.FollowerAudits;
import org.rapport.authenticity.Profile;
import org.springframework.stereotype.Component;

/**
 * A follower audit of the demo's Fediverse account, as if its followers had been exported to a CSV: mostly people
 * who joined over the years, post, follow and are followed, and a bought batch — accounts made within three days
 * some months ago, without a picture or a post, following thousands. So that the audit page, its chart of accounts
 * created per day and the reasons of each verdict can be looked at without connecting an account. Made from a fixed
 * seed: the same followers every time.
 */
@Component
class DemoAudit {

	static final String ACCOUNT = "@sozialwerk@social.example";

	private static final String[] FIRST = { "anna", "ben", "clara", "david", "emma", "felix", "greta", "hannah",
			"jonas", "lena", "max", "mia", "noah", "olga", "paul", "sara", "tom", "yusuf", "zeynep", "ida" };

	private static final String[] LAST = { "becker", "fischer", "hoffmann", "kaya", "klein", "koch", "lange",
			"meyer", "neumann", "schulz", "wagner", "weber", "wolf", "yilmaz", "zimmermann" };

	private static final String[] INSTANCES = { "social.example", "mastodon.example", "norden.example",
			"chaos.example" };

	private static final String[] BIOS = { "Erzieherin, Musterstadt", "Ehrenamt im Quartier", "Sozialarbeit und Fahrrad",
			"Teacher, runner, reader", "Eltern im Kita-Beirat", "Stadtteilarbeit & Kultur", "Parent of two, Musterstadt",
			"Pflege, Gewerkschaft, Garten" };

	private final FollowerAudits audits;

	DemoAudit(FollowerAudits audits) {
		this.audits = audits;
	}

	void load(DemoContext demo) {
		audits.audit(demo.owner(), ACCOUNT, followers(demo.now()));
	}

	static List<Profile> followers(Instant now) {
		Random random = new Random(2026);
		List<Profile> profiles = new ArrayList<>();
		for (int i = 0; i < 240; i++) {
			String first = FIRST[random.nextInt(FIRST.length)];
			String last = LAST[random.nextInt(LAST.length)];
			Instant created = now.minus(Duration.ofDays(60 + random.nextInt(8 * 365)));
			long posts = 40 + (long) Math.exp(random.nextDouble() * 8);
			long followers = 25 + (long) Math.exp(random.nextDouble() * 7);
			long following = (long) (followers * (0.4 + random.nextDouble() * 1.6));
			Instant lastPost = now.minus(Duration.ofHours(1 + random.nextInt(24 * 45)));
			profiles.add(new Profile("g" + i, "mastodon", "@" + first + "_" + last + "@" + INSTANCES[i % INSTANCES.length],
					capital(first) + " " + capital(last), BIOS[random.nextInt(BIOS.length)], null, null, created, now, posts,
					followers, following, null, null, false, null, random.nextInt(4) > 0, false, false,
					lastPost, null));
		}
		Instant batch = now.minus(Duration.ofDays(150));
		for (int i = 0; i < 60; i++) {
			String first = FIRST[random.nextInt(FIRST.length)];
			Instant created = batch.plus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
			profiles.add(new Profile("b" + i, "mastodon", "@" + first + (10000 + random.nextInt(90000)) + "@mastodon.example",
					capital(first), null, null, null, created, now, (long) random.nextInt(3), (long) random.nextInt(6),
					1200L + random.nextInt(3600), null, null, true, null, false, false, false, null, null));
		}
		return profiles;
	}

	private static String capital(String name) {
		return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
	}
}
