package org.rapport.inbox;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
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
	private final Members members;

	Presence(JdbcClient jdbc, Members members) {
		this.jdbc = jdbc;
		this.members = members;
	}

	public record Viewer(UUID userId, String name, boolean composing) {
	}

	/** Viewers by name as people read names: case and accents matter only between otherwise equal names. */
	private static final Comparator<String> BY_NAME = ((Comparator<String>) Collator.getInstance(Locale.ROOT)::compare)
		.thenComparing(Comparator.naturalOrder());

	/** Records that the user looks at the conversation and returns the others who do. */
	public List<Viewer> seen(CurrentUser user, UUID conversationId, boolean composing) {
		jdbc.sql("""
				insert into conversation_viewers(conversation_id, user_id, seen_at, composing)
				select c.id, ?, now(), ? from conversations c where c.id = ? and c.workspace_id = ?
				on conflict (conversation_id, user_id) do update set seen_at = now(), composing = excluded.composing""")
			.params(user.userId(), composing, conversationId, user.workspaceId())
			.update();
		record Seen(UUID userId, boolean composing) {
		}
		List<Seen> seen = jdbc.sql("""
				select v.user_id, v.composing from conversation_viewers v join conversations c on c.id = v.conversation_id
				where v.conversation_id = ? and c.workspace_id = ? and v.user_id <> ? and v.seen_at > now() - interval '30 seconds'""")
			.params(conversationId, user.workspaceId(), user.userId())
			.query((rs, n) -> new Seen(rs.getObject(1, UUID.class), rs.getBoolean(2)))
			.list();
		if (seen.isEmpty()) {
			return List.of();
		}
		Map<UUID, String> names = members.displayNames(seen.stream().map(Seen::userId).toList());
		return seen.stream()
			.filter(s -> names.containsKey(s.userId()))
			.map(s -> new Viewer(s.userId(), names.get(s.userId()), s.composing()))
			.sorted(Comparator.comparing(Viewer::name, BY_NAME))
			.toList();
	}

	public void left(CurrentUser user, UUID conversationId) {
		jdbc.sql("delete from conversation_viewers where conversation_id = ? and user_id = ?")
			.params(conversationId, user.userId())
			.update();
	}
}
