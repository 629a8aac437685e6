package org.rapport.inbox;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.ContactConversations;
import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers the contacts module's questions about the conversations of contacts, one query each. */
@Component
class InboxContactConversations implements ContactConversations {

	private final JdbcClient jdbc;

	InboxContactConversations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Summary> newest(UUID workspaceId, Collection<ContactId> contactIds, int limit) {
		if (contactIds.isEmpty() || limit <= 0) {
			return List.of();
		}
		return jdbc.sql("""
				select cv.id, cv.contact_id, cv.channel_id, cv.subject, cv.status, cv.last_message_at from conversations cv
				where cv.workspace_id = ? and cv.contact_id = any(?)
				order by cv.last_message_at desc, cv.id desc limit ?""")
			.params(workspaceId, ContactId.values(contactIds), limit)
			.query((rs, n) -> new Summary(ConversationId.of(rs.getObject(1, UUID.class)),
					ContactId.of(rs.getObject(2, UUID.class)), ChannelId.of(rs.getObject(3, UUID.class)), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	@Override
	public Set<ContactId> contactsOnChannels(UUID workspaceId, Collection<ChannelId> channelIds) {
		if (channelIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("""
				select distinct cv.contact_id from conversations cv
				where cv.workspace_id = ? and cv.channel_id = any(?)""")
			.params(workspaceId, ChannelId.values(channelIds))
			.query((rs, n) -> ContactId.of(rs.getObject(1, UUID.class)))
			.list());
	}

	@Override
	public Set<ContactId> contactsWithOpenConversation(UUID workspaceId) {
		return new HashSet<>(jdbc.sql("select distinct cv.contact_id from conversations cv where cv.workspace_id = ? and cv.status = 'open'")
			.param(workspaceId)
			.query((rs, n) -> ContactId.of(rs.getObject(1, UUID.class)))
			.list());
	}

	@Override
	public Optional<LoggedActivity> newestActivity(UUID workspaceId, ContactId contactId, Collection<String> activityKinds,
			Collection<UUID> skippingMessages) {
		if (activityKinds.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select m.id, m.activity_kind, c.id, m.sent_at from conversations c join messages m on m.conversation_id = c.id
				where c.contact_id = ? and c.workspace_id = ? and m.kind = 'activity'
				  and m.activity_kind = any(cast(? as text[])) and not (m.id = any(cast(? as uuid[])))
				order by m.sent_at desc, m.seq desc limit 1""")
			.params(contactId.value(), workspaceId, activityKinds.toArray(String[]::new), ids(skippingMessages))
			.query((rs, n) -> new LoggedActivity(rs.getObject(1, UUID.class), rs.getString(2),
					ConversationId.of(rs.getObject(3, UUID.class)),
					rs.getTimestamp(4).toInstant()))
			.optional();
	}

	@Override
	public Optional<Exchange> newestExchange(UUID workspaceId, ContactId contactId,
			Collection<ConversationId> skippingConversations) {
		return jdbc.sql("""
				select c.id, x.last_reply from conversations c
				cross join lateral (select min(i.seq) as first_in from messages i
				  where i.conversation_id = c.id and i.kind = 'message' and i.direction = 'in') f
				cross join lateral (select max(r.sent_at) as last_reply from messages r
				  where r.conversation_id = c.id and r.kind = 'reply' and r.direction = 'out' and r.seq > f.first_in) x
				where c.contact_id = ? and c.workspace_id = ? and x.last_reply is not null
				  and not (c.id = any(?))
				order by x.last_reply desc limit 1""")
			.params(contactId.value(), workspaceId, ConversationId.values(skippingConversations))
			.query((rs, n) -> new Exchange(ConversationId.of(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant()))
			.optional();
	}

	private static String[] ids(Collection<UUID> ids) {
		return ids.stream().map(UUID::toString).toArray(String[]::new);
	}
}
