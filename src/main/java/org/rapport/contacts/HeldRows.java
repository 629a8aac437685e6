package org.rapport.contacts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves rows of a table with "one row per contact and {@code scope}" across a merge without losing any: a row of
 * the absorbed contact whose scope the survivor already has stays with the survivor but is <em>held for</em> the
 * absorbed contact (column {@code held_for}), invisible to everything that reads the survivor's own rows. Undo
 * gives every moved row back and releases what was held for the restored contact. Rows held for someone else (from
 * an earlier merge into the absorbed contact) keep being held.
 */
abstract class HeldRows implements ContactReferences {

	private final JdbcClient jdbc;
	private final String key;
	private final String table;
	private final String scope;

	HeldRows(JdbcClient jdbc, String key, String table, String scope) {
		this.jdbc = jdbc;
		this.key = key;
		this.table = table;
		this.scope = scope;
	}

	@Override
	public String key() {
		return key;
	}

	@Override
	public Set<String> tables() {
		return Set.of(table);
	}

	@Override
	public List<RecordId> move(UUID workspaceId, ContactId fromContact, ContactId toContact) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		return jdbc.sql("update " + table + " f set contact_id = ?, held_for = case when f.held_for is null and exists ("
				+ "select 1 from " + table + " t where t.contact_id = ? and t." + scope + " = f." + scope
				+ " and t.held_for is null) then ? else f.held_for end"
				+ " where f.contact_id = ? and f.workspace_id = ? returning f.id")
			.params(to, to, from, from, workspaceId)
			.query((rs, n) -> RecordId.of(rs.getObject(1, UUID.class)))
			.list();
	}

	@Override
	public int restore(UUID workspaceId, ContactId fromContact, ContactId toContact, List<RecordId> moved) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		return jdbc.sql("update " + table + " set contact_id = ?, held_for = case when held_for = ? then null else held_for end"
				+ " where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
			.params(from, from, RecordId.values(moved), to, workspaceId)
			.update();
	}
}
