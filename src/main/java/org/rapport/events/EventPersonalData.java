package org.rapport.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.rapport.contacts.PersonalData;
import org.rapport.platform.Members;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The events a person attended and the meetings planned and logged with them, for access requests and erasure. */
@Component
class EventPersonalData implements PersonalData {

	private final JdbcClient jdbc;
	private final Members members;

	EventPersonalData(JdbcClient jdbc, Members members) {
		this.jdbc = jdbc;
		this.members = members;
	}

	@Override
	public String key() {
		return "events";
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("attendances", jdbc.sql("""
				select e.id, e.name, e.kind, e.starts_at, e.ends_at, e.place, e.city, a.organisation, a.role, a.source, a.added_at
				from event_attendees a join events e on e.id = a.event_id
				where a.workspace_id = ? and a.contact_id = ? order by e.starts_at, a.added_at""")
			.params(workspaceId, contactId)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("eventId", rs.getObject(1, UUID.class));
				row.put("event", rs.getString(2));
				row.put("kind", rs.getString(3));
				row.put("startsAt", rs.getTimestamp(4).toInstant());
				row.put("endsAt", rs.getTimestamp(5).toInstant());
				row.put("place", rs.getString(6));
				row.put("city", rs.getString(7));
				row.put("organisation", rs.getString(8));
				row.put("role", rs.getString(9));
				row.put("source", rs.getString(10));
				row.put("addedAt", rs.getTimestamp(11).toInstant());
				return row;
			})
			.list());
		List<Map<String, Object>> meetings = jdbc.sql("""
				select m.id, e.name, m.at, m.place, m.member_id, m.goal, m.outcome, m.summary, m.logged_at
				from event_meetings m join events e on e.id = m.event_id
				where m.workspace_id = ? and m.contact_id = ? order by m.at, m.id""")
			.params(workspaceId, contactId)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("id", rs.getObject(1, UUID.class));
				row.put("event", rs.getString(2));
				row.put("at", rs.getTimestamp(3).toInstant());
				row.put("place", rs.getString(4));
				row.put("member", rs.getObject(5, UUID.class));
				row.put("goal", rs.getString(6));
				row.put("outcome", rs.getString(7));
				row.put("summary", rs.getString(8));
				row.put("loggedAt", rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant());
				return row;
			})
			.list();
		// The member's name (a former member's too; "" for none), asked for all meetings at once.
		Map<UUID, String> memberNames = members.displayNames(meetings.stream()
			.map(m -> (UUID) m.get("member"))
			.filter(Objects::nonNull)
			.collect(Collectors.toSet()));
		meetings.forEach(m -> m.put("member", m.get("member") == null ? "" : memberNames.getOrDefault((UUID) m.get("member"), "")));
		data.put("meetings", meetings);
		return data;
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		jdbc.sql("delete from event_meetings where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		jdbc.sql("delete from event_attendees where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
	}

	@Override
	public Map<ContactId, Instant> lastActivity(UUID workspaceId) {
		Map<ContactId, Instant> last = new HashMap<>();
		jdbc.sql("""
				select contact_id, max(at) from (
				  select m.contact_id, m.at from event_meetings m where m.workspace_id = ? and m.outcome = 'met'
				  union all
				  select a.contact_id, least(e.ends_at, now()) from event_attendees a join events e on e.id = a.event_id
				  where a.workspace_id = ?) x
				group by contact_id""")
			.params(workspaceId, workspaceId)
			.query(rs -> {
				last.put(ContactId.of(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
			});
		return last;
	}

	@Override
	public List<Item> itemsOf(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		return jdbc.sql("""
				(select 'event_attendance' as type, a.id, e.name as label, least(e.ends_at, now()) as last from event_attendees a
				 join events e on e.id = a.event_id where a.workspace_id = ? and a.contact_id = ?)
				union all
				(select 'event_meeting', m.id, e.name, m.at from event_meetings m
				 join events e on e.id = m.event_id where m.workspace_id = ? and m.contact_id = ?)
				order by last""")
			.params(workspaceId, contactId, workspaceId, contactId)
			.query((rs, n) -> new Item(rs.getString(1), RecordId.of(rs.getObject(2, UUID.class)), rs.getString(3),
					rs.getTimestamp(4).toInstant(), contact))
			.list();
	}
}
