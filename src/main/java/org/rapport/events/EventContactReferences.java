package org.rapport.events;

import org.rapport.contacts.RowsOfContact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves a contact's event attendances and meetings when contacts are merged, and exactly those rows back on undo.
 * If both contacts attended the same event, both rows move (the attendee list shows the survivor once), so that
 * undo can give each contact its own back.
 */
@Component
class EventContactReferences extends RowsOfContact {

	EventContactReferences(JdbcClient jdbc) {
		super(jdbc, "events", "event_attendees", "event_meetings");
	}
}
