package org.rapport.insights;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.ContactReferences;
import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Follows merges of contacts in the figures: the openings of the absorbed contact's conversations count for the
 * contact that was kept (segments, attribution), and go back when the merge is undone. Remembers conversation ids.
 */
@Component
class OpeningContacts implements ContactReferences {

	private final JdbcClient jdbc;

	OpeningContacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "insight-openings";
	}

	@Override
	public Set<String> tables() {
		return Set.of("insight_openings");
	}

	@Override
	public List<RecordId> move(UUID workspaceId, ContactId fromContact, ContactId toContact) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		return jdbc.sql("""
				update insight_openings set contact_id = ? where contact_id = ? and workspace_id = ?
				returning conversation_id""")
			.params(to, from, workspaceId)
			.query((rs, n) -> RecordId.of(rs.getObject(1, UUID.class)))
			.list()
			.stream()
			.distinct()
			.toList();
	}

	@Override
	public int restore(UUID workspaceId, ContactId fromContact, ContactId toContact, List<RecordId> moved) {
		UUID from = fromContact.value();
		UUID to = toContact.value();
		return jdbc.sql("""
				update insight_openings set contact_id = ? where workspace_id = ? and contact_id = ?
				  and conversation_id = any(?::uuid[])""")
			.params(from, workspaceId, to, RecordId.values(moved))
			.update();
	}
}
