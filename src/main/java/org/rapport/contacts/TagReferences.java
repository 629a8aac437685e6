package org.rapport.contacts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves tags when contacts are merged: the survivor gets every tag it did not have yet. A tag both contacts had
 * stays with the survivor only, also after the merge is undone.
 */
@Component
class TagReferences implements ContactReferences {

	private final JdbcClient jdbc;

	TagReferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "tags";
	}

	@Override
	public Set<String> tables() {
		return Set.of("contact_tags");
	}

	@Override
	public List<RecordId> move(UUID workspaceId, ContactId fromContact, ContactId toContact) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		return jdbc.sql("""
				update contact_tags f set contact_id = ? where f.contact_id = ? and f.workspace_id = ?
				  and not exists (select 1 from contact_tags t where t.contact_id = ? and t.tag = f.tag)
				returning f.id""")
			.params(to, from, workspaceId, to)
			.query((rs, n) -> RecordId.of(rs.getObject(1, UUID.class)))
			.list();
	}

	@Override
	public int restore(UUID workspaceId, ContactId fromContact, ContactId toContact, List<RecordId> moved) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		return jdbc.sql("""
				update contact_tags set contact_id = ?
				where id = any(?::uuid[]) and contact_id = ? and workspace_id = ?
				  and not exists (select 1 from contact_tags t where t.contact_id = ? and t.tag = contact_tags.tag)""")
			.params(from, RecordId.values(moved), to, workspaceId, from)
			.update();
	}
}
