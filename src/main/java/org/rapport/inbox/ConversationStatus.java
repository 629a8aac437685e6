package org.rapport.inbox;

import java.util.Locale;

/** Where a conversation stands: waiting for us, waiting for them, put aside until a time, or finished. */
public enum ConversationStatus {

	OPEN, PENDING, SNOOZED, DONE;

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static ConversationStatus of(String key) {
		try {
			return valueOf(key.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new IllegalArgumentException("Unknown status '" + key + "'; use open, pending, snoozed or done.");
		}
	}
}
