package org.rapport.channels;

import java.util.List;
import java.util.UUID;

import org.rapport.contacts.ChannelDirectory;
import org.rapport.platform.ChannelId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Lists a workspace's channels for the contacts module (filters by channel, the kind of a conversation's channel). */
@Component
class ContactsChannelDirectory implements ChannelDirectory {

	private final JdbcClient jdbc;

	ContactsChannelDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Entry> of(UUID workspaceId) {
		return jdbc.sql("select id, key, kind, name from channels where workspace_id = ? order by lower(name), key")
			.param(workspaceId)
			.query((rs, n) -> new Entry(ChannelId.of(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}
}
