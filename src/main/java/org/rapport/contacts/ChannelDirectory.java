package org.rapport.contacts;

import java.util.List;
import java.util.UUID;

import org.rapport.platform.ChannelId;

/**
 * The workspace's channels as this module needs them: to offer a channel in a contact filter, to find the channel a
 * filter names by its key, and to show which kind of channel a conversation came through. The channels module owns
 * them and implements it, so this module neither reads the channels table nor depends on that module.
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

	/** The workspace's channels by name, case ignored, then by key. */
	List<Entry> of(UUID workspaceId);
}
