package org.rapport.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.ContactId;

/**
 * Contributes items to a contact's timeline. Other modules implement it for what they store about a contact, so
 * the contact page shows every channel without this module knowing them.
 */
public interface TimelineSource {

	/** The newest items of a contact, newest first, at most {@code limit}. */
	List<TimelineItem> timeline(UUID workspaceId, ContactId contactId, int limit);

	/**
	 * The newest items that happened strictly before {@code before}, newest first, at most {@code limit}; with
	 * {@code before} null the same as {@link #timeline(UUID, UUID, int)}. Used to page through long timelines.
	 * <p>
	 * The default asks {@link #timeline(UUID, UUID, int)} for ever more items until enough older ones are among
	 * them; it is correct for every source, and a source with many items should override it with a query that
	 * starts at {@code before}.
	 */
	default List<TimelineItem> timeline(UUID workspaceId, ContactId contactId, int limit, Instant before) {
		if (before == null) {
			return timeline(workspaceId, contactId, limit);
		}
		for (int ask = Math.max(limit * 2, 100);; ask = ask >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : ask * 4) {
			List<TimelineItem> newest = timeline(workspaceId, contactId, ask);
			List<TimelineItem> older = new ArrayList<>();
			for (TimelineItem item : newest) {
				if (item.at().isBefore(before)) {
					older.add(item);
				}
			}
			if (older.size() >= limit || newest.size() < ask || ask == Integer.MAX_VALUE) {
				return older.size() > limit ? older.subList(0, limit) : older;
			}
		}
	}
}
