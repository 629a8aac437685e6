package org.rapport.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rapport.platform.ChannelId;

/**
 * The workspace's channels as other modules need them: contacts to offer a channel in a contact filter, to find the
 * channel a filter names by its key and to show which kind of channel a conversation came through; the inbox to name
 * each conversation's channel and to filter its list by channel. The channels module owns them and implements it, so
 * that neither module reads the channels table nor depends on that module.
 */
public interface ChannelDirectory {

	/**
	 * A channel of the workspace.
	 *
	 * @param key unique in the workspace
	 * @param kind which connector serves it
	 */
	record Entry(ChannelId id, String key, String kind, String name) {
	}

	/** The workspace's channels by name, case ignored, then by key: a handful, so asked once for a whole page. */
	List<Entry> of(UUID workspaceId);

	/** The workspace's channels by id. */
	default Map<ChannelId, Entry> byId(UUID workspaceId) {
		return of(workspaceId).stream().collect(Collectors.toMap(Entry::id, Function.identity()));
	}
}
