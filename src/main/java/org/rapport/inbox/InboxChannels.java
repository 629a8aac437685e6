package org.rapport.inbox;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.rapport.platform.ChannelId;

/**
 * The workspace's channels as the inbox needs them: the key, kind and name of each conversation's channel, and the
 * channels the list can be filtered by. The channels module owns them and implements this port, so that the inbox
 * neither reads the channels table nor depends on that module.
 */
public interface InboxChannels {

	/**
	 * A channel of the workspace.
	 *
	 * @param key unique in the workspace
	 * @param kind which connector serves it
	 */
	record Entry(ChannelId id, String key, String kind, String name) {
	}

	/** The workspace's channels by kind, then key: a handful, so asked once for a whole page. */
	List<Entry> of(UUID workspaceId);

	/** The workspace's channels by id. */
	default Map<ChannelId, Entry> byId(UUID workspaceId) {
		return of(workspaceId).stream().collect(Collectors.toMap(Entry::id, Function.identity()));
	}
}
