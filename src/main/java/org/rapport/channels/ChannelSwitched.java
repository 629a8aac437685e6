package org.rapport.channels;

import java.util.UUID;

/** A channel was switched on or off; {@code key} is the channel's key within its workspace. */
public record ChannelSwitched(UUID workspaceId, UUID channelId, String key, boolean enabled) {
}
