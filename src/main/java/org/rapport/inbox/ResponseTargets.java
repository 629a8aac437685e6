package org.rapport.inbox;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;

/**
 * Within how many business hours a channel's conversations should be answered. The inbox defines this port to warn
 * a member before an answer is late; the module that keeps the workspace's channel goals implements it.
 */
public interface ResponseTargets {

	/** The channel's target, else the workspace's, else empty: then nothing is ever late. */
	Optional<Duration> of(UUID workspaceId, ChannelId channelId);
}
