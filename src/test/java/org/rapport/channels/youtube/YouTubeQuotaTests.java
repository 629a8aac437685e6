package org.rapport.channels.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The quota's day is a day in Pacific Time, whether its clocks show standard or daylight saving time. */
class YouTubeQuotaTests {

	@Test
	void theQuotaIsResetAtTheNextMidnightPacificTime() {
		assertThat(YouTubeQuota.nextReset(Instant.parse("2026-12-03T18:00:00Z")))
			.as("winter: midnight PST is 08:00 UTC").isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
		assertThat(YouTubeQuota.nextReset(Instant.parse("2026-07-01T06:59:59Z")))
			.as("summer: midnight PDT is 07:00 UTC").isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
		assertThat(YouTubeQuota.nextReset(Instant.parse("2026-07-01T07:00:00Z")))
			.as("at midnight the next reset is a day away").isEqualTo(Instant.parse("2026-07-02T07:00:00Z"));
		assertThat(YouTubeQuota.nextReset(Instant.parse("2026-03-08T12:00:00Z")))
			.as("the day the clocks go forward has 23 hours").isEqualTo(Instant.parse("2026-03-09T07:00:00Z"));
		assertThat(YouTubeQuota.today(Instant.parse("2026-12-04T07:59:59Z")).toString())
			.as("still the 3rd in California").isEqualTo("2026-12-03");
	}
}
