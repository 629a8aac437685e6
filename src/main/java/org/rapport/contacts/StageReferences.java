package org.rapport.contacts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stages when contacts are merged: the absorbed contact's history and dismissed proposals move to the survivor;
 * the survivor keeps its own stage, or takes the absorbed one's if it had none. Undo moves the history back and
 * sets each contact's stage from its own latest change again.
 */
@Component
class StageReferences implements ContactReferences {

	private final JdbcClient jdbc;

	StageReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "stages";
	}

	@Override
	public Set<String> tables() {
		return Set.of("contact_stages", "stage_changes", "stage_dismissals");
	}

	@Override
	public List<RecordId> move(UUID workspaceId, ContactId fromContact, ContactId toContact) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		List<RecordId> changes = jdbc.sql("update stage_changes set contact_id = ? where contact_id = ? and workspace_id = ? returning id")
			.params(to, from, workspaceId)
			.query((rs, n) -> RecordId.of(rs.getObject(1, UUID.class)))
			.list();
		jdbc.sql("""
				update contact_stages set contact_id = ? where contact_id = ? and workspace_id = ?
				  and not exists (select 1 from contact_stages s where s.contact_id = ?)""")
			.params(to, from, workspaceId, to)
			.update();
		jdbc.sql("""
				update stage_dismissals d set contact_id = ? where d.contact_id = ? and d.workspace_id = ?
				  and not exists (select 1 from stage_dismissals e where e.contact_id = ? and e.to_stage = d.to_stage
				                  and e.evidence = d.evidence)""")
			.params(to, from, workspaceId, to)
			.update();
		return changes;
	}

	@Override
	public int restore(UUID workspaceId, ContactId fromContact, ContactId toContact, List<RecordId> moved) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		int back = jdbc.sql("update stage_changes set contact_id = ? where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?")
			.params(from, RecordId.values(moved), to, workspaceId)
			.update();
		for (UUID contact : List.of(from, to)) {
			var latest = jdbc.sql("select to_stage, at from stage_changes where contact_id = ? order by at desc limit 1")
				.param(contact)
				.query((rs, n) -> new Object[] { rs.getString(1), rs.getTimestamp(2) })
				.optional();
			if (latest.isPresent()) {
				jdbc.sql("""
						insert into contact_stages(contact_id, workspace_id, stage, changed_at) values (?, ?, ?, ?)
						on conflict (contact_id) do update set stage = excluded.stage, changed_at = excluded.changed_at""")
					.params(contact, workspaceId, latest.get()[0], latest.get()[1])
					.update();
			}
			else if (contact.equals(to)) {
				jdbc.sql("delete from contact_stages where contact_id = ? and workspace_id = ?").params(contact, workspaceId).update();
			}
		}
		return back;
	}
}
