package org.rapport.authenticity;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.ContactReferences;
import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follows a merge of contacts in the storm warning's tables: the recent messages move to the surviving contact (and
 * back on undo); the surviving contact counts as seen wherever either was seen. Erasing a contact removes both its
 * rows (foreign keys with {@code on delete cascade}).
 */
@Component
class StormContactReferences implements ContactReferences {

	private final JdbcClient jdbc;

	StormContactReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "storm-warning";
	}

	@Override
	public Set<String> tables() {
		return Set.of("storm_recent", "storm_seen_contacts");
	}

	@Override
	public List<RecordId> move(UUID workspaceId, ContactId fromContact, ContactId toContact) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		jdbc.sql("""
				insert into storm_seen_contacts(channel_id, contact_id, workspace_id, first_seen)
				select channel_id, ?, workspace_id, first_seen from storm_seen_contacts where contact_id = ? and workspace_id = ?
				on conflict (channel_id, contact_id) do update set first_seen = least(storm_seen_contacts.first_seen, excluded.first_seen)""")
			.params(to, from, workspaceId)
			.update();
		return jdbc.sql("update storm_recent set contact_id = ? where contact_id = ? and workspace_id = ? returning message_id")
			.params(to, from, workspaceId)
			.query((rs, n) -> RecordId.of(rs.getObject(1, UUID.class)))
			.list();
	}

	@Override
	public int restore(UUID workspaceId, ContactId fromContact, ContactId toContact, List<RecordId> moved) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		return jdbc.sql("update storm_recent set contact_id = ? where message_id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
			.params(from, RecordId.values(moved), to, workspaceId)
			.update();
	}
}
