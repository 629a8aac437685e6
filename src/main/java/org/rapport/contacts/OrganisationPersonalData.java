package org.rapport.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A contact's roles in organisations and custom field values, for access requests and erasure. Roles and values
 * held from a merged contact (see {@link HeldRows}) are stored about this person too, so they are exported and
 * erased with it.
 */
@Component
class OrganisationPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	OrganisationPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "organisations";
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("roles", roles(workspaceId, contactId, false));
		data.put("customFields", values(workspaceId, contactId, false));
		List<Map<String, Object>> heldRoles = roles(workspaceId, contactId, true);
		if (!heldRoles.isEmpty()) {
			data.put("rolesHeldFromMerge", heldRoles);
		}
		List<Map<String, Object>> heldValues = values(workspaceId, contactId, true);
		if (!heldValues.isEmpty()) {
			data.put("customFieldsHeldFromMerge", heldValues);
		}
		return data;
	}

	private List<Map<String, Object>> roles(UUID workspaceId, UUID contactId, boolean held) {
		return jdbc.sql("""
				select o.name, o.kind, m.role, m.since, m.until from organisation_members m
				join organisations o on o.id = m.organisation_id
				where m.workspace_id = ? and m.contact_id = ? and (m.held_for is not null) = ? order by lower(o.name), m.id""")
			.params(workspaceId, contactId, held)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("organisation", rs.getString(1));
				row.put("kind", rs.getString(2));
				row.put("role", rs.getString(3));
				row.put("since", rs.getString(4));
				row.put("until", rs.getString(5));
				return row;
			})
			.list();
	}

	private List<Map<String, Object>> values(UUID workspaceId, UUID contactId, boolean held) {
		return jdbc.sql("""
				select f.key, f.label, v.value from contact_field_values v join custom_fields f on f.id = v.field_id
				where v.workspace_id = ? and v.contact_id = ? and (v.held_for is not null) = ? order by f.created_at, f.key, v.id""")
			.params(workspaceId, contactId, held)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("key", rs.getString(1));
				row.put("label", rs.getString(2));
				row.put("value", rs.getString(3));
				return row;
			})
			.list();
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		for (String table : List.of("organisation_members", "contact_field_values")) {
			jdbc.sql("delete from " + table + " where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		}
	}
}
