package org.rapport.inbox;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.ContactReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Moves a contact's conversations, with their messages, when contacts are merged, and back on undo. */
@Component
class InboxContactReferences implements ContactReferences {

	private final JdbcClient jdbc;

	InboxContactReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "conversations";
	}

	@Override
	public Set<String> tables() {
		return Set.of("conversations");
	}

	@Override
	public List<UUID> move(UUID workspaceId, UUID from, UUID to) {
		return jdbc.sql("update conversations set contact_id = ? where contact_id = ? and workspace_id = ? returning id")
			.params(to, from, workspaceId)
			.query(UUID.class)
			.list();
	}

	@Override
	public int restore(UUID workspaceId, UUID from, UUID to, List<UUID> moved) {
		return jdbc.sql("""
				update conversations set contact_id = ?
				where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?""")
			.params(from, moved.toArray(UUID[]::new), to, workspaceId)
			.update();
	}
}
