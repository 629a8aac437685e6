package org.rapport.relationships;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.ContactReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves reminders and reach-out dismissals when contacts are merged, and exactly those rows back on undo. Ids of
 * both tables are random UUIDs, so one list serves both.
 */
@Component
class ReminderReferences implements ContactReferences {

	private final JdbcClient jdbc;

	ReminderReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "reminders";
	}

	@Override
	public Set<String> tables() {
		return Set.of("reminders", "reach_out_dismissals");
	}

	@Override
	public List<UUID> move(UUID workspaceId, UUID from, UUID to) {
		List<UUID> moved = new ArrayList<>();
		for (String table : List.of("reminders", "reach_out_dismissals")) {
			moved.addAll(jdbc.sql("update " + table + " set contact_id = ? where contact_id = ? and workspace_id = ? returning id")
				.params(to, from, workspaceId)
				.query(UUID.class)
				.list());
		}
		return moved;
	}

	@Override
	public int restore(UUID workspaceId, UUID from, UUID to, List<UUID> moved) {
		int back = 0;
		for (String table : List.of("reminders", "reach_out_dismissals")) {
			back += jdbc.sql("update " + table + " set contact_id = ? where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
				.params(from, moved.toArray(UUID[]::new), to, workspaceId)
				.update();
		}
		return back;
	}
}
