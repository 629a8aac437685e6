package org.rapport.relationships;

import org.rapport.contacts.RowsOfContact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves gifts when contacts are merged, in both columns that name a contact: what was given to the absorbed
 * contact ({@code contact_id}, key {@code gifts}) and introductions of others to them ({@code other_contact_id}, key
 * {@code introductions}, a second bean below). Undo moves exactly those rows back.
 */
@Component
class GiftReferences extends RowsOfContact {

	GiftReferences(JdbcClient jdbc) {
		super(jdbc, "gifts", "gifts");
	}

	/** The other side of introductions. */
	@Component
	static class Introductions extends RowsOfContact {

		Introductions(JdbcClient jdbc) {
			super(jdbc, "introductions", "other_contact_id", java.util.List.of("gifts"));
		}
	}
}
