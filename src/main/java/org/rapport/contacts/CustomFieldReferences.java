package org.rapport.contacts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Custom field values when contacts are merged: the survivor takes every value it has none of; where both had a
 * value, the survivor keeps its own and the other is held until an undo gives it back.
 */
@Component
class CustomFieldReferences implements ContactReferences {

	private final HeldRows rows;

	CustomFieldReferences(JdbcClient jdbc) {
		this.rows = new HeldRows(jdbc, "contact_field_values", "field_id");
	}

	@Override
	public String key() {
		return "custom_fields";
	}

	@Override
	public Set<String> tables() {
		return Set.of("contact_field_values");
	}

	@Override
	public List<UUID> move(UUID workspaceId, UUID from, UUID to) {
		return rows.move(workspaceId, from, to);
	}

	@Override
	public int restore(UUID workspaceId, UUID from, UUID to, List<UUID> moved) {
		return rows.restore(workspaceId, from, to, moved);
	}
}
