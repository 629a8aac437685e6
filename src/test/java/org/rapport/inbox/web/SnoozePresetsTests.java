package org.rapport.inbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SnoozePresetsTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void laterTodayTomorrowMorningAndNextMondayInTheWorkspacesTimeZone() {
		// Wednesday 2 December 2026, 22:30 in Berlin (21:30 UTC)
		Map<String, ZonedDateTime> presets = SnoozePresets.from(Instant.parse("2026-12-02T21:30:00Z"), BERLIN);
		assertThat(presets.keySet()).containsExactly("later", "tomorrow", "monday");
		assertThat(presets.get("later").toInstant()).isEqualTo(Instant.parse("2026-12-03T00:30:00Z"));
		assertThat(presets.get("tomorrow")).isEqualTo(ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, BERLIN));
		assertThat(presets.get("monday")).isEqualTo(ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, BERLIN));
	}

	@Test
	void onAMondayNextWeekIsTheMondayAfter() {
		Map<String, ZonedDateTime> presets = SnoozePresets.from(Instant.parse("2026-12-07T07:00:00Z"), BERLIN);
		assertThat(presets.get("monday")).isEqualTo(ZonedDateTime.of(2026, 12, 14, 9, 0, 0, 0, BERLIN));
		// summer time: 09:00 is 07:00 UTC
		assertThat(SnoozePresets.from(Instant.parse("2027-06-01T10:00:00Z"), BERLIN).get("tomorrow").toInstant())
			.isEqualTo(Instant.parse("2027-06-02T07:00:00Z"));
	}
}
