package org.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.inbox.Triage;

/**
 * Bursts of praise: new or look-alike authors within minutes on one channel form a burst; regulars, praise spread
 * over hours, too few people, and another channel's praise do not. Where the post is known, per post: a burst under one
 * post is found amid organic praise on another, organic praise on a shared post is not, and applause under two posts
 * is not lumped together. Across posts: applause spread thin over several posts at once is one burst, newcomers
 * across a busy channel are none, and a burst under one post stays its own.
 */
class PraiseBurstsTests {

	static final Instant T = Instant.parse("2026-05-04T10:00:00Z");
	static final UUID CHANNEL = UUID.randomUUID();

	static PraiseBursts.Praise praise(UUID channel, String name, String handle, Instant since, Instant at) {
		return new PraiseBursts.Praise(UUID.randomUUID(), UUID.randomUUID(), channel, UUID.nameUUIDFromBytes(name.getBytes()),
				name, handle, since, at);
	}

	@Test
	void stemsDropDigitsPunctuationAccentsAndTheDomain() {
		assertThat(PraiseBursts.stems("Sunny_Fan 12", "@sunny.fan77")).containsExactly("sunnyfan");
		assertThat(PraiseBursts.stems("Jürgen", "juergen1990@example.org")).containsExactlyInAnyOrder("jurgen", "juergen");
		assertThat(PraiseBursts.stems("Al", "x12")).as("too short to compare").isEmpty();
	}

	@Test
	void newAccountsPraisingWithinMinutesAreABurst() {
		List<PraiseBursts.Praise> all = new ArrayList<>();
		String[] names = { "Lena Hofmann", "Tarek Aziz", "Mia Wolf", "Paul Krüger", "Ida Sommer", "Ole Brandt" };
		for (int i = 0; i < names.length; i++) {
			Instant at = T.plus(Duration.ofMinutes(3L * i));
			all.add(praise(CHANNEL, names[i], names[i].replace(' ', '.') + "@example.org", at.minusSeconds(1), at));
		}
		// a regular in the middle: not part of the burst
		all.add(praise(CHANNEL, "Regina Alt", "regina@example.org", T.minus(Duration.ofDays(200)), T.plus(Duration.ofMinutes(4))));
		List<PraiseBursts.Burst> bursts = PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT);
		assertThat(bursts).hasSize(1);
		assertThat(bursts.getFirst().authors()).isEqualTo(6);
		assertThat(bursts.getFirst().newAuthors()).hasSize(6);
		assertThat(bursts.getFirst().lookAlikeAuthors()).isEmpty();
		assertThat(bursts.getFirst().span()).isEqualTo(Duration.ofMinutes(15));

