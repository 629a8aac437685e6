package org.rapport.channels.activitypub;

import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.springframework.stereotype.Component;

/**
 * Each workspace's Fediverse channel, through which Fediverse replies reach the inbox and the team's answers leave.
 * It is made the first time something arrives, so workspaces that never federate do not show it.
 */
@Component
public class ActivityPubChannel {

	/** The channel's key in every workspace. */
	public static final String KEY = "fediverse";

	private final Channels channels;

	ActivityPubChannel(Channels channels) {
		this.channels = channels;
	}

	public Channel of(UUID workspaceId) {
		return channels.defaultOf(workspaceId, ActivityPubConnector.KIND);
	}
}
