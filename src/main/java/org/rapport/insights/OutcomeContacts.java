package org.rapport.insights;

import org.rapport.contacts.RowsOfContact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Moves a contact's outcomes when contacts are merged, and back on undo. */
@Component
class OutcomeContacts extends RowsOfContact {

	OutcomeContacts(JdbcClient jdbc) {
		super(jdbc, "outcomes", "outcomes");
	}
}
