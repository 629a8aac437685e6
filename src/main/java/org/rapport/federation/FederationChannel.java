package org.rapport.federation;

import java.util.Map;
import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Each workspace's {@value #KEY} channel, through which Fediverse replies reach the inbox and the team's answers
 * leave. It is made the first time something arrives, so workspaces that never federate do not show it.
 */
@Component
public class FederationChannel {

	public static final String KEY = "fediverse";
	public static final String KIND = "activitypub";

	private final Channels channels;

	FederationChannel(Channels channels) {
		this.channels = channels;
	}

	public Channel of(UUID workspaceId) {
		return channels.byKey(workspaceId, KEY).orElseGet(() -> {
			try {
				return channels.create(workspaceId, KEY, KIND, "Fediverse", Map.of());
			}
			catch (DuplicateKeyException | IllegalArgumentException e) {
				return channels.byKey(workspaceId, KEY).orElseThrow(() -> e);
			}
		});
	}
}
