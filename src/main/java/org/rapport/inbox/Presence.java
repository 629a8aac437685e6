package org.rapport.inbox;

import java.util.List;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who else has a conversation open right now, so two people do not answer the same person twice. Each open
 * conversation view reports itself every few seconds; a report older than 30 seconds no longer counts. Stored in
 * the database, so it works across nodes.
 */
@Component
public class Presence {

	private final JdbcClient jdbc;

	Presence(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Viewer(UUID userId, String name, boolean composing) {
	}

	/** Records that the user looks at the conversation and returns the others who do. */
	public List<Viewer> seen(CurrentUser user, UUID conversationId, boolean composing) {
		jdbc.sql("""
				insert into conversation_viewers(conversation_id, user_id, seen_at, composing)
				select c.id, ?, now(), ? from conversations c where c.id = ? and c.workspace_id = ?
				on conflict (conversation_id, user_id) do update set seen_at = now(), composing = excluded.composing""")
			.params(user.userId(), composing, conversationId, user.workspaceId())
			.update();
		return jdbc.sql("""
				select u.id, u.display_name, v.composing from conversation_viewers v join users u on u.id = v.user_id
				join conversations c on c.id = v.conversation_id
				where v.conversation_id = ? and c.workspace_id = ? and v.user_id <> ? and v.seen_at > now() - interval '30 seconds'
				order by u.display_name""")
			.params(conversationId, user.workspaceId(), user.userId())
			.query((rs, n) -> new Viewer(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)))
			.list();
	}

	public void left(CurrentUser user, UUID conversationId) {
		jdbc.sql("delete from conversation_viewers where conversation_id = ? and user_id = ?")
			.params(conversationId, user.userId())
			.update();
	}
}
