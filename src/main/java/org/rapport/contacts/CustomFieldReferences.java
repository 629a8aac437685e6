package org.rapport.contacts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Custom field values when contacts are merged: the survivor takes every value it has none of; where both had a
 * value, the survivor keeps its own and the other is held until an undo gives it back.
 */
@Component
class CustomFieldReferences extends HeldRows {

	CustomFieldReferences(JdbcClient jdbc) {
		super(jdbc, "custom_fields", "contact_field_values", "field_id");
	}
}
