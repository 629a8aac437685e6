package org.rapport.channels.web;

import java.util.UUID;

import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.ChannelPosts;
import org.rapport.channels.Channels;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * "Fetch now", from the API and from the channel list: what is new on a channel's network instead of at the next
 * scheduled time, and the account's own posts where the network lists them. Only managers; audited.
 */
@Component
class ChannelFetches {

	private final Channels channels;
	private final ChannelPosts channelPosts;
	private final AuditLog audit;

	ChannelFetches(Channels channels, ChannelPosts channelPosts, AuditLog audit) {
		this.channels = channels;
		this.channelPosts = channelPosts;
		this.audit = audit;
	}

	/**
	 * @throws IllegalStateException when the channel is switched off or its kind receives by itself (a 409 in the API,
	 *     a message in the channel list)
	 */
	Channel fetch(CurrentUser user, UUID channelId, String remoteAddress) {
		user.requireManager();
		Channel channel = channels.get(user.workspaceId(), channelId);
		if (!channel.enabled()) {
			throw new IllegalStateException("The channel is switched off; switch it on to fetch.");
		}
		ChannelConnector connector = channels.connector(channel.kind());
		boolean fetches = connector.sync(channel);
		boolean listsPosts = connector.ownPosts(channel).isPresent();
		if (listsPosts) {
			channelPosts.readIfDue(channel);
		}
		if (!fetches && !listsPosts) {
			throw new IllegalStateException("Channels of kind '" + channel.kind() + "' receive by themselves; there is nothing to fetch.");
		}
		audit.record(user.workspaceId(), user.userId(), "channel.synced", channel.kind() + " " + channel.key(),
				remoteAddress);
		return channels.get(user.workspaceId(), channelId);
	}
}
