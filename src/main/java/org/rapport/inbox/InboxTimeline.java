package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.ChannelDirectory;
import org.rapport.contacts.TimelineItem;
import org.rapport.contacts.TimelineSource;
import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Puts every message and logged activity of a contact's conversations on the contact's timeline. */
@Component
class InboxTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final ChannelDirectory channels;

	InboxTimeline(JdbcClient jdbc, ChannelDirectory channels) {
		this.jdbc = jdbc;
		this.channels = channels;
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contactId, int limit) {
		return timeline(workspaceId, contactId, limit, null);
	}

	/**
	 * Reads each of the contact's conversations backwards from {@code before} along the index on
	 * {@code (conversation_id, sent_at)} and keeps the newest: a contact with 10,000 messages costs as many index
	 * steps as the page has items per conversation, not a sort of all 10,000.
	 * <p>
	 * The first page needs only the {@code limit} conversations with the newest {@code last_message_at}: that is
	 * never older than any of the conversation's messages, so a conversation further down cannot hold one of the
	 * newest {@code limit} messages. Older pages cannot prune that way and read every conversation of the contact.
	 * A message that is no logged activity shows its channel's kind, asked of the channels once for the page.
	 */
	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contact, int limit, Instant before) {
		UUID contactId = contact.value();
		Map<ChannelId, ChannelDirectory.Entry> kinds = channels.byId(workspaceId);
		return jdbc.sql("""
				select m.sent_at, m.kind, m.activity_kind, c.channel_id, m.direction,
				  coalesce(nullif(m.subject, ''), c.subject) as title, left(m.body_text, 200) as excerpt, c.id
				from (select c.id, c.subject, c.channel_id from conversations c
				  where c.contact_id = :contact and c.workspace_id = :ws
				  order by c.last_message_at desc limit (case when cast(:before as timestamptz) is null then :limit end)) c
				cross join lateral (
				  select m.sent_at, m.seq, m.kind, m.activity_kind, m.direction, m.subject, m.body_text from messages m
				  where m.conversation_id = c.id and m.sent_at < coalesce(cast(:before as timestamptz), 'infinity')
				  order by m.sent_at desc, m.seq desc limit :limit) m
				order by m.sent_at desc, m.seq desc limit :limit""")
			.param("before", before == null ? null : java.sql.Timestamp.from(before))
			.param("limit", limit)
			.param("contact", contactId)
			.param("ws", workspaceId)
			.query((rs, n) -> {
				String activity = rs.getString(3);
				ChannelDirectory.Entry channel = kinds.get(ChannelId.of(rs.getObject(4, UUID.class)));
				return new TimelineItem(rs.getTimestamp(1).toInstant(), rs.getString(2),
						activity != null ? activity : channel == null ? null : channel.kind(), rs.getString(5),
						rs.getString(6), InboxWriter.preview(rs.getString(7)), rs.getObject(8, UUID.class));
			})
			.list();
	}
}
