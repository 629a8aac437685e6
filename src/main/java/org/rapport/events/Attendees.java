package org.rapport.events;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.platform.ContactId;
import org.rapport.platform.UuidOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who of the workspace's contacts attends an event. A contact attends an event at most once. */
@Component
public class Attendees {

	private final JdbcClient jdbc;
	private final Events events;
	private final Contacts contacts;
	private final ContactNames contactNames;

	Attendees(JdbcClient jdbc, Events events, Contacts contacts, ContactNames contactNames) {
		this.jdbc = jdbc;
		this.events = events;
		this.contacts = contacts;
		this.contactNames = contactNames;
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
	public Added add(UUID workspaceId, UUID eventId, ContactId contact, String organisation, String role, String source) {
		UUID contactId = contact == null ? null : contact.value();
		if (contactId == null) {
			throw new IllegalArgumentException("Send the contactId of the contact who attends.");
		}
		events.get(workspaceId, eventId);
		contacts.get(workspaceId, contact);
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

	/** The event's attendees by name, each contact once (with the row of its first addition). */
	public List<Attendee> of(UUID workspaceId, UUID eventId) {
		events.get(workspaceId, eventId);
		List<Attendee> first = jdbc.sql("""
				select distinct on (a.contact_id) a.id, a.contact_id, a.organisation, a.role, a.source, a.added_at
				from event_attendees a where a.event_id = ? and a.workspace_id = ? order by a.contact_id, a.added_at""")
			.params(eventId, workspaceId)
			.query((rs, n) -> new Attendee(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), null,
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
		ContactNames.Names names = contactNames.of(workspaceId, first.stream().map(Attendee::contactId).toList());
		return first.stream()
			.filter(a -> names.has(a.contactId()))
			.map(a -> new Attendee(a.id(), a.contactId(), names.of(a.contactId()), a.organisation(), a.role(),
					a.source(), a.addedAt()))
			.sorted(Comparator.comparing(Attendee::contactId, names.alphabetical().thenComparing(UuidOrder.DATABASE)))
			.toList();
	}

	public boolean attends(UUID workspaceId, UUID eventId, UUID contactId) {
		return find(workspaceId, eventId, contactId).isPresent();
	}

	Optional<Attendee> find(UUID workspaceId, UUID eventId, UUID contactId) {
		Optional<String> name = contacts.find(workspaceId, ContactId.of(contactId)).map(Contact::name);
		if (name.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select a.id, a.contact_id, a.organisation, a.role, a.source, a.added_at from event_attendees a
				where a.event_id = ? and a.contact_id = ? and a.workspace_id = ? order by a.added_at limit 1""")
			.params(eventId, contactId, workspaceId)
			.query((rs, n) -> new Attendee(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), name.get(),
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
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
