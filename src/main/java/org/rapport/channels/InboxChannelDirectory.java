package org.rapport.channels;

import java.util.List;
import java.util.UUID;

import org.rapport.inbox.InboxChannels;
import org.rapport.platform.ChannelId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lists a workspace's channels for the inbox (a conversation's channel, the list's channel filter). */
@Component
class InboxChannelDirectory implements InboxChannels {

	private final JdbcClient jdbc;

	InboxChannelDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Entry> of(UUID workspaceId) {
		return jdbc.sql("select id, key, kind, name from channels where workspace_id = ? order by kind, key")
			.param(workspaceId)
			.query((rs, n) -> new Entry(ChannelId.of(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}
}
