package org.rapport.channels.network;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The pause a network asks for in {@code Retry-After} (RFC 9110, section 10.2.3): seconds, or an HTTP date. */
public final class RetryAfter {

	private RetryAfter() {
	}

	/** Until when a {@code Retry-After} value asks to wait; empty when it is neither form. */
	public static Optional<Instant> until(String value, Instant now) {
		String given = value.strip();
		try {
			return Optional.of(now.plusSeconds(Long.parseLong(given)));
		}
		catch (NumberFormatException e) {
			try {
				return Optional.of(ZonedDateTime.parse(given, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			}
			catch (DateTimeParseException unparsable) {
				return Optional.empty();
			}
		}
	}

	/** The answer's {@code Retry-After}, if it has a readable one. */
	public static Optional<Instant> of(JsonHttp.Answer answer) {
		return answer.header("Retry-After").flatMap(value -> until(value, Instant.now()));
	}
}
