package org.rapport.relationships;

import java.time.Instant;
import java.util.UUID;

/**
 * Something the organisation gave a contact first.
 *
 * @param kind {@code recommendation} (we recommended them or their work), {@code introduction} (we introduced
 *        them to {@code otherContactId}) or {@code share} (we shared their content at {@code url})
 * @param contactId the contact it was given to; for an introduction the first of the two
 * @param otherContactId for an introduction, the contact they were introduced to, else {@code null}
 * @param byName who recorded it
 */
public record Gift(UUID id, String kind, UUID contactId, String contactName, UUID otherContactId,
		String otherContactName, String url, String note, Instant occurredAt, String byName, Instant createdAt) {

	/** The other side of the gift as seen from {@code contact}: for an introduction the person they were introduced to. */
	public UUID counterpartOf(UUID contact) {
		return contact.equals(contactId) ? otherContactId : contactId;
	}

	public String counterpartNameOf(UUID contact) {
		return contact.equals(contactId) ? otherContactName : contactName;
	}
}
