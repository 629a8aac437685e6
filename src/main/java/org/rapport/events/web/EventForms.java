package org.rapport.events.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates and times in forms: {@code datetime-local} values read and written in the workspace's time zone. */
final class EventForms {

	static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private EventForms() {
	}

	/** A {@code datetime-local} (or plain date) value as an instant; blank is {@code null}. */
	static Instant instant(String value, ZoneId zone, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			String v = value.strip();
			if (v.length() == 10) {
				return LocalDate.parse(v).atStartOfDay(zone).toInstant();
			}
			return LocalDateTime.parse(v).atZone(zone).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException(field + ": '" + value + "' is not a date and time (YYYY-MM-DDTHH:MM).");
		}
	}

	static String local(Instant at, ZoneId zone) {
		return at == null ? "" : LOCAL.format(at.atZone(zone));
	}
}
