package org.rapport.inbox;

import org.rapport.contacts.RowsOfContact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Moves a contact's conversations, with their messages, when contacts are merged, and back on undo. */
@Component
class InboxContactReferences extends RowsOfContact {

	InboxContactReferences(JdbcClient jdbc) {
		super(jdbc, "conversations", "conversations");
	}
}
