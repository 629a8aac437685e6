package org.rapport.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.contacts.TimelineItem;
import org.rapport.contacts.TimelineSource;
import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts a contact's event attendances (at the event's start) and meetings planned with them (at the meeting's time)
 * on the contact's timeline, as type {@code event} with channel {@code event_attendance} or
 * {@code event_meeting_planned}/{@code _met}/{@code _not_met}. A met meeting that was logged shows as its offline
 * activity (kind {@code event}) from the inbox instead, so that it is not on the timeline twice.
 */
@Component
class EventTimeline implements TimelineSource {

	private final JdbcClient jdbc;

	EventTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contactId, int limit) {
		return timeline(workspaceId, contactId, limit, null);
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contact, int limit, Instant before) {
		UUID contactId = contact.value();
		Timestamp cut = before == null ? null : Timestamp.from(before);
		return jdbc.sql("""
				(select e.starts_at as at, 'event_attendance' as channel, e.name as title,
				   concat_ws(' · ', e.name, nullif(e.place, ''), nullif(e.city, ''), nullif(a.role, ''), nullif(a.organisation, '')) as excerpt
				 from event_attendees a join events e on e.id = a.event_id
				 where a.contact_id = ? and a.workspace_id = ? and (?::timestamptz is null or e.starts_at < ?::timestamptz)
				 order by e.starts_at desc limit ?)
				union all
				(select m.at, 'event_meeting_' || coalesce(m.outcome, 'planned'), e.name,
				   concat_ws(' · ', e.name, nullif(m.place, ''), nullif(m.goal, ''), nullif(m.summary, ''))
				 from event_meetings m join events e on e.id = m.event_id
				 where m.contact_id = ? and m.workspace_id = ? and not (m.outcome = 'met' and m.message_id is not null)
				   and (?::timestamptz is null or m.at < ?::timestamptz)
				 order by m.at desc limit ?)
				order by at desc limit ?""")
			.params(contactId, workspaceId, cut, cut, limit, contactId, workspaceId, cut, cut, limit, limit)
			.query((rs, n) -> new TimelineItem(rs.getTimestamp(1).toInstant(), "event", rs.getString(2), "out",
					rs.getString(3), excerpt(rs.getString(4)), null))
			.list();
	}

	private static String excerpt(String text) {
		return text.length() > 200 ? text.substring(0, 199) + "…" : text;
	}
}
