package org.rapport.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dialogue with contacts in figures, for modules that weigh whom to get in touch with (reach-out, reminders, gift
 * suggestions): how much a contact wrote lately and how often they answered us, when we were last in touch, who is in
 * a two-way dialogue and which conversations wait for us. Each question is one query for the whole workspace or a
 * set of contacts; internal notes never count.
 */
@Component
public class ContactActivity {

	/**
	 * What a contact wrote in a recent window.
	 *
	 * @param inShort inbound messages in the short window
	 * @param inWindow inbound messages in the whole window
	 * @param lastIn the newest of them
	 * @param replies how many of them came after our first answer in their conversation
	 * @param repliedIn the conversation with such replies whose newest inbound message is the newest, {@code null}
	 *        without replies
	 */
	public record Recent(int inShort, int inWindow, Instant lastIn, int replies, UUID repliedIn) {
	}

	/** A conversation waiting for us. */
	public record OpenConversation(UUID id, String subject, Instant lastMessageAt) {
	}

	/** How many of a contact's conversations are open, and the newest of them. */
	public record Open(int count, List<OpenConversation> newest) {
	}

	private final JdbcClient jdbc;

	ContactActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Per contact that wrote to us in the {@code days} before {@code now} (in conversations active in that time): the
	 * {@link Recent} figures, with the short window the last {@code shortDays} days. Reads the recent conversations
	 * only, however many contacts the workspace has.
	 */
	public Map<ContactId, Recent> recent(UUID workspaceId, Instant now, int shortDays, int days) {
		Map<ContactId, Recent> recent = new HashMap<>();
		jdbc.sql("""
				with recent as (
				  select c.id, c.contact_id from conversations c
				  where c.workspace_id = :ws and c.contact_id is not null
				    and c.last_message_at >= cast(:now as timestamptz) - make_interval(days => :days)),
				per_conversation as (
				  select r.id, r.contact_id, s.in_short, s.in_window, s.last_in, s.replies
				  from recent r
				  cross join lateral (select min(o.sent_at) as first_out from messages o
				    where o.conversation_id = r.id and o.direction = 'out' and o.kind <> 'note') f
				  cross join lateral (
				    select count(*) filter (where m.sent_at >= cast(:now as timestamptz) - make_interval(days => :short)) as in_short,
				      count(*) as in_window, max(m.sent_at) as last_in,
				      count(*) filter (where m.sent_at > f.first_out) as replies
				    from messages m
				    where m.conversation_id = r.id and m.sent_at >= cast(:now as timestamptz) - make_interval(days => :days)
				      and m.sent_at <= cast(:now as timestamptz) and m.direction = 'in' and m.kind <> 'note') s
				  where s.in_window > 0)
				select p.contact_id, sum(p.in_short) as in_short, sum(p.in_window) as in_window, max(p.last_in) as last_in,
				  sum(p.replies) as replies,
				  (array_agg(p.id order by p.last_in desc) filter (where p.replies > 0))[1] as replied_in
				from per_conversation p group by p.contact_id""")
			.param("ws", workspaceId)
			.param("now", Timestamp.from(now))
			.param("short", shortDays)
			.param("days", days)
			.query(rs -> {
				recent.put(new ContactId(rs.getObject("contact_id", UUID.class)), new Recent(rs.getInt("in_short"), rs.getInt("in_window"),
						rs.getTimestamp("last_in").toInstant(), rs.getInt("replies"), rs.getObject("replied_in", UUID.class)));
			});
		return recent;
	}

	/**
	 * The contacts in two-way dialogue: with a conversation active in the {@code days} before {@code now} that has
	 * messages in both directions; the {@code limit} most recently active, newest first, each with its conversations'
	 * latest activity.
	 */
	public Map<ContactId, Instant> inDialogue(UUID workspaceId, Instant now, int days, int limit) {
		Map<ContactId, Instant> dialogue = new LinkedHashMap<>();
		jdbc.sql("""
				select c.contact_id, max(c.last_message_at) as last from conversations c
				where c.workspace_id = :ws and c.contact_id is not null
				  and c.last_message_at >= cast(:now as timestamptz) - make_interval(days => :days)
				  and exists (select 1 from messages m where m.conversation_id = c.id and m.direction = 'in' and m.kind <> 'note')
				  and exists (select 1 from messages m where m.conversation_id = c.id and m.direction = 'out' and m.kind <> 'note')
				group by c.contact_id order by last desc limit :limit""")
			.param("ws", workspaceId)
			.param("now", Timestamp.from(now))
			.param("days", days)
			.param("limit", limit)
			.query(rs -> {
				dialogue.put(new ContactId(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
			});
		return dialogue;
	}

	/**
	 * When we were last in touch with each of the contacts: their newest message or logged activity, in either
	 * direction. Contacts never in touch are left out.
	 */
	public Map<ContactId, Instant> lastContact(UUID workspaceId, Collection<ContactId> contacts) {
		Collection<UUID> contactIds = contacts.stream().map(ContactId::value).toList();
		Map<ContactId, Instant> last = new HashMap<>();
		if (contactIds.isEmpty()) {
			return last;
		}
		jdbc.sql("""
				select c.contact_id, max(m.sent_at) from conversations c join messages m on m.conversation_id = c.id
				where c.workspace_id = ? and c.contact_id = any(?) and m.kind <> 'note'
				group by c.contact_id""")
			.params(workspaceId, contactIds.stream().distinct().toArray(UUID[]::new))
			.query(rs -> {
				if (rs.getTimestamp(2) != null) {
					last.put(new ContactId(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
				}
			});
		return last;
	}

	/** The contact's open conversations: how many, and the newest {@code limit} of them, newest first. */
	public Open open(UUID workspaceId, ContactId contact, int limit) {
		UUID contactId = contact == null ? null : contact.value();
		int[] count = { 0 };
		List<OpenConversation> newest = jdbc.sql("""
				select c.id, c.subject, c.last_message_at, count(*) over () from conversations c
				where c.workspace_id = ? and c.contact_id = ? and c.status = 'open'
				order by c.last_message_at desc, c.id limit ?""")
			.params(workspaceId, contactId, limit)
			.query((rs, n) -> {
				count[0] = rs.getInt(4);
				return new OpenConversation(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant());
			})
			.list();
		return new Open(count[0], newest);
	}
}
