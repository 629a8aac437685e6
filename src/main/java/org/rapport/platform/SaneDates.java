package org.rapport.platform;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The dates Rapport accepts: from the year {@value #FIRST_YEAR} through {@value #LAST_YEAR}. Earlier ones are
 * typing errors rather than history a dialogue platform keeps, later ones cannot be written with four digits, and
 * PostgreSQL, the browser and the exports all agree on everything in between.
 */
public final class SaneDates {

	public static final int FIRST_YEAR = 1900;
	public static final int LAST_YEAR = 9999;

	/** The first instant accepted. */
	public static final Instant EARLIEST = Instant.parse(FIRST_YEAR + "-01-01T00:00:00Z");

	/** The first instant no longer accepted. */
	public static final Instant END = Instant.parse("+" + (LAST_YEAR + 1) + "-01-01T00:00:00Z");

	private SaneDates() {
	}

	public static boolean sane(Instant instant) {
		return instant == null || !instant.isBefore(EARLIEST) && instant.isBefore(END);
	}

	public static boolean sane(LocalDate date) {
		return date == null || date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
	}

	/** Throws {@link InvalidFieldException} naming the field when the instant lies outside the range. */
	public static Instant require(String field, Instant instant) {
		if (!sane(instant)) {
			throw new InvalidFieldException(field, refusal(field, instant.toString()));
		}
		return instant;
	}

	/** Throws {@link InvalidFieldException} naming the field when the date lies outside the range. */
	public static LocalDate require(String field, LocalDate date) {
		if (!sane(date)) {
			throw new InvalidFieldException(field, refusal(field, date.toString()));
		}
		return date;
	}

	public static String refusal(String field, String value) {
		return "The field '" + field + "' holds the date " + value + "; dates must lie in the years " + FIRST_YEAR + " to "
				+ LAST_YEAR + ".";
	}
}
