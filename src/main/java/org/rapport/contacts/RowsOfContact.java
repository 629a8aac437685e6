package org.rapport.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plain way to follow a merge: tables whose rows have an {@code id}, a {@code workspace_id} and one
 * {@code contact_id} (or another column naming a contact), and belong wholly to that contact. A merge moves the rows over and remembers their ids; undo
 * moves exactly those back. Modules with such tables extend this and name them; tables where two contacts'
 * rows may collide, or that point at a contact twice, implement {@link ContactReferences} themselves.
 */
public abstract class RowsOfContact implements ContactReferences {

	private final JdbcClient jdbc;
	private final String key;
	private final String column;
	private final List<String> tables;

	protected RowsOfContact(JdbcClient jdbc, String key, String... tables) {
		this(jdbc, key, "contact_id", List.of(tables));
	}

	/** For tables that point at a contact in another column, e.g. the other person of an introduction. */
	protected RowsOfContact(JdbcClient jdbc, String key, String column, List<String> tables) {
		this.jdbc = jdbc;
		this.key = key;
		this.column = column;
		this.tables = List.copyOf(tables);
	}

	@Override
	public String key() {
		return key;
	}

	@Override
	public Set<String> tables() {
		return Set.copyOf(tables);
	}

	@Override
	public List<RecordId> move(UUID workspaceId, ContactId fromContact, ContactId toContact) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		List<RecordId> moved = new ArrayList<>();
		for (String table : tables) {
			moved.addAll(jdbc.sql("update " + table + " set " + column + " = ? where " + column + " = ? and workspace_id = ? returning id")
				.params(to, from, workspaceId)
				.query((rs, n) -> RecordId.of(rs.getObject(1, UUID.class)))
				.list());
		}
		return moved;
	}

	@Override
	public int restore(UUID workspaceId, ContactId fromContact, ContactId toContact, List<RecordId> moved) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		int back = 0;
		for (String table : tables) {
			back += jdbc.sql("update " + table + " set " + column + " = ? where id = any(?::uuid[]) and " + column + " = ? and workspace_id = ?")
				.params(from, RecordId.values(moved), to, workspaceId)
				.update();
		}
		return back;
	}
}
