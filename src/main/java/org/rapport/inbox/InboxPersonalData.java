package org.rapport.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;
import org.rapport.contacts.ChannelDirectory;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.PersonalData;
import org.rapport.platform.ChannelId;
import org.rapport.platform.Members;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox's part of access requests, erasure and retention: a contact's conversations with every message
 * (replies and internal notes included), their headers and attachments' metadata. Erasure and retention delete
 * conversations with their messages and attachments, and keep one row of anonymised statistics per conversation in
 * {@code conversation_statistics}: channel kind, status, counts and timers, without contact, subject or text.
 */
@Component
class InboxPersonalData implements PersonalData {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final Members members;
	private final ChannelDirectory channels;

	InboxPersonalData(JdbcClient jdbc, Contacts contacts, Members members, ChannelDirectory channels) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.members = members;
		this.channels = channels;
	}

	record ExportedAttachment(UUID id, String fileName, String contentType, long sizeBytes) {
	}

	record ExportedMessage(UUID id, String direction, String kind, String activityKind, String senderName,
			String senderHandle, String author, String subject, String bodyText, JsonNode headers, Instant sentAt,
			String delivery, List<ExportedAttachment> attachments) {
	}

	record ExportedConversation(UUID id, String channel, String subject, String status, List<String> labels,
			String assignee, Instant createdAt, Instant lastMessageAt, List<ExportedMessage> messages) {
	}

	@Override
	public String key() {
		return "conversations";
	}

	@Override
	public Object export(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		Map<UUID, List<ExportedAttachment>> attachments = new HashMap<>();
		jdbc.sql("""
				select a.message_id, a.id, a.file_name, a.content_type, a.size_bytes from attachments a
				join messages m on m.id = a.message_id join conversations c on c.id = m.conversation_id
				where c.contact_id = ? and c.workspace_id = ? order by a.file_name, a.id""")
			.params(contactId, workspaceId)
			.query(rs -> {
				attachments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new ExportedAttachment(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getLong(5)));
			});
		// Messages and conversations name their members and channels by id; the names come afterwards, one question
		// to each owner for the whole export.
		record Authored(UUID conversationId, UUID authorId, ExportedMessage message) {
		}
		List<Authored> read = jdbc.sql("""
				select m.conversation_id, m.id, m.direction, m.kind, m.activity_kind, m.sender_name, m.sender_handle,
				  m.author_id, m.subject, m.body_text, m.headers::text, m.sent_at, m.delivery
				from messages m join conversations c on c.id = m.conversation_id
				where c.contact_id = ? and c.workspace_id = ? order by m.sent_at, m.seq""")
			.params(contactId, workspaceId)
			.query((rs, n) -> {
				UUID id = rs.getObject(2, UUID.class);
				String headers = rs.getString(11);
				return new Authored(rs.getObject(1, UUID.class), rs.getObject(8, UUID.class),
						new ExportedMessage(id, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
								rs.getString(7), null, rs.getString(9), rs.getString(10),
								headers == null ? null : JSON.readTree(headers), rs.getTimestamp(12).toInstant(),
								rs.getString(13), attachments.getOrDefault(id, List.of())));
			})
			.list();
		record Held(UUID channelId, UUID assigneeId, ExportedConversation conversation) {
		}
		List<Held> conversations = jdbc.sql("""
				select c.id, c.channel_id, c.subject, c.status, c.labels, c.assignee_id, c.created_at, c.last_message_at
				from conversations c where c.contact_id = ? and c.workspace_id = ? order by c.created_at, c.id""")
			.params(contactId, workspaceId)
			.query((rs, n) -> new Held(rs.getObject(2, UUID.class), rs.getObject(6, UUID.class),
					new ExportedConversation(rs.getObject(1, UUID.class), null, rs.getString(3), rs.getString(4),
							List.of((String[]) rs.getArray(5).getArray()), null, rs.getTimestamp(7).toInstant(),
							rs.getTimestamp(8).toInstant(), List.of())))
			.list();
		Set<UUID> memberIds = new HashSet<>();
		read.stream().map(Authored::authorId).filter(Objects::nonNull).forEach(memberIds::add);
		conversations.stream().map(Held::assigneeId).filter(Objects::nonNull).forEach(memberIds::add);
		Map<UUID, String> names = members.displayNames(memberIds);
		Map<ChannelId, ChannelDirectory.Entry> channelsById = conversations.isEmpty() ? Map.of() : channels.byId(workspaceId);
		Map<UUID, List<ExportedMessage>> messages = new HashMap<>();
		for (Authored a : read) {
			ExportedMessage m = a.message();
			messages.computeIfAbsent(a.conversationId(), k -> new ArrayList<>())
				.add(new ExportedMessage(m.id(), m.direction(), m.kind(), m.activityKind(), m.senderName(),
						m.senderHandle(), a.authorId() == null ? null : names.get(a.authorId()), m.subject(),
						m.bodyText(), m.headers(), m.sentAt(), m.delivery(), m.attachments()));
		}
		return conversations.stream().map(h -> {
			ExportedConversation c = h.conversation();
			ChannelDirectory.Entry channel = channelsById.get(ChannelId.of(h.channelId()));
			return new ExportedConversation(c.id(), channel == null ? null : channel.name(), c.subject(), c.status(),
					c.labels(), h.assigneeId() == null ? null : names.get(h.assigneeId()), c.createdAt(),
					c.lastMessageAt(), messages.getOrDefault(c.id(), List.of()));
		}).toList();
	}

	@Override
	public void erase(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		List<UUID> conversations = jdbc.sql("select id from conversations where contact_id = ? and workspace_id = ?")
			.params(contactId, workspaceId)
			.query(UUID.class)
			.list();
		remove(workspaceId, conversations, "erasure");
		// Messages the person sent into other people's conversations (e.g. an answer from a colleague's thread).
		String[] handles = contacts.find(workspaceId, ContactId.of(contactId)).map(Contact::identities).orElse(List.of()).stream()
			.map(Contact.Identity::value)
			.toArray(String[]::new);
		if (handles.length > 0) {
			List<UUID> touched = jdbc.sql("""
					delete from messages where workspace_id = ? and sender_handle = any(?::text[]) returning conversation_id""")
				.params(workspaceId, handles)
				.query(UUID.class)
				.list();
			if (!touched.isEmpty()) {
				jdbc.sql("""
						update conversations c set message_count = (select count(*) from messages m where m.conversation_id = c.id),
						  preview = coalesce((select left(regexp_replace(m.body_text, '\\s+', ' ', 'g'), 160) from messages m
						    where m.conversation_id = c.id and m.kind <> 'note' order by m.sent_at desc, m.seq desc limit 1), '')
						where c.id = any(?::uuid[])""")
					.param(touched.stream().distinct().toArray(UUID[]::new))
					.update();
			}
		}
	}

	@Override
	public Map<ContactId, Instant> lastActivity(UUID workspaceId) {
		Map<ContactId, Instant> last = new HashMap<>();
		jdbc.sql("select contact_id, max(last_message_at) from conversations where workspace_id = ? group by contact_id")
			.param(workspaceId)
			.query(rs -> {
				last.put(ContactId.of(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
			});
		return last;
	}

	@Override
	public List<Item> itemsOf(UUID workspaceId, ContactId contact) {
		UUID contactId = contact.value();
		return jdbc.sql("""
				select id, subject, last_message_at, contact_id from conversations where contact_id = ? and workspace_id = ?
				order by last_message_at, id""")
			.params(contactId, workspaceId)
			.query((rs, n) -> item(rs))
			.list();
	}

	@Override
	public List<Item> closedBefore(UUID workspaceId, Instant cutoff) {
		return jdbc.sql("""
				select id, subject, last_message_at, contact_id from conversations
				where workspace_id = ? and status = 'done' and coalesce(resolved_at, last_message_at) < ?
				  and last_message_at < ?
				order by last_message_at, id""")
			.params(workspaceId, java.sql.Timestamp.from(cutoff), java.sql.Timestamp.from(cutoff))
			.query((rs, n) -> item(rs))
			.list();
	}

	@Override
	public int delete(UUID workspaceId, Collection<RecordId> items) {
		return remove(workspaceId, items.stream().map(RecordId::value).toList(), "retention");
	}

	private int remove(UUID workspaceId, List<UUID> conversationIds, String reason) {
		if (conversationIds.isEmpty()) {
			return 0;
		}
		UUID[] ids = conversationIds.toArray(UUID[]::new);
		// The statistics keep the kind of each conversation's channel, which the channels tell for the workspace.
		List<ChannelDirectory.Entry> kinds = channels.of(workspaceId);
		jdbc.sql("""
				insert into conversation_statistics(id, workspace_id, channel_kind, status, message_count, created_at,
				  last_message_at, first_response_business_seconds, resolution_business_seconds, resolved_at, reason)
				select gen_random_uuid(), c.workspace_id, ch.kind, c.status, c.message_count, c.created_at, c.last_message_at,
				  c.first_response_business_seconds, c.resolution_business_seconds, c.resolved_at, ?
				from conversations c join unnest(?::uuid[], ?::text[]) as ch(id, kind) on ch.id = c.channel_id
				where c.workspace_id = ? and c.id = any(?::uuid[])""")
			.params(reason, kinds.stream().map(e -> e.id().value()).toArray(UUID[]::new),
					kinds.stream().map(ChannelDirectory.Entry::kind).toArray(String[]::new), workspaceId, ids)
			.update();
		// Messages, attachments and viewers go with their conversation (on delete cascade).
		return jdbc.sql("delete from conversations where workspace_id = ? and id = any(?::uuid[])")
			.params(workspaceId, ids)
			.update();
	}

	private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Item("conversation", RecordId.of(rs.getObject(1, UUID.class)), rs.getString(2), rs.getTimestamp(3).toInstant(),
				ContactId.of(rs.getObject(4, UUID.class)));
	}
}
