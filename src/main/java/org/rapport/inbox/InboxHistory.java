package org.rapport.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.rapport.platform.ConversationId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the inbox ever stored for a workspace, as the same facts its events carry ({@link MessagesStored},
 * {@link ConversationStatusChanged}, {@link ConversationJudged} as each message's spam flag), conversation by
 * conversation. For modules that keep their own figures and
 * must rebuild them (after a changed definition, or a restore). Streams: a workspace with millions of messages is
 * read in one pass without holding them.
 */
@Component
public class InboxHistory {

	/** One conversation's history: its messages and its status changes, each in the order they happened. */
	public record ConversationHistory(UUID conversationId, List<MessagesStored.Stored> messages,
			List<ConversationStatusChanged> statusChanges) {
	}

	private final JdbcTemplate jdbc;

	InboxHistory(javax.sql.DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(5_000);
	}

	/** Calls {@code each} once per conversation of the workspace that has a message or a status change. */
	@Transactional(readOnly = true)
	public void forEachConversation(UUID workspaceId, Consumer<ConversationHistory> each) {
		java.util.Map<UUID, List<ConversationStatusChanged>> changes = new java.util.HashMap<>();
		jdbc.query("""
				select conversation_id, done, member_id, at from conversation_status_log
				where workspace_id = ? order by conversation_id, at, seq""", rs -> {
			UUID conversation = rs.getObject(1, UUID.class);
			changes.computeIfAbsent(conversation, c -> new java.util.ArrayList<>())
				.add(new ConversationStatusChanged(workspaceId, conversation, rs.getBoolean(2),
						rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant()));
		}, workspaceId);
		Batch batch = new Batch(each, changes);
		jdbc.query("""
				select m.conversation_id, m.id, c.channel_id, c.contact_id, m.direction, m.kind, m.author_id, m.automated,
				  m.sent_at, m.spam
				from messages m join conversations c on c.id = m.conversation_id
				where m.workspace_id = ? order by m.conversation_id""", rs -> {
			batch.add(workspaceId, rs);
		}, workspaceId);
		batch.flush();
		changes.forEach((conversation, list) -> each.accept(new ConversationHistory(conversation, List.of(), list)));
	}

	/**
	 * Calls {@code each} once per conversation of the workspace that has labels, with them as
	 * {@link ConversationLabelled} carries them (member and time unknown: {@code null}).
	 */
	@Transactional(readOnly = true)
	public void forEachLabelled(UUID workspaceId, Consumer<ConversationLabelled> each) {
		jdbc.query("""
				select id, labels from conversations
				where workspace_id = ? and cardinality(labels) > 0 order by id""", rs -> {
			List<String> labels = java.util.Arrays.stream((String[]) rs.getArray(2).getArray()).sorted().toList();
			each.accept(new ConversationLabelled(workspaceId, rs.getObject(1, UUID.class), labels, null, null));
		}, workspaceId);
	}

	/** The histories of the given conversations of the workspace, read in two queries. */
	public List<ConversationHistory> of(UUID workspaceId, java.util.Collection<ConversationId> conversations) {
		java.util.Collection<UUID> conversationIds = conversations.stream().map(ConversationId::value).toList();
		if (conversationIds.isEmpty()) {
			return List.of();
		}
		UUID[] ids = conversationIds.toArray(UUID[]::new);
		java.util.Map<UUID, List<ConversationStatusChanged>> changes = new java.util.HashMap<>();
		jdbc.query("""
				select conversation_id, done, member_id, at from conversation_status_log
				where workspace_id = ? and conversation_id = any(?::uuid[]) order by conversation_id, at, seq""", rs -> {
			UUID conversation = rs.getObject(1, UUID.class);
			changes.computeIfAbsent(conversation, c -> new java.util.ArrayList<>())
				.add(new ConversationStatusChanged(workspaceId, conversation, rs.getBoolean(2),
						rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant()));
		}, workspaceId, ids);
		List<ConversationHistory> histories = new java.util.ArrayList<>();
		Batch batch = new Batch(histories::add, changes);
		jdbc.query("""
				select m.conversation_id, m.id, c.channel_id, c.contact_id, m.direction, m.kind, m.author_id, m.automated,
				  m.sent_at, m.spam
				from messages m join conversations c on c.id = m.conversation_id
				where m.workspace_id = ? and m.conversation_id = any(?::uuid[]) order by m.conversation_id""", rs -> {
			batch.add(workspaceId, rs);
		}, workspaceId, ids);
		batch.flush();
		changes.forEach((conversation, list) -> histories.add(new ConversationHistory(conversation, List.of(), list)));
		return histories;
	}

	private static final class Batch {

		private final Consumer<ConversationHistory> each;
		private final java.util.Map<UUID, List<ConversationStatusChanged>> changes;
		private UUID current;
		private final java.util.ArrayList<MessagesStored.Stored> messages = new java.util.ArrayList<>();

		Batch(Consumer<ConversationHistory> each, java.util.Map<UUID, List<ConversationStatusChanged>> changes) {
			this.each = each;
			this.changes = changes;
		}

		void add(UUID workspaceId, ResultSet rs) throws SQLException {
			UUID conversation = rs.getObject(1, UUID.class);
			if (!conversation.equals(current)) {
				flush();
				current = conversation;
			}
			messages.add(new MessagesStored.Stored(workspaceId, conversation, rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), "in".equals(rs.getString(5)),
					rs.getString(6), rs.getObject(7, UUID.class), rs.getBoolean(8), rs.getBoolean(10),
					rs.getTimestamp(9).toInstant()));
		}

		void flush() {
			if (current != null) {
				List<ConversationStatusChanged> own = changes.remove(current);
				each.accept(new ConversationHistory(current, List.copyOf(messages), own == null ? List.of() : own));
				messages.clear();
				current = null;
			}
		}
	}
}
