package org.rapport.contacts;

import java.util.List;
import java.util.UUID;

/**
 * Contributes items to a contact's timeline. Other modules implement it for what they store about a contact, so
 * the contact page shows every channel without this module knowing them.
 */
public interface TimelineSource {

	/** The newest items of a contact, newest first, at most {@code limit}. */
	List<TimelineItem> timeline(UUID workspaceId, UUID contactId, int limit);
}
