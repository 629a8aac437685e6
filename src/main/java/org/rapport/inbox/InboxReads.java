package org.rapport.inbox;

import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each member has read. Opening a conversation marks it read for the one who opened it; a message from the
 * contact arriving later makes it unread again; "mark unread" puts it back on one's own list of unread ones. Every
 * member, viewers too, keeps their own state: it changes nothing anyone else sees.
 */
@Component
public class InboxReads {

	private final JdbcClient jdbc;
	private final Notifications notifications;

	InboxReads(JdbcClient jdbc, Notifications notifications) {
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	/** Read by this member now, with every notification about it. */
	public void markRead(CurrentUser user, UUID conversationId) {
		store(user, conversationId, true);
		notifications.conversationOpened(user.userId(), conversationId);
	}

	/** Unread for this member until they open it again. */
	public void markUnread(CurrentUser user, UUID conversationId) {
		store(user, conversationId, false);
	}

	private void store(CurrentUser user, UUID conversationId, boolean read) {
		int rows = jdbc.sql("""
				insert into inbox_reads(conversation_id, member_id, workspace_id, read_at)
				select c.id, ?, c.workspace_id, case when ? then clock_timestamp() end
				from conversations c where c.id = ? and c.workspace_id = ?
				on conflict (conversation_id, member_id) do update set read_at = excluded.read_at""")
			.params(user.userId(), read, conversationId, user.workspaceId())
			.update();
		if (rows == 0) {
			throw new NotFoundException("No conversation " + conversationId + " in this workspace.");
		}
	}

	/** Whether the conversation is unread for the member. */
	public boolean isUnread(UUID workspaceId, UUID memberId, UUID conversationId) {
		return jdbc.sql("select " + Conversations.UNREAD + """
				 from conversations c left join inbox_reads r on r.conversation_id = c.id and r.member_id = ?
				where c.id = ? and c.workspace_id = ?""")
			.params(memberId, conversationId, workspaceId)
			.query(Boolean.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No conversation " + conversationId + " in this workspace."));
	}

	/** The most unread conversations {@link #unreadCount} counts; more are shown as "99+". */
	public static final int COUNT_CAP = 100;

	/**
	 * How many open conversations are unread for the member, for the tab's title and the "unread" view; at most
	 * {@value #COUNT_CAP}, so that the count an open inbox asks for every two seconds stops early.
	 */
	public int unreadCount(UUID workspaceId, UUID memberId) {
		return jdbc.sql("select count(*) from (select 1 from conversations c left join inbox_reads r"
				+ " on r.conversation_id = c.id and r.member_id = ? where c.workspace_id = ? and c.status = 'open' and not c.spam and "
				+ Conversations.UNREAD + " limit " + COUNT_CAP + ") unread")
			.params(memberId, workspaceId)
			.query(Integer.class)
			.single();
	}
}
