package org.rapport.inbox;

import java.util.List;
import java.util.UUID;

import org.rapport.contacts.TimelineItem;
import org.rapport.contacts.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Puts every message and logged activity of a contact's conversations on the contact's timeline. */
@Component
class InboxTimeline implements TimelineSource {

	private final JdbcClient jdbc;

	InboxTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, UUID contactId, int limit) {
		return jdbc.sql("""
				select m.sent_at, m.kind, coalesce(m.activity_kind, ch.kind) as channel, m.direction,
				  coalesce(nullif(m.subject, ''), c.subject) as title, left(m.body_text, 200) as excerpt, c.id
				from conversations c join messages m on m.conversation_id = c.id join channels ch on ch.id = c.channel_id
				where c.contact_id = ? and c.workspace_id = ?
				order by m.sent_at desc limit ?""")
			.params(contactId, workspaceId, limit)
			.query((rs, n) -> new TimelineItem(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), InboxWriter.preview(rs.getString(6)), rs.getObject(7, UUID.class)))
			.list();
	}
}
