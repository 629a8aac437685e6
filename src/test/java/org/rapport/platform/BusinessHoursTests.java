package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BusinessHoursTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
	static final BusinessHours WEEKDAYS = BusinessHours.parse(
			"{\"mon\":[[\"09:00\",\"17:00\"]],\"tue\":[[\"09:00\",\"17:00\"]],\"wed\":[[\"09:00\",\"17:00\"]],"
					+ "\"thu\":[[\"09:00\",\"17:00\"]],\"fri\":[[\"09:00\",\"17:00\"]]}");

	@Test
	void countsOnlyBusinessHoursOverTheWeekend() {
		var fridayEvening = ZonedDateTime.of(2026, 11, 20, 18, 30, 0, 0, BERLIN).toInstant();
		var mondayMorning = ZonedDateTime.of(2026, 11, 23, 9, 30, 0, 0, BERLIN).toInstant();
		assertThat(WEEKDAYS.between(fridayEvening, mondayMorning, BERLIN)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void countsPartialDaysAndSplitHours() {
		var hours = BusinessHours.ofLines(Map.of(DayOfWeek.MONDAY, "09:00-12:00, 13:00-17:00"));
		var start = ZonedDateTime.of(2026, 11, 23, 11, 0, 0, 0, BERLIN).toInstant();
		var end = ZonedDateTime.of(2026, 11, 23, 14, 0, 0, 0, BERLIN).toInstant();
		assertThat(hours.between(start, end, BERLIN)).isEqualTo(Duration.ofHours(2));
		assertThat(hours.line(DayOfWeek.MONDAY)).isEqualTo("09:00-12:00, 13:00-17:00");
		assertThat(hours.line(DayOfWeek.TUESDAY)).isEmpty();
	}

	@Test
	void survivesTheDaylightSavingChange() {
		var always = BusinessHours.always();
		var before = ZonedDateTime.of(2026, 10, 24, 12, 0, 0, 0, BERLIN).toInstant();
		var after = ZonedDateTime.of(2026, 10, 25, 12, 0, 0, 0, BERLIN).toInstant();
		assertThat(always.between(before, after, BERLIN)).isEqualTo(Duration.ofHours(25));
	}

	@Test
	void roundTripsThroughJsonAndRefusesNonsense() {
		assertThat(BusinessHours.parse(WEEKDAYS.toJson())).isEqualTo(WEEKDAYS);
		assertThatThrownBy(() -> BusinessHours.ofLines(Map.of(DayOfWeek.MONDAY, "17:00-09:00")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> BusinessHours.ofLines(Map.of(DayOfWeek.MONDAY, "morning")))
			.hasMessageContaining("09:00-17:00");
	}
}
