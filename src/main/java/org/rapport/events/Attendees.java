package org.rapport.events;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.contacts.Contacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who of the workspace's contacts attends an event. A contact attends an event at most once. */
@Component
public class Attendees {

	private final JdbcClient jdbc;
	private final Events events;
	private final Contacts contacts;

	Attendees(JdbcClient jdbc, Events events, Contacts contacts) {
		this.jdbc = jdbc;
		this.events = events;
		this.contacts = contacts;
	}

	/** The result of adding: the attendee, and whether it was new. */
	public record Added(Attendee attendee, boolean created) {
	}

	/**
	 * Adds a contact of the workspace to the event; adding one who already attends changes nothing.
	 *
	 * @throws org.rapport.platform.NotFoundException when the event or the contact is not in the workspace
	 */
	@Transactional
	public Added add(UUID workspaceId, UUID eventId, UUID contactId, String organisation, String role, String source) {
		if (contactId == null) {
			throw new IllegalArgumentException("Send the contactId of the contact who attends.");
		}
		events.get(workspaceId, eventId);
		contacts.get(workspaceId, contactId);
		// One addition per event at a time, so that two requests cannot add the same contact twice.
		jdbc.sql("select id from events where id = ? for update").param(eventId).query(UUID.class).single();
		Optional<Attendee> existing = find(workspaceId, eventId, contactId);
		if (existing.isPresent()) {
			return new Added(existing.get(), false);
		}
		jdbc.sql("""
				insert into event_attendees(id, workspace_id, event_id, contact_id, organisation, role, source)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, eventId, contactId, limit(organisation, 300), limit(role, 300),
					source)
			.update();
		return new Added(find(workspaceId, eventId, contactId).orElseThrow(), true);
	}

	/** Removes a contact from the event's attendees, with the meetings planned with them that were not logged. */
	@Transactional
	public void remove(UUID workspaceId, UUID eventId, UUID contactId) {
		events.get(workspaceId, eventId);
		int removed = jdbc.sql("delete from event_attendees where event_id = ? and contact_id = ? and workspace_id = ?")
			.params(eventId, contactId, workspaceId)
			.update();
		if (removed == 0) {
			throw new org.rapport.platform.NotFoundException("Contact " + contactId + " does not attend this event.");
		}
		jdbc.sql("delete from event_meetings where event_id = ? and contact_id = ? and outcome is null")
			.params(eventId, contactId)
			.update();
	}

	public List<Attendee> of(UUID workspaceId, UUID eventId) {
		events.get(workspaceId, eventId);
		return jdbc.sql("""
				select distinct on (lower(c.name), c.id) a.id, a.contact_id, c.name, a.organisation, a.role, a.source, a.added_at
				from event_attendees a join contacts c on c.id = a.contact_id
				where a.event_id = ? and a.workspace_id = ? order by lower(c.name), c.id, a.added_at""")
			.params(eventId, workspaceId)
			.query((rs, n) -> new Attendee(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
	}

	public boolean attends(UUID workspaceId, UUID eventId, UUID contactId) {
		return find(workspaceId, eventId, contactId).isPresent();
	}

	Optional<Attendee> find(UUID workspaceId, UUID eventId, UUID contactId) {
		return jdbc.sql("""
				select a.id, a.contact_id, c.name, a.organisation, a.role, a.source, a.added_at
				from event_attendees a join contacts c on c.id = a.contact_id
				where a.event_id = ? and a.contact_id = ? and a.workspace_id = ? order by a.added_at limit 1""")
			.params(eventId, contactId, workspaceId)
			.query((rs, n) -> new Attendee(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.optional();
	}

	static String limit(String value, int max) {
		String v = value == null ? "" : value.strip();
		if (v.length() > max) {
			throw new IllegalArgumentException("'" + v.substring(0, 40) + "…' is too long: at most " + max + " characters.");
		}
		return v;
	}
}
