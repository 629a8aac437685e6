package org.rapport.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;

/**
 * What another module stores about a contact, for access requests, erasure and retention. Modules implement it
 * for their own tables, so this module can export and erase a person everywhere without knowing the others
 * (like {@link TimelineSource}).
 */
public interface PersonalData {

	/** The name of this part of an export, e.g. {@code conversations}. */
	String key();

	/**
	 * Everything this module stores about the contact, as values Jackson can write (records, lists, maps, strings,
	 * numbers, instants). Appears in the export under {@link #key()}.
	 */
	Object export(UUID workspaceId, ContactId contact);

	/**
	 * Deletes everything this module stores about the contact, in the caller's transaction, while the contact and
	 * its identities still exist. May keep anonymised statistics that name no one.
	 */
	void erase(UUID workspaceId, ContactId contact);

	/** The last time something happened with each contact of the workspace here, by contact id. */
	default Map<ContactId, Instant> lastActivity(UUID workspaceId) {
		return Map.of();
	}

	/** The records of the contact here that an erasure removes, for retention previews. */
	default List<Item> itemsOf(UUID workspaceId, ContactId contact) {
		return List.of();
	}

	/** Closed records that ended before the cutoff, which retention removes. */
	default List<Item> closedBefore(UUID workspaceId, Instant cutoff) {
		return List.of();
	}

	/** Removes records found by {@link #closedBefore}, keeping only anonymised statistics; returns how many went. */
	default int delete(UUID workspaceId, Collection<RecordId> items) {
		return 0;
	}

	/**
	 * One record that retention would remove.
	 *
	 * @param type e.g. {@code conversation}
	 * @param label what staff recognise it by, e.g. the subject
	 * @param lastActivity when something last happened in it
	 * @param contactId whose record it is
	 */
	record Item(String type, RecordId id, String label, Instant lastActivity, ContactId contactId) {
	}
}
