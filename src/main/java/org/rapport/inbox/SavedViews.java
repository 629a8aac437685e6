package org.rapport.inbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each member's saved views of the inbox: a filter of the list (as the list's parameters) under a name of their own.
 * Only the member who saved a view sees it, names are unique per member (whatever their case), and viewers keep views
 * too: they change nothing anyone else sees.
 */
@Component
public class SavedViews {

	/** The list's parameters a view keeps, in the order its link names them. */
	public static final List<String> KEYS = List.of("view", "status", "assignee", "channel", "label", "q", "segment",
			"unread", "kind", "sentiment", "sort", "coordinated");

	/** The most views one member keeps. */
	public static final int MAX_PER_MEMBER = 50;

	/** The longest name of a view. */
	public static final int MAX_NAME = 60;

	private static final int MAX_VALUE = 200;

	private static final List<String> STATUSES = List.of("open", "pending", "snoozed", "done", "all");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> FILTER = new TypeReference<>() {
	};

	/**
	 * A saved view.
	 *
	 * @param filter the list's parameters, each one of {@link #KEYS}; {@code assignee} may be {@code me}
	 */
	public record SavedView(UUID id, String name, Map<String, String> filter, Instant createdAt) {

		/** The view's parameters as the inbox's query string, {@code ?status=open&sort=oldest}, or empty. */
		public String query() {
			StringBuilder q = new StringBuilder();
			for (String key : KEYS) {
				String value = filter.get(key);
				if (value != null && !value.isBlank()) {
					q.append(q.isEmpty() ? "?" : "&").append(key).append('=')
						.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
				}
			}
			return q.toString();
		}
	}

	private final JdbcClient jdbc;

	SavedViews(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The member's own views, by name. */
	public List<SavedView> of(CurrentUser user) {
		return jdbc.sql("""
				select id, name, filter::text as filter, created_at from inbox_views
				where workspace_id = ? and member_id = ? order by lower(name), id""")
			.params(user.workspaceId(), user.userId())
			.query((rs, n) -> view(rs))
			.list();
	}

	/** One of the member's own views; anyone else's is not found. */
	public SavedView get(CurrentUser user, UUID id) {
		return jdbc.sql("select id, name, filter::text as filter, created_at from inbox_views"
				+ " where id = ? and workspace_id = ? and member_id = ?")
			.params(id, user.workspaceId(), user.userId())
			.query((rs, n) -> view(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No saved view " + id + "."));
	}

	/**
	 * Saves a filter under a name. Values may be strings, booleans or numbers; blank ones are left out. An unknown
	 * parameter or value is refused naming {@code filter.<key>}, a blank, too long or taken name naming {@code name}.
	 */
	public SavedView create(CurrentUser user, String name, Map<String, ?> filter) {
		String checkedName = name(name);
		Map<String, String> checked = filter(filter);
		int count = jdbc.sql("select count(*) from inbox_views where workspace_id = ? and member_id = ?")
			.params(user.workspaceId(), user.userId()).query(Integer.class).single();
		if (count >= MAX_PER_MEMBER) {
			throw new InvalidFieldException("name", "A member keeps at most " + MAX_PER_MEMBER + " views; delete one first.");
		}
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql("insert into inbox_views(id, workspace_id, member_id, name, filter) values (?, ?, ?, ?, ?::jsonb)")
				.params(id, user.workspaceId(), user.userId(), checkedName, JSON.writeValueAsString(checked))
				.update();
		}
		catch (DuplicateKeyException e) {
			throw taken(checkedName);
		}
		return get(user, id);
	}

	/** A new name for one of the member's own views. */
	public SavedView rename(CurrentUser user, UUID id, String name) {
		String checkedName = name(name);
		get(user, id);
		try {
			jdbc.sql("update inbox_views set name = ? where id = ? and workspace_id = ? and member_id = ?")
				.params(checkedName, id, user.workspaceId(), user.userId())
				.update();
		}
		catch (DuplicateKeyException e) {
			throw taken(checkedName);
		}
		return get(user, id);
	}

	/** Deletes one of the member's own views and answers it as it was, to restore. */
	public SavedView delete(CurrentUser user, UUID id) {
		SavedView view = get(user, id);
		jdbc.sql("delete from inbox_views where id = ? and workspace_id = ? and member_id = ?")
			.params(id, user.workspaceId(), user.userId())
			.update();
		return view;
	}

	private static InvalidFieldException taken(String name) {
		return new InvalidFieldException("name", "You already have a view named '" + name + "'.");
	}

	private static String name(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidFieldException("name", "Give the view a name.");
		}
		String stripped = name.strip();
		if (stripped.length() > MAX_NAME) {
			throw new InvalidFieldException("name", "A view's name has at most " + MAX_NAME + " characters.");
		}
		return stripped;
	}

	/** The filter with its values checked, in the order of {@link #KEYS}, blank values left out. */
	static Map<String, String> filter(Map<String, ?> filter) {
		Map<String, String> values = new LinkedHashMap<>();
		if (filter == null) {
			return values;
		}
		for (String key : filter.keySet()) {
			if (!KEYS.contains(key)) {
				throw new InvalidFieldException("filter." + key, "A view keeps " + String.join(", ", KEYS) + ", not '"
						+ key + "'.");
			}
		}
		for (String key : KEYS) {
			Object raw = filter.get(key);
			String value = raw == null ? null : String.valueOf(raw).strip();
			if (value == null || value.isEmpty()) {
				continue;
			}
			String field = "filter." + key;
			if (value.length() > MAX_VALUE) {
				throw new InvalidFieldException(field, key + " has at most " + MAX_VALUE + " characters.");
			}
			switch (key) {
				case "view" -> oneOf(field, value, List.of("spam"));
				case "status" -> oneOf(field, value, STATUSES);
				case "unread", "coordinated" -> oneOf(field, value, List.of("true", "false"));
				case "kind" -> oneOf(field, value, Triage.KINDS);
				case "sentiment" -> oneOf(field, value, Triage.SENTIMENTS);
				case "sort" -> oneOf(field, value, InboxSort.KEYS);
				case "assignee" -> {
					if (!value.equals("me") && !value.equals("none")) {
						uuid(field, value, "assignee is 'me', 'none' or a member's id");
					}
				}
				case "segment" -> uuid(field, value, "segment is a segment's id");
				default -> {
				}
			}
			if (!("unread".equals(key) || "coordinated".equals(key)) || "true".equals(value)) {
				values.put(key, value);
			}
		}
		return values;
	}

	private static void oneOf(String field, String value, List<String> allowed) {
		if (!allowed.contains(value)) {
			throw new InvalidFieldException(field, field.substring("filter.".length()) + " is one of "
					+ String.join(", ", allowed) + ", not '" + value + "'.");
		}
	}

	private static void uuid(String field, String value, String rule) {
		try {
			UUID.fromString(value);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidFieldException(field, rule + ", not '" + value + "'.");
		}
	}

	private static SavedView view(ResultSet rs) throws SQLException {
		Map<String, String> filter = JSON.readValue(rs.getString("filter"), FILTER);
		return new SavedView(rs.getObject("id", UUID.class), rs.getString("name"), filter,
				rs.getTimestamp("created_at").toInstant());
	}
}
