package org.rapport.inbox;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.platform.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Prepared answers with placeholders: {@code {{contact.name}}}, {@code {{contact.firstName}}},
 * {@code {{agent.name}}} and {@code {{workspace.name}}}. Unknown placeholders stay as written, so a typo shows.
 */
@Component
public class CannedReplies {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z.]+)\\s*}}");

	private final JdbcClient jdbc;

	CannedReplies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record CannedReply(UUID id, String shortcut, String title, String body) {
	}

	public List<CannedReply> of(UUID workspaceId) {
		return jdbc.sql("select id, shortcut, title, body from canned_replies where workspace_id = ? order by shortcut")
			.param(workspaceId)
			.query((rs, n) -> new CannedReply(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	public CannedReply save(CurrentUser user, String shortcut, String title, String body) {
		user.requireManager();
		String key = shortcut == null ? "" : shortcut.strip().toLowerCase().replaceAll("^/", "");
		if (!key.matches("[a-z0-9äöüß_-]{1,30}")) {
			throw new IllegalArgumentException("A shortcut is 1-30 letters, digits, - or _, like 'thanks'.");
		}
		if (body == null || body.isBlank()) {
			throw new IllegalArgumentException("A canned reply needs a text.");
		}
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("""
					insert into canned_replies(id, workspace_id, shortcut, title, body) values (?, ?, ?, ?, ?)
					on conflict (workspace_id, shortcut) do update set title = excluded.title, body = excluded.body""")
				.params(id, user.workspaceId(), key, title == null || title.isBlank() ? key : title.strip(), body)
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new IllegalStateException("The shortcut '" + key + "' exists already.");
		}
		return of(user.workspaceId()).stream().filter(c -> c.shortcut().equals(key)).findFirst().orElseThrow();
	}

	public void delete(CurrentUser user, UUID id) {
		user.requireManager();
		jdbc.sql("delete from canned_replies where id = ? and workspace_id = ?").params(id, user.workspaceId()).update();
	}

	/** Fills the placeholders of a text. */
	public static String fill(String text, Map<String, String> values) {
		Matcher m = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = values.get(m.group(1));
			m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
		}
		m.appendTail(out);
		return out.toString();
	}
}
