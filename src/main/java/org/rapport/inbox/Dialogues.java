package org.rapport.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the inbox knows of the dialogue with each of a set of contacts: how many conversations, how many messages,
 * whether a contact wrote and whether the team answered. For modules that rank or weigh many contacts at once (whom
 * to meet at an event, whom to reach out to) without reading the inbox's tables: one query for the whole set, however
 * large.
 */
@Component
public class Dialogues {

	/**
	 * The dialogue with one contact, over all the contact's conversations in the workspace.
	 *
	 * @param conversations how many conversations there are with the contact
	 * @param openConversations how many of them wait for us or for them ({@code open} or {@code pending}; not snoozed,
	 *        not done)
	 * @param messages how many messages the conversations hold together
	 * @param firstWritten when the contact first wrote to us, {@code null} if never
	 * @param lastAnswered when the team last replied in a conversation after the contact had written in it (a two-way
	 *        exchange), {@code null} if never
	 * @param lastMessageAt when the last message of any of the conversations came or went, {@code null} without one
	 */
	public record Dialogue(UUID contactId, int conversations, int openConversations, long messages,
			Instant firstWritten, Instant lastAnswered, Instant lastMessageAt) {

		/** The dialogue with a contact nobody has a conversation with. */
		public static Dialogue none(UUID contactId) {
			return new Dialogue(contactId, 0, 0, 0, null, null, null);
		}

		/** Whether the contact wrote and the team answered, at any time. */
		public boolean twoWay() {
			return lastAnswered != null;
		}
	}

	private final JdbcClient jdbc;

	Dialogues(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The dialogues with the given contacts of the workspace, by contact. Contacts without any conversation are left
	 * out (see {@link Dialogue#none}); contacts of other workspaces are never counted.
	 */
	public Map<ContactId, Dialogue> of(UUID workspaceId, Collection<ContactId> contacts) {
		Collection<UUID> contactIds = contacts.stream().map(ContactId::value).toList();
		Map<ContactId, Dialogue> dialogues = new HashMap<>();
		if (contactIds.isEmpty()) {
			return dialogues;
		}
		// "After the contact had written" goes by the order messages were stored in (seq), per conversation.
		jdbc.sql("""
				select c.contact_id, count(*) as conversations,
				  count(*) filter (where c.status in ('open', 'pending')) as open_count,
				  coalesce(sum(c.message_count), 0) as messages, min(f.first_at) as first_written,
				  max(a.last_reply) as last_answered, max(c.last_message_at) as last_message_at
				from conversations c
				cross join lateral (select min(i.seq) as first_in, min(i.sent_at) as first_at from messages i
				  where i.conversation_id = c.id and i.kind = 'message' and i.direction = 'in') f
				cross join lateral (select max(r.sent_at) as last_reply from messages r
				  where r.conversation_id = c.id and r.kind = 'reply' and r.direction = 'out' and r.seq > f.first_in) a
				where c.workspace_id = ? and c.contact_id = any(?)
				group by c.contact_id""")
			.params(workspaceId, contactIds.stream().distinct().toArray(UUID[]::new))
			.query(rs -> {
				UUID contactId = rs.getObject("contact_id", UUID.class);
				dialogues.put(new ContactId(contactId), new Dialogue(contactId, rs.getInt("conversations"), rs.getInt("open_count"),
						rs.getLong("messages"), instant(rs.getTimestamp("first_written")),
						instant(rs.getTimestamp("last_answered")), instant(rs.getTimestamp("last_message_at"))));
			});
		return dialogues;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
