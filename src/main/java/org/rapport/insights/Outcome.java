package org.rapport.insights;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Something dialogue led to: an enquiry, a registration, a donation, an application, a new customer, or a kind of
 * the workspace's own, with an optional value.
 *
 * @param value with {@code currency} (ISO 4217), or both {@code null}
 * @param source {@code manual} (entered on the contact page), {@code api}, {@code import} (CSV) or
 * {@code automatic} (a web form, a newsletter sign-up)
 */
public record Outcome(UUID id, String kind, BigDecimal value, String currency, Instant occurredAt, UUID contactId,
		String source, String note, Instant createdAt) {

	/** Where an outcome was recorded. */
	public enum Source {
		MANUAL, API, IMPORT, AUTOMATIC;

		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** The kinds every workspace has; a workspace may use its own besides (lower-case words joined by dashes). */
	public static final java.util.List<String> KINDS = java.util.List.of("enquiry", "registration", "donation",
			"application", "customer");
}
