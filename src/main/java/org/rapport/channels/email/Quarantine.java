package org.rapport.channels.email;

import java.util.UUID;

import org.rapport.channels.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps mails that cannot be ingested, raw bytes and reason, for a person to look at. Keeping the same mail twice
 * (after a fetch was interrupted) stores it once.
 */
@Component
class Quarantine {

	private final JdbcClient jdbc;

	Quarantine(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @param raw the mail as received, or null when it was too large to take in */
	void keep(Channel channel, String externalId, String reason, byte[] raw) {
		jdbc.sql("""
				insert into quarantine(id, workspace_id, channel_id, external_id, reason, raw)
				select ?, ?, ?, ?, ?, ?
				where not exists (select 1 from quarantine where channel_id = ? and external_id = ?)""")
			.params(UUID.randomUUID(), channel.workspaceId(), channel.id(), externalId, reason, raw, channel.id(), externalId)
			.update();
	}
}
