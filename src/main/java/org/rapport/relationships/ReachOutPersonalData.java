package org.rapport.relationships;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.contacts.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reminders about a contact, what we gave them (introductions from either side) and reach-out dismissals, for access
 * requests and erasure. Erasing a person removes introductions that name them on either side: the other person's
 * timeline loses that entry, since it would still say whom they were introduced to.
 */
@Component
class ReachOutPersonalData implements PersonalData {

	record ExportedReminder(UUID id, String note, Instant dueAt, Integer everyWeeks, Instant createdAt, Instant doneAt,
			Instant mailedAt) {
	}

	record ExportedGift(UUID id, String kind, String introducedTo, String introducedBy, String url, String note,
			Instant occurredAt, String recordedBy) {
	}

	private final JdbcClient jdbc;
	private final Gifts gifts;

	ReachOutPersonalData(JdbcClient jdbc, Gifts gifts) {
		this.jdbc = jdbc;
		this.gifts = gifts;
	}

	@Override
	public String key() {
		return "reachOut";
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		Map<String, Object> data = new LinkedHashMap<>();
		List<ExportedReminder> all = jdbc.sql("""
				select id, note, due_at, every_weeks, created_at, done_at, mailed_at from reminders
				where workspace_id = ? and contact_id = ? order by created_at, id""")
			.params(workspaceId, contactId)
			.query((rs, n) -> new ExportedReminder(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
					(Integer) rs.getObject(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
					instant(rs.getTimestamp(7))))
			.list();
		data.put("reminders", all);
		data.put("gifts", gifts.of(workspaceId, contactId, 100_000).reversed().stream()
			.map(g -> new ExportedGift(g.id(), g.kind(),
					g.kind().equals("introduction") && g.contactId().equals(contactId) ? g.otherContactName() : null,
					g.kind().equals("introduction") && !g.contactId().equals(contactId) ? g.contactName() : null, g.url(),
					g.note(), g.occurredAt(), g.byName()))
			.toList());
		data.put("reachOutDismissedUntil", jdbc.sql("""
				select max(until) from reach_out_dismissals where workspace_id = ? and contact_id = ?""")
			.params(workspaceId, contactId)
			.query((rs, n) -> instant(rs.getTimestamp(1)))
			.optional()
			.orElse(null));
		return data;
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		jdbc.sql("delete from gifts where workspace_id = ? and (contact_id = ? or other_contact_id = ?)")
			.params(workspaceId, contactId, contactId)
			.update();
		jdbc.sql("delete from reminders where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		jdbc.sql("delete from reach_out_dismissals where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
	}

	/** Giving counts as something happening with a person, for retention. */
	@Override
	public Map<ContactId, Instant> lastActivity(UUID workspaceId) {
		Map<ContactId, Instant> last = new HashMap<>();
		jdbc.sql("""
				select c, max(at) from (
				  select contact_id as c, occurred_at as at from gifts where workspace_id = ?
				  union all
				  select other_contact_id, occurred_at from gifts where workspace_id = ? and other_contact_id is not null) g
				group by c""")
			.params(workspaceId, workspaceId)
			.query(rs -> {
				last.put(ContactId.of(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
			});
		return last;
	}

	private static Instant instant(java.sql.Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
