package org.rapport.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.ContactReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves a contact's event attendances and meetings when contacts are merged, and exactly those rows back on undo.
 * If both contacts attended the same event, both rows move (the attendee list shows the survivor once), so that
 * undo can give each contact its own back.
 */
@Component
class EventContactReferences implements ContactReferences {

	private final JdbcClient jdbc;

	EventContactReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "events";
	}

	@Override
	public Set<String> tables() {
		return Set.of("event_attendees", "event_meetings");
	}

	@Override
	public List<UUID> move(UUID workspaceId, UUID from, UUID to) {
		List<UUID> moved = new ArrayList<>();
		for (String table : List.of("event_attendees", "event_meetings")) {
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
		for (String table : List.of("event_attendees", "event_meetings")) {
			back += jdbc.sql("update " + table + " set contact_id = ? where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
				.params(from, moved.toArray(UUID[]::new), to, workspaceId)
				.update();
		}
		return back;
	}
}
