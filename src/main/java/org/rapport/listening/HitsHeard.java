package org.rapport.listening;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * New hits, in one go: the posts one read of a listening channel matched, once for each monitor (topic) they matched
 * for the first time. Published in the transaction that stores them, so a listener that keeps figures per topic
 * counts each hit once.
 */
public record HitsHeard(UUID workspaceId, UUID channelId, List<Item> hits) {

	public HitsHeard {
		hits = List.copyOf(hits);
	}

	/**
	 * One new hit.
	 *
	 * @param monitorId the monitor (topic) it matched
	 * @param hitId the heard post's id ({@link Hit#id()}, {@link Heard#get})
	 * @param author who wrote it: the identity the network gives ({@code kind:value}), else how the author is
	 *     addressed (a handle, a feed's name), or {@code null} when the source does not say
	 * @param text the post's title (if it has one) and text, plain
	 * @param postedAt when it was written, or {@code null} when the source does not say
	 * @param heardAt when it was heard
	 */
	public record Item(UUID monitorId, UUID hitId, String author, String text, Instant postedAt, Instant heardAt) {
	}
}
