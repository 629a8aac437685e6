package org.rapport.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person the workspace is in touch with, and every way to reach them. */
public record Contact(UUID id, String name, String note, Instant createdAt, List<Identity> identities) {

	public record Identity(UUID id, String kind, String value) {
	}

	/** The first email address, phone number or handle, whichever comes first, for a one-line display. */
	public String primaryHandle() {
		return identities.isEmpty() ? "" : identities.getFirst().value();
	}
}
