package org.rapport.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.SecretBox;
import org.rapport.platform.WorkspaceCreated;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels of each workspace. Every workspace starts with the default channels its connectors declare (the
 * inbound API, the web form, offline contacts, blog comments); mailboxes and networks are added by managers, with
 * the settings their connector declares.
 */
@Component
public class Channels {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;
	private final List<ChannelConnector> connectors;
	private final SecretBox secrets;
	private final ApplicationEventPublisher events;

	Channels(JdbcClient jdbc, List<ChannelConnector> connectors, SecretBox secrets, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.connectors = connectors;
		this.secrets = secrets;
		this.events = events;
	}

	/**
	 * Whether a setting of a channel is a credential: those are encrypted in the database, never shown again, and a
	 * blank value in an edit keeps the stored one.
	 */
	public boolean isSecret(String kind, String settingKey) {
		return find(kind).map(c -> c.settings().stream().anyMatch(s -> s.key().equals(settingKey) && s.secret()))
			.orElse(false);
	}

	/** Every connector, in the order they are offered to managers. */
	public List<ChannelConnector> connectors() {
		return connectors;
	}

	/** Encrypts credentials that were stored before encryption existed. */
	@EventListener(ApplicationReadyEvent.class)
	void sealStoredSecrets() {
		record Stored(UUID id, String kind, Map<String, String> config) {
		}
		jdbc.sql("select id, kind, config from channels").query((rs, n) -> {
			String kind = rs.getString("kind");
			Map<String, String> config = readConfig(rs.getString("config"));
			boolean plain = config.entrySet().stream().anyMatch(e -> isSecret(kind, e.getKey())
					&& !e.getValue().isEmpty() && !SecretBox.isSealed(e.getValue()));
			return plain ? new Stored(rs.getObject("id", UUID.class), kind, config) : null;
		}).list().stream().filter(java.util.Objects::nonNull).forEach(e -> jdbc.sql("update channels set config = ?::jsonb where id = ?")
			.params(JSON.writeValueAsString(sealed(e.kind(), e.config())), e.id())
			.update());
	}

	/** Gives a new workspace the channels its connectors bring from the start. */
	@EventListener
	void createDefaults(WorkspaceCreated event) {
		for (ChannelConnector connector : connectors) {
			connector.defaultChannel().filter(ChannelConnector.DefaultChannel::fromStart)
				.ifPresent(d -> create(event.workspaceId(), d.key(), connector.kind(), d.name().de(), Map.of()));
		}
	}

	/**
	 * The default channel of a kind in a workspace, made now if the workspace has none yet (for kinds whose
	 * default channel appears with the first message, such as the Fediverse).
	 */
	public Channel defaultOf(UUID workspaceId, String kind) {
		ChannelConnector.DefaultChannel declared = connector(kind).defaultChannel()
			.orElseThrow(() -> new IllegalArgumentException("Channels of kind '" + kind + "' have no default channel."));
		return byKey(workspaceId, declared.key()).orElseGet(() -> {
			try {
				return create(workspaceId, declared.key(), kind, declared.name().de(), Map.of());
			}
			catch (DuplicateKeyException | IllegalArgumentException e) {
				return byKey(workspaceId, declared.key()).orElseThrow(() -> e);
			}
		});
	}

	/** The channel people log calls, visits, letters and events on. */
	public Channel forLoggedActivities(UUID workspaceId) {
		return connectors.stream().filter(ChannelConnector::takesLoggedActivities).findFirst()
			.map(c -> defaultOf(workspaceId, c.kind()))
			.orElseThrow(() -> new IllegalStateException("No channel kind takes logged activities."));
	}

