package org.rapport.listening;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A workspace's monitors: what it listens for. Managers and owners keep them; everyone reads them. Every term is
 * checked before anything is stored, and a refusal names the field ({@code any[2]}).
 */
@Service
public class Monitors {

	public static final int MAX_MONITORS = 1_000;
	public static final int MAX_TERMS = 50;
	public static final int MAX_TERM = 100;
	public static final int MAX_NAME = 200;
	public static final int MAX_ALERT = 10_000;

	private final JdbcClient jdbc;
	private final Channels channels;
	private final ApplicationEventPublisher events;

	Monitors(JdbcClient jdbc, Channels channels, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.channels = channels;
		this.events = events;
	}

	/** What a manager enters; {@code null} lists count as empty. */
	public record Draft(String name, List<String> any, List<String> all, List<String> phrases, List<String> exclude,
			List<String> languages, List<UUID> channelIds, Integer alertPerHour) {
	}

	public List<Monitor> of(UUID workspaceId) {
		return jdbc.sql("select * from listening_monitors where workspace_id = ? order by lower(name), created_at")
			.param(workspaceId).query(Monitors::row).list();
	}

	public Monitor get(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from listening_monitors where workspace_id = ? and id = ?").params(workspaceId, id)
			.query(Monitors::row).optional().orElseThrow(() -> new NotFoundException("No such monitor."));
	}

	/** A monitor and its workspace, for background work that has only the monitor's id. */
	record Owned(UUID workspaceId, Monitor monitor) {
	}

	java.util.Optional<Owned> find(UUID id) {
		return jdbc.sql("select * from listening_monitors where id = ?").param(id)
			.query((rs, n) -> new Owned(rs.getObject("workspace_id", UUID.class), row(rs, n))).optional();
	}

	public Monitor create(CurrentUser by, Draft draft) {
		by.requireManager();
		Draft checked = check(by.workspaceId(), draft);
		Integer count = jdbc.sql("select count(*) from listening_monitors where workspace_id = ?").param(by.workspaceId())
			.query(Integer.class).single();
		if (count >= MAX_MONITORS) {
			throw new InvalidFieldException("name", "A workspace keeps at most " + MAX_MONITORS + " monitors.");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into listening_monitors(id, workspace_id, name, any_terms, all_terms, phrases, exclude_terms,
				  languages, channel_ids, alert_per_hour)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, by.workspaceId(), checked.name(), texts(checked.any()), texts(checked.all()),
					texts(checked.phrases()), texts(checked.exclude()), texts(checked.languages()),
					checked.channelIds().toArray(UUID[]::new), checked.alertPerHour())
			.update();
		return get(by.workspaceId(), id);
	}

	public Monitor update(CurrentUser by, UUID id, Draft draft) {
		by.requireManager();
		get(by.workspaceId(), id);
		Draft checked = check(by.workspaceId(), draft);
		jdbc.sql("""
				update listening_monitors set name = ?, any_terms = ?, all_terms = ?, phrases = ?, exclude_terms = ?,
				  languages = ?, channel_ids = ?, alert_per_hour = ?, updated_at = now()
				where workspace_id = ? and id = ?""")
			.params(checked.name(), texts(checked.any()), texts(checked.all()), texts(checked.phrases()),
					texts(checked.exclude()), texts(checked.languages()), checked.channelIds().toArray(UUID[]::new),
					checked.alertPerHour(), by.workspaceId(), id)
			.update();
		return get(by.workspaceId(), id);
	}

	/**
	 * Deletes a monitor and its hits; the posts it heard stay as long as another monitor or a feed keeps them. Publishes
	 * {@link MonitorDeleted}.
	 *
	 * @return the monitor as it was
	 */
	public Monitor delete(CurrentUser by, UUID id) {
		by.requireManager();
		Monitor gone = get(by.workspaceId(), id);
		jdbc.sql("delete from listening_monitors where workspace_id = ? and id = ?").params(by.workspaceId(), id).update();
		events.publishEvent(new MonitorDeleted(by.workspaceId(), id));
		return gone;
	}

	/** Notes that the monitor's hourly alert went out, unless one went out within the hour; answers whether it did. */
	boolean claimAlert(UUID id) {
		return jdbc.sql("""
				update listening_monitors set last_alert_at = now()
				where id = ? and (last_alert_at is null or last_alert_at < now() - interval '1 hour')""")
			.param(id).update() == 1;
	}

