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
 * over hours, too few people, and another channel's praise do not.
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
