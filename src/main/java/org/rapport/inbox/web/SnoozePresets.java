package org.rapport.inbox.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;

/** The snooze choices of the bulk bar, in the workspace's time zone: later today, tomorrow morning, next week. */
final class SnoozePresets {

	private SnoozePresets() {
	}

	/** {@code later}: in three hours; {@code tomorrow}: tomorrow 09:00; {@code monday}: next Monday 09:00. */
	static Map<String, ZonedDateTime> from(Instant now, ZoneId zone) {
		ZonedDateTime here = now.atZone(zone);
		Map<String, ZonedDateTime> presets = new LinkedHashMap<>();
		presets.put("later", here.plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES));
		presets.put("tomorrow", here.toLocalDate().plusDays(1).atTime(LocalTime.of(9, 0)).atZone(zone));
		presets.put("monday", here.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atTime(LocalTime.of(9, 0))
			.atZone(zone));
		return presets;
	}
}
