package org.rapport.relationships;

import org.rapport.contacts.RowsOfContact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves reminders and reach-out dismissals when contacts are merged, and exactly those rows back on undo. Ids of
 * both tables are random UUIDs, so one list serves both.
 */
@Component
class ReminderReferences extends RowsOfContact {

	ReminderReferences(JdbcClient jdbc) {
		super(jdbc, "reminders", "reminders", "reach_out_dismissals");
	}
}
