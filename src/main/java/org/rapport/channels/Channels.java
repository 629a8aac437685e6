package org.rapport.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.NotFoundException;
import org.rapport.platform.WorkspaceCreated;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels of each workspace. Every workspace has {@code api}, {@code webform}, {@code offline} and
 * {@code blog-comments} from the start; mailboxes and networks are added by managers.
 */
@Component
public class Channels {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;
	private final List<ChannelConnector> connectors;

	Channels(JdbcClient jdbc, List<ChannelConnector> connectors) {
		this.jdbc = jdbc;
		this.connectors = connectors;
	}

	@EventListener
	void createDefaults(WorkspaceCreated event) {
		create(event.workspaceId(), "api", "api", "API", Map.of());
		create(event.workspaceId(), "webform", "webform", "Kontaktformular", Map.of());
		create(event.workspaceId(), "offline", "offline", "Offline", Map.of());
		create(event.workspaceId(), "blog-comments", "blogcomment", "Blog-Kommentare", Map.of());
	}

	public Channel create(UUID workspaceId, String key, String kind, String name, Map<String, String> config) {
		if (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,39}")) {
			throw new IllegalArgumentException("A channel key is 1-40 lower-case letters, digits or dashes, not '" + key + "'.");
		}
		if (byKey(workspaceId, key).isPresent()) {
			throw new IllegalArgumentException("There is already a channel '" + key + "'.");
		}
		Map<String, String> checked = connector(kind).validate(config);
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into channels(id, workspace_id, key, kind, name, config) values (?, ?, ?, ?, ?, ?::jsonb)")
			.params(id, workspaceId, key, kind, name, JSON.writeValueAsString(checked))
			.update();
		return get(workspaceId, id);
	}

	/**
	 * Creates a channel that is switched off and not configured, to hold history imported from elsewhere; a
	 * manager connects it later.
	 */
	public Channel createDisabled(UUID workspaceId, String key, String kind, String name) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into channels(id, workspace_id, key, kind, name, enabled) values (?, ?, ?, ?, ?, false)")
			.params(id, workspaceId, key, kind, name)
			.update();
		return get(workspaceId, id);
	}

	public void updateConfig(UUID workspaceId, UUID id, String name, Map<String, String> config) {
		Channel channel = get(workspaceId, id);
		Map<String, String> checked = connector(channel.kind()).validate(config);
		jdbc.sql("update channels set name = ?, config = ?::jsonb, state = '' where id = ?")
			.params(name, JSON.writeValueAsString(checked), id)
			.update();
	}

	public void setEnabled(UUID workspaceId, UUID id, boolean enabled) {
		jdbc.sql("update channels set enabled = ? where id = ? and workspace_id = ?").params(enabled, id, workspaceId).update();
	}

	/** Records the connector's last word about a channel (an error, or empty when all is well). */
	public void state(UUID id, String state) {
		jdbc.sql("update channels set state = ? where id = ? and state is distinct from ?").params(state, id, state).update();
	}

	public Optional<Channel> byKey(UUID workspaceId, String key) {
		return jdbc.sql("select * from channels where workspace_id = ? and key = ?").params(workspaceId, key)
			.query((rs, n) -> map(rs)).optional();
	}

	public Channel get(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from channels where workspace_id = ? and id = ?").params(workspaceId, id)
			.query((rs, n) -> map(rs)).optional()
			.orElseThrow(() -> new NotFoundException("No channel " + id + " in this workspace."));
	}

	public List<Channel> of(UUID workspaceId) {
		return jdbc.sql("select * from channels where workspace_id = ? order by kind, key").param(workspaceId)
			.query((rs, n) -> map(rs)).list();
	}

	/** Enabled channels of a kind across all workspaces, for connectors that poll. */
	public List<Channel> enabledOfKind(String kind) {
		return jdbc.sql("select * from channels where kind = ? and enabled order by workspace_id, key").param(kind)
			.query((rs, n) -> map(rs)).list();
	}

	public ChannelConnector connector(String kind) {
		return connectors.stream().filter(c -> c.kind().equals(kind)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("There is no connector for channels of kind '" + kind + "'."));
	}

	private static Channel map(java.sql.ResultSet rs) throws java.sql.SQLException {
		Map<String, String> config = new LinkedHashMap<>(JSON.readValue(rs.getString("config"),
				new TypeReference<Map<String, String>>() {
				}));
		return new Channel(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class), rs.getString("key"),
				rs.getString("kind"), rs.getString("name"), config, rs.getBoolean("enabled"), rs.getString("state"));
	}
}
