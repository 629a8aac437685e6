package org.rapport.contacts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A contact's tags, relationship stage and stage history, for access requests and erasure. */
@Component
class RelationshipPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	RelationshipPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "relationship";
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("tags", jdbc.sql("select tag from contact_tags where workspace_id = ? and contact_id = ? order by tag")
			.params(workspaceId, contactId).query(String.class).list());
		data.put("stage", jdbc.sql("select stage from contact_stages where workspace_id = ? and contact_id = ?")
			.params(workspaceId, contactId).query(String.class).optional().orElse(null));
		List<Map<String, Object>> history = jdbc.sql("""
				select from_stage, to_stage, at, by_name, reason from stage_changes
				where workspace_id = ? and contact_id = ? order by at""")
			.params(workspaceId, contactId)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("from", rs.getString(1));
				row.put("to", rs.getString(2));
				row.put("at", rs.getTimestamp(3).toInstant());
				row.put("by", rs.getString(4));
				row.put("reason", rs.getString(5));
				return row;
			})
			.list();
		data.put("stageHistory", history);
		return data;
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		for (String table : List.of("contact_tags", "contact_stages", "stage_changes", "stage_dismissals")) {
			jdbc.sql("delete from " + table + " where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		}
	}
}
