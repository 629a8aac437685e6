package org.rapport.channels.email;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Quarantined mails are personal data of everyone they mention: an access request lists those that name one of the
 * person's identifiers (in the raw mail, its id or the reason), and an erasure deletes them.
 */
@Component
class QuarantinePersonalData implements PersonalData {

	private static final String MENTIONING = """
			from quarantine q where q.workspace_id = ? and exists (
			  select 1 from unnest(?::text[]) as v(identifier)
			  where position(lower(v.identifier) in lower(coalesce(encode(q.raw, 'escape'), ''))) > 0
			     or position(lower(v.identifier) in lower(coalesce(q.external_id, '') || ' ' || q.reason)) > 0)""";

	private final JdbcClient jdbc;
	private final Contacts contacts;

	QuarantinePersonalData(JdbcClient jdbc, Contacts contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	@Override
	public String key() {
		return "quarantine";
	}

	private String[] identifiers(UUID workspaceId, UUID contactId) {
		return contacts.get(workspaceId, ContactId.of(contactId)).identities().stream().map(Contact.Identity::value)
			.toArray(String[]::new);
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		String[] identifiers = identifiers(workspaceId, contactId);
		if (identifiers.length == 0) {
			return List.of();
		}
		return jdbc.sql("select q.external_id, q.reason, q.received_at " + MENTIONING + " order by q.received_at")
			.params(workspaceId, identifiers)
			.query((rs, n) -> Map.of("mail", String.valueOf(rs.getString(1)), "reason", rs.getString(2),
					"keptAt", rs.getTimestamp(3).toInstant()))
			.list();
	}

	@Override
	public List<Item> itemsOf(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		String[] identifiers = identifiers(workspaceId, contactId);
		if (identifiers.length == 0) {
			return List.of();
		}
		return jdbc.sql("select q.id, q.reason, q.received_at " + MENTIONING + " order by q.received_at")
			.params(workspaceId, identifiers)
			.query((rs, n) -> new Item("quarantined mail", RecordId.of(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getTimestamp(3).toInstant(), contact))
			.list();
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		String[] identifiers = identifiers(workspaceId, contactId);
		if (identifiers.length > 0) {
			jdbc.sql("delete " + MENTIONING).params(workspaceId, identifiers).update();
		}
	}
}