		// five people are too few
		assertThat(PraiseBursts.find(all.subList(0, 5), PraiseBursts.Settings.DEFAULT)).isEmpty();
		// and six among as many regulars are a busy hour, not a burst
		List<PraiseBursts.Praise> busy = new ArrayList<>(all.subList(0, 6));
		for (int i = 0; i < 6; i++) {
			busy.add(praise(CHANNEL, "Regular " + "abcdef".charAt(i), null, T.minus(Duration.ofDays(100)),
					T.plus(Duration.ofMinutes(2L * i + 1))));
		}
		assertThat(PraiseBursts.find(busy, PraiseBursts.Settings.DEFAULT)).isEmpty();
	}

	@Test
	void lookAlikeOldAccountsAreABurstToo() {
		List<PraiseBursts.Praise> all = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			all.add(praise(CHANNEL, "Fan " + i, "@best_brand_fan" + (17 * i + 3), T.minus(Duration.ofDays(90)),
					T.plus(Duration.ofMinutes(2L * i))));
		}
		List<PraiseBursts.Burst> bursts = PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT);
		assertThat(bursts).hasSize(1);
		assertThat(bursts.getFirst().newAuthors()).isEmpty();
		assertThat(bursts.getFirst().lookAlikeAuthors()).hasSize(6);
	}

	@Test
	void praiseSpreadOverHoursOrChannelsOrFromRegularsIsNoBurst() {
		List<PraiseBursts.Praise> spread = new ArrayList<>();
		List<PraiseBursts.Praise> channels = new ArrayList<>();
		List<PraiseBursts.Praise> regulars = new ArrayList<>();
		String[] names = { "Lena Hofmann", "Tarek Aziz", "Mia Wolf", "Paul Krüger", "Ida Sommer", "Ole Brandt", "Eva Roth" };
		for (int i = 0; i < names.length; i++) {
			Instant late = T.plus(Duration.ofMinutes(25L * i));
			spread.add(praise(CHANNEL, names[i], null, late.minusSeconds(5), late));
			Instant at = T.plus(Duration.ofMinutes(i));
			channels.add(praise(UUID.randomUUID(), names[i], null, at.minusSeconds(5), at));
			regulars.add(praise(CHANNEL, names[i], null, T.minus(Duration.ofDays(30)), at));
		}
		assertThat(PraiseBursts.find(spread, PraiseBursts.Settings.DEFAULT)).isEmpty();
		assertThat(PraiseBursts.find(channels, PraiseBursts.Settings.DEFAULT)).isEmpty();
		assertThat(PraiseBursts.find(regulars, PraiseBursts.Settings.DEFAULT)).isEmpty();
	}

	static PraiseBursts.Praise onPost(String post, String name, String handle, Instant since, Instant at) {
		return praise(CHANNEL, name, handle, since, at).onPost(post);
	}

	@Test
	void aBurstUnderOnePostIsFoundAmidOrganicPraiseOnAnotherPost() {
		List<PraiseBursts.Praise> all = new ArrayList<>();
		String[] names = { "Lena Hofmann", "Tarek Aziz", "Mia Wolf", "Paul Krüger", "Ida Sommer", "Ole Brandt" };
		for (int i = 0; i < names.length; i++) {
			Instant at = T.plus(Duration.ofMinutes(3L * i));
			all.add(onPost("video-1", names[i], names[i].replace(' ', '.') + "@example.org", at.minusSeconds(1), at));
		}
		// at the same time, regulars praise another post of the channel: a third of the channel's praise
		String[] regulars = { "Regina Alt", "Bernd Stahl", "Carla Neu" };
		for (int i = 0; i < regulars.length; i++) {
			all.add(onPost("photo-2", regulars[i], null, T.minus(Duration.ofDays(200)), T.plus(Duration.ofMinutes(4L * i + 1))));
		}
		List<PraiseBursts.Burst> bursts = PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT);
		assertThat(bursts).singleElement().satisfies(b -> {
			assertThat(b.post()).isEqualTo("video-1");
			assertThat(b.authors()).isEqualTo(6);
			assertThat(b.items()).allMatch(p -> "video-1".equals(p.post()));
		});

		// per channel, as where the posts are not known, the regulars' praise hides it
		List<PraiseBursts.Praise> unknown = all.stream().map(p -> p.onPost(null)).toList();
		assertThat(PraiseBursts.find(unknown, PraiseBursts.Settings.DEFAULT)).isEmpty();
	}

	@Test
	void organicPraiseOnASharedPostIsNoBurst() {
		// a post shared widely: six newcomers, and as many regulars on the same post in the same minutes
		List<PraiseBursts.Praise> all = new ArrayList<>();
		String[] newcomers = { "Lena Hofmann", "Tarek Aziz", "Mia Wolf", "Paul Krüger", "Ida Sommer", "Ole Brandt" };
		for (int i = 0; i < newcomers.length; i++) {
			Instant at = T.plus(Duration.ofMinutes(2L * i));
			all.add(onPost("shared-post", newcomers[i], null, at.minusSeconds(30), at));
			all.add(onPost("shared-post", "Regular " + "abcdef".charAt(i), null, T.minus(Duration.ofDays(100)),
					at.plusSeconds(50)));
		}
		// and quiet praise from newcomers on another post does not lift the shared post's share
		all.add(onPost("other-post", "Eva Roth", null, T.minusSeconds(10), T.plus(Duration.ofMinutes(5))));
		assertThat(PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT)).isEmpty();
	}

	@Test
	void applauseUnderTwoPostsIsTwoChainsNotOne() {
		List<PraiseBursts.Praise> all = new ArrayList<>();
		String[] names = { "Lena Hofmann", "Tarek Aziz", "Mia Wolf", "Paul Krüger", "Ida Sommer", "Ole Brandt",
				"Eva Roth", "Jan Vogel", "Nina Lange", "Finn Koch", "Zoe Maier", "Tim Jung" };
		for (int i = 0; i < names.length; i++) {
			Instant at = T.plus(Duration.ofMinutes(i));
			all.add(onPost(i % 2 == 0 ? "post-a" : "post-b", names[i], null, at.minusSeconds(1), at));
		}
		List<PraiseBursts.Burst> bursts = PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT);
		assertThat(bursts).hasSize(2);
		assertThat(bursts).extracting(PraiseBursts.Burst::post).containsExactlyInAnyOrder("post-a", "post-b");
		assertThat(bursts).allSatisfy(b -> assertThat(b.authors()).isEqualTo(6));
		// praise without a post on the same channel stays a chain of its own, per channel
		List<PraiseBursts.Praise> mixed = new ArrayList<>(all.subList(0, 6).stream().map(p -> p.onPost(null)).toList());
		mixed.addAll(all.subList(6, 12).stream().map(p -> p.onPost("post-a")).toList());
		assertThat(PraiseBursts.find(mixed, PraiseBursts.Settings.DEFAULT)).extracting(PraiseBursts.Burst::post)
			.containsExactlyInAnyOrder(null, "post-a");
	}

	/** A regular's name, each of its own stem ("Regular a", "Regular b", …): regulars do not look alike. */
	static String regular(int i) {
		return "Regular " + (char) ('a' + i);
	}

	static final String[] TEN = { "Lena Hofmann", "Tarek Aziz", "Mia Wolf", "Paul Krüger", "Ida Sommer", "Ole Brandt",
			"Eva Roth", "Jan Vogel", "Nina Lange", "Finn Koch" };

	/** Ten new accounts within a quarter of an hour, dealt out over four posts: at most three under each. */
	static List<PraiseBursts.Praise> spreadThin() {
		List<PraiseBursts.Praise> all = new ArrayList<>();
		for (int i = 0; i < TEN.length; i++) {
			Instant at = T.plus(Duration.ofMinutes(3L * i / 2));
			all.add(onPost("post-" + (i % 4), TEN[i], null, at.minusSeconds(40), at));
		}
		return all;
	}

	@Test
	void applauseSpreadThinOverSeveralPostsIsOneBurstAcrossThem() {
		List<PraiseBursts.Praise> all = spreadThin();
		// meanwhile regulars keep a fifth post busy: twice as much praise as the applause
		for (int i = 0; i < 20; i++) {
			all.add(onPost("busy-post", regular(i), null, T.minus(Duration.ofDays(100)), T.plus(Duration.ofSeconds(45L * i))));
		}
		assertThat(PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT, false)).as("per post only: three under each")
			.isEmpty();
		List<PraiseBursts.Burst> bursts = PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT);
		assertThat(bursts).singleElement().satisfies(b -> {
			assertThat(b.authors()).isEqualTo(10);
			assertThat(b.newAuthors()).hasSize(10);
			assertThat(b.post()).isNull();
			assertThat(b.posts()).containsExactly("post-0", "post-1", "post-2", "post-3");
		});
	}

	@Test
	void newcomersAcrossABusyChannelAreNoBurst() {
		// six newcomers within ten minutes, each under another post, where regulars praise in the same minutes too
		List<PraiseBursts.Praise> busy = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Instant at = T.plus(Duration.ofMinutes(2L * i));
			busy.add(onPost("post-" + i, TEN[i], null, at.minusSeconds(30), at));
			busy.add(onPost("post-" + i, regular(i), null, T.minus(Duration.ofDays(100)), at.plusSeconds(20)));
		}
		assertThat(PraiseBursts.find(busy, PraiseBursts.Settings.DEFAULT)).isEmpty();

		// eight newcomers over an hour and a half, ten minutes apart, each under one of four posts: no one else praises,
		// but they never come at once
		List<PraiseBursts.Praise> scattered = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Instant at = T.plus(Duration.ofMinutes(12L * i));
			scattered.add(onPost("post-" + (i % 4), TEN[i], null, at.minusSeconds(30), at));
		}
		assertThat(PraiseBursts.find(scattered, PraiseBursts.Settings.DEFAULT)).isEmpty();

		// a post shared widely — six newcomers amid as many regulars — is judged under its post and lends none of its
		// newcomers to a chain across posts
		List<PraiseBursts.Praise> shared = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Instant at = T.plus(Duration.ofMinutes(2L * i));
			shared.add(onPost("shared-post", TEN[i], null, at.minusSeconds(30), at));
			shared.add(onPost("shared-post", regular(i), null, T.minus(Duration.ofDays(100)), at.plusSeconds(50)));
		}
		for (int i = 6; i < 9; i++) {
			Instant at = T.plus(Duration.ofMinutes(i - 5L));
			shared.add(onPost("post-" + i, TEN[i], null, at.minusSeconds(30), at));
		}
		assertThat(PraiseBursts.find(shared, PraiseBursts.Settings.DEFAULT)).isEmpty();
	}

	@Test
	void aBurstUnderOnePostStaysItsOwnWhileApplauseIsSpreadThinOverOthers() {
		List<PraiseBursts.Praise> all = spreadThin();
		// six new look-alike accounts under one more post in the same minutes, and regulars on a busy post
		for (int i = 0; i < 6; i++) {
			Instant at = T.plus(Duration.ofMinutes(2L * i));
			all.add(onPost("video-1", "Fan " + i, "@best_brand_fan" + (17 * i + 3), at.minusSeconds(5), at.plusSeconds(7)));
			all.add(onPost("photo-2", regular(i), null, T.minus(Duration.ofDays(200)), at.plusSeconds(30)));
		}
		List<PraiseBursts.Burst> bursts = PraiseBursts.find(all, PraiseBursts.Settings.DEFAULT);
		assertThat(bursts).hasSize(2);
		assertThat(bursts).filteredOn(b -> "video-1".equals(b.post())).singleElement()
			.satisfies(b -> assertThat(b.items()).hasSize(6).allMatch(p -> "video-1".equals(p.post())));
		assertThat(bursts).filteredOn(b -> b.post() == null).singleElement()
			.satisfies(b -> assertThat(b.items()).hasSize(10).noneMatch(p -> "video-1".equals(p.post())));
	}

	@Test
	void praiseIsTheKindOrAPositiveSentiment() {
		assertThat(PraiseBursts.praises(new Triage("praise", "neutral", "de"))).isTrue();
		assertThat(PraiseBursts.praises(new Triage("question", "positive", "de"))).isTrue();
		assertThat(PraiseBursts.praises(new Triage("complaint", "negative", "de"))).isFalse();
		assertThat(PraiseBursts.praises(null)).isFalse();
	}

	@Test
	void authorsWhoseAccountsAreAMonthOldAtMostAreNewEvenWhenTheyWroteBefore() {
		Instant longAgo = T.minus(Duration.ofDays(400));
		List<PraiseBursts.Praise> praise = new ArrayList<>();
		String[] names = { "Mia Braun", "Jonas Keller", "Petra Wolf", "Emil Hahn", "Greta Roth", "Karl Vogel" };
		for (int i = 0; i < names.length; i++) {
			praise.add(new PraiseBursts.Praise(UUID.randomUUID(), UUID.randomUUID(), CHANNEL,
					UUID.nameUUIDFromBytes(names[i].getBytes()), names[i], "h" + i + "@example.org", longAgo,
					T.minus(Duration.ofDays(3 + i)), T.plus(Duration.ofMinutes(2L * i))));
		}
		assertThat(PraiseBursts.find(praise, PraiseBursts.Settings.DEFAULT)).singleElement()
			.satisfies(b -> assertThat(b.newAuthors()).hasSize(6));

		List<PraiseBursts.Praise> seasoned = praise.stream()
			.map(p -> new PraiseBursts.Praise(p.messageId(), p.conversationId(), p.channelId(), p.contactId(), p.name(),
					p.handle(), p.contactSince(), T.minus(Duration.ofDays(31 + 30)), p.at()))
			.toList();
		assertThat(PraiseBursts.find(seasoned, PraiseBursts.Settings.DEFAULT)).as("accounts older than a month, regulars")
			.isEmpty();
	}
}