	public Channel create(UUID workspaceId, String key, String kind, String name, Map<String, String> config) {
		if (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,39}")) {
			throw new IllegalArgumentException("A channel key is 1-40 lower-case letters, digits or dashes, not '" + key + "'.");
		}
		if (byKey(workspaceId, key).isPresent()) {
			throw new IllegalArgumentException("There is already a channel '" + key + "'.");
		}
		Map<String, String> checked = checked(kind, config);
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into channels(id, workspace_id, key, kind, name, config) values (?, ?, ?, ?, ?, ?::jsonb)")
			.params(id, workspaceId, key, kind, name, JSON.writeValueAsString(sealed(kind, checked)))
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
		Map<String, String> checked = checked(channel.kind(), config);
		jdbc.sql("update channels set name = ?, config = ?::jsonb, state = '' where id = ?")
			.params(name, JSON.writeValueAsString(sealed(channel.kind(), checked)), id)
			.update();
	}

	/**
	 * Changes some settings of a channel and keeps the others; a blank credential keeps the stored one, so a
	 * manager can correct a server name without typing the password again. The result is validated as a whole.
	 */
	public Channel reconfigure(UUID workspaceId, UUID id, String name, Map<String, String> changes) {
		Channel channel = get(workspaceId, id);
		Map<String, String> merged = new LinkedHashMap<>(channel.config());
		if (changes != null) {
			changes.forEach((k, v) -> {
				if (v != null && !(isSecret(channel.kind(), k) && v.isEmpty())) {
					merged.put(k, v);
				}
			});
		}
		updateConfig(workspaceId, id, name == null || name.isBlank() ? channel.name() : name.strip(), merged);
		return get(workspaceId, id);
	}

	/** Switches a channel on or off; announced with {@link ChannelSwitched}. */
	public void setEnabled(UUID workspaceId, UUID id, boolean enabled) {
		jdbc.sql("update channels set enabled = ? where id = ? and workspace_id = ? returning key")
			.params(enabled, id, workspaceId)
			.query(String.class)
			.optional()
			.ifPresent(key -> events.publishEvent(new ChannelSwitched(workspaceId, id, key, enabled)));
	}

	/** Records the connector's last word about a channel (an error, or empty when all is well). */
	public void state(UUID id, String state) {
		jdbc.sql("update channels set state = ? where id = ? and state is distinct from ?").params(state, id, state).update();
	}

	/** The longest channel signature, in characters. */
	public static final int MAX_SIGNATURE = 2_000;

	/**
	 * The signature under every reply on the channel, as the manager wrote it: {@code {name}} and
	 * {@code {workspace}} still in it. Empty when the channel has none.
	 */
	public Optional<String> signature(UUID workspaceId, UUID id) {
		return jdbc.sql("select signature from channels where workspace_id = ? and id = ?")
			.params(workspaceId, id)
			.query(String.class)
			.optional()
			.filter(s -> !s.isBlank());
	}

	/**
	 * Sets the channel's signature: plain text, line breaks kept, at most {@value #MAX_SIGNATURE} characters; blank
	 * removes it, so each member's own signature applies again.
	 *
	 * @throws InvalidFieldException naming {@code signature} when it is too long
	 */
	public void setSignature(UUID workspaceId, UUID id, String signature) {
		get(workspaceId, id);
		String text = checkedSignature(signature);
		jdbc.sql("update channels set signature = ? where workspace_id = ? and id = ?").params(text, workspaceId, id)
			.update();
	}

	/**
	 * A channel signature as it would be stored.
	 *
	 * @throws InvalidFieldException naming {@code signature} when it is too long
	 */
	public static String checkedSignature(String signature) {
		String text = org.rapport.platform.Accounts.cleanSignature(signature);
		if (text.length() > MAX_SIGNATURE) {
			throw new InvalidFieldException("signature", "A signature has at most " + MAX_SIGNATURE + " characters.");
		}
		return text;
	}

	public Optional<Channel> byKey(UUID workspaceId, String key) {
		return jdbc.sql("select * from channels where workspace_id = ? and key = ?").params(workspaceId, key)
			.query((rs, n) -> map(rs)).optional();
	}

	/** A channel of the workspace, for another module. */
	public Channel get(UUID workspaceId, ChannelId id) {
		return get(workspaceId, id == null ? null : id.value());
	}

	public Channel get(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from channels where workspace_id = ? and id = ?").params(workspaceId, id)
			.query((rs, n) -> map(rs)).optional()
			.orElseThrow(() -> new NotFoundException("No channel " + id + " in this workspace."));
	}

	/** A channel by its id alone, for requests that name no workspace: a network pushing to the channel's hook. */
	public Optional<Channel> find(UUID id) {
		return jdbc.sql("select * from channels where id = ?").param(id).query((rs, n) -> map(rs)).optional();
	}

	/**
	 * The channel's standing with its network as its connector tells it, with the pushes its hook refused for a wrong
	 * or missing proof of the network ({@link #pushRefused}) and the kinds of call its network paused apart from the
	 * rest ({@code network.CallPauses}).
	 */
	public ChannelConnector.Health health(Channel channel) {
		ChannelConnector.Health told = connector(channel.kind()).health(channel);
		int[] refused = { 0 };
		java.time.Instant[] lastRefused = { null };
		Map<String, java.time.Instant> paused = new java.util.TreeMap<>();
		jdbc.sql("""
				select c.refused_pushes, c.last_refused_push_at, p.calls, p.until from channels c
				left join network_call_pauses p on p.channel_id = c.id and p.until > now() where c.id = ?""")
			.param(channel.id())
			.query(rs -> {
				refused[0] = rs.getInt(1);
				lastRefused[0] = rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant();
				if (rs.getString(3) != null) {
					paused.put(rs.getString(3), rs.getTimestamp(4).toInstant());
				}
			});
		ChannelConnector.Health health = refused[0] == 0 ? told : told.withRefusedPushes(refused[0], lastRefused[0]);
		return paused.isEmpty() ? health : health.withPausedCalls(paused);
	}

	/**
	 * Notes a push to the channel's hook that the connector refused because the network's proof (a signature, a
	 * secret token) was wrong or missing: a network whose secret changed and is no longer heard, or someone else
	 * sending to the hook's address — both worth a manager's look.
	 */
	public void pushRefused(UUID channelId) {
		jdbc.sql("update channels set refused_pushes = refused_pushes + 1, last_refused_push_at = now() where id = ?")
			.param(channelId)
			.update();
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
		return find(kind).orElseThrow(() -> new InvalidFieldException("kind",
				"There is no connector for channels of kind '" + kind + "'."));
	}

	private Optional<ChannelConnector> find(String kind) {
		return connectors.stream().filter(c -> c.kind().equals(kind)).findFirst();
	}

	/**
	 * Checks a config against the settings the kind declares — a key it does not declare and a value outside a
	 * setting's choices are refused, naming the setting — and then lets the connector check and complete it.
	 */
	private Map<String, String> checked(String kind, Map<String, String> config) {
		ChannelConnector connector = connector(kind);
		Map<String, Setting> declared = new LinkedHashMap<>();
		connector.settings().forEach(s -> declared.put(s.key(), s));
		Map<String, String> in = config == null ? Map.of() : config;
		for (var entry : in.entrySet()) {
			Setting setting = declared.get(entry.getKey());
			if (setting == null) {
				throw new InvalidFieldException("config." + entry.getKey(), "Channels of kind '" + kind
						+ "' have no setting '" + entry.getKey() + "'; they have: " + String.join(", ", declared.keySet()) + ".");
			}
			String value = entry.getValue() == null ? "" : entry.getValue().strip();
			if (setting.type() == Setting.Type.CHOICE && !value.isEmpty() && !setting.choices().contains(value)) {
				throw new InvalidFieldException("config." + entry.getKey(), "The setting '" + entry.getKey()
						+ "' must be one of " + String.join(", ", setting.choices()) + ", not '" + value + "'.");
			}
		}
		return connector.validate(in);
	}

	private Map<String, String> sealed(String kind, Map<String, String> config) {
		Map<String, String> out = new LinkedHashMap<>(config);
		out.replaceAll((k, v) -> isSecret(kind, k) ? secrets.seal(v) : v);
		return out;
	}

	private static Map<String, String> readConfig(String json) {
		return new LinkedHashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {
		}));
	}

	private Channel map(java.sql.ResultSet rs) throws java.sql.SQLException {
		Map<String, String> config = readConfig(rs.getString("config"));
		String state = rs.getString("state");
		String kind = rs.getString("kind");
		for (var setting : config.entrySet()) {
			if (isSecret(kind, setting.getKey())) {
				try {
					setting.setValue(secrets.open(setting.getValue()));
				}
				catch (IllegalStateException e) {
					// Shown to managers instead of breaking every list of channels; the connector's login then fails.
					setting.setValue("");
					state = e.getMessage();
				}
			}
		}
		return new Channel(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class), rs.getString("key"),
				kind, rs.getString("name"), config, rs.getBoolean("enabled"), state);
	}
}