	private Draft check(UUID workspaceId, Draft draft) {
		if (draft == null) {
			throw new InvalidFieldException("name", "The monitor is missing.");
		}
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty() || name.length() > MAX_NAME) {
			throw new InvalidFieldException("name", "A monitor needs a name of 1 to " + MAX_NAME + " characters.");
		}
		List<String> any = terms("any", draft.any());
		List<String> all = terms("all", draft.all());
		List<String> phrases = terms("phrases", draft.phrases());
		List<String> exclude = terms("exclude", draft.exclude());
		if (any.isEmpty() && all.isEmpty() && phrases.isEmpty()) {
			throw new InvalidFieldException("any",
					"A monitor needs at least one word, hashtag or phrase to look for (any, all or phrases).");
		}
		List<String> languages = new ArrayList<>();
		List<String> givenLanguages = draft.languages() == null ? List.of() : draft.languages();
		for (int i = 0; i < givenLanguages.size(); i++) {
			String lang = givenLanguages.get(i) == null ? "" : givenLanguages.get(i).strip().toLowerCase(Locale.ROOT);
			if (!lang.matches("[a-z]{2,3}")) {
				throw new InvalidFieldException("languages[" + i + "]",
						"'" + givenLanguages.get(i) + "' is not a language code such as de or en.");
			}
			if (!languages.contains(lang)) {
				languages.add(lang);
			}
		}
		List<UUID> channelIds = new ArrayList<>();
		List<UUID> given = draft.channelIds() == null ? List.of() : draft.channelIds();
		Set<UUID> listening = listeningChannels(workspaceId).stream().map(Channel::id).collect(Collectors.toSet());
		for (int i = 0; i < given.size(); i++) {
			UUID channelId = given.get(i);
			if (channelId == null || !listening.contains(channelId)) {
				throw new InvalidFieldException("channelIds[" + i + "]",
						"This is not a channel of the workspace that listens (a network account or a feed).");
			}
			if (!channelIds.contains(channelId)) {
				channelIds.add(channelId);
			}
		}
		Integer alert = draft.alertPerHour();
		if (alert != null && (alert < 1 || alert > MAX_ALERT)) {
			throw new InvalidFieldException("alertPerHour", "An alert needs between 1 and " + MAX_ALERT + " hits an hour.");
		}
		return new Draft(name, any, all, phrases, exclude, languages, channelIds, alert);
	}

	/** The workspace's switched-on channels that can listen. */
	List<Channel> listeningChannels(UUID workspaceId) {
		return channels.of(workspaceId).stream()
			.filter(c -> c.enabled() && channels.connector(c.kind()).listener(c).isPresent())
			.toList();
	}

	private static List<String> terms(String field, List<String> given) {
		if (given == null) {
			return List.of();
		}
		if (given.size() > MAX_TERMS) {
			throw new InvalidFieldException(field, "At most " + MAX_TERMS + " terms.");
		}
		List<String> out = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			String term = given.get(i) == null ? "" : given.get(i).strip().replaceAll("\\s+", " ");
			if (term.isEmpty() || term.length() > MAX_TERM || Matching.Words.of(term).list.isEmpty()) {
				throw new InvalidFieldException(field + "[" + i + "]",
						"A term is a word, #hashtag, prefix* or phrase of 1 to " + MAX_TERM + " characters with a letter or digit.");
			}
			if (!out.contains(term)) {
				out.add(term);
			}
		}
		return out;
	}

	private static String[] texts(List<String> list) {
		return list.toArray(String[]::new);
	}

	static Monitor row(ResultSet rs, int n) throws SQLException {
		int alert = rs.getInt("alert_per_hour");
		Integer alertPerHour = rs.wasNull() ? null : alert;
		return new Monitor(rs.getObject("id", UUID.class), rs.getString("name"), list(rs.getArray("any_terms")),
				list(rs.getArray("all_terms")), list(rs.getArray("phrases")), list(rs.getArray("exclude_terms")),
				list(rs.getArray("languages")), uuids(rs.getArray("channel_ids")), alertPerHour,
				rs.getTimestamp("created_at").toInstant());
	}

	private static List<String> list(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	private static List<UUID> uuids(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
	}
}
