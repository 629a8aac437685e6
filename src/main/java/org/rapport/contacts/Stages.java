package org.rapport.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relationship stages: the workspace's ladder from an online contact to a personal one, each contact's current
 * stage and every change of it. A contact nobody has moved yet is on the first stage.
 */
@Component
public class Stages {

	/** One rung of the ladder. */
	public record Stage(String key, String label) {
	}

	/** The ladder in order; {@code configured} is false while the workspace uses the default. */
	public record Ladder(List<Stage> stages, boolean configured) {

		public String first() {
			return stages.getFirst().key();
		}

		public int indexOf(String key) {
			for (int i = 0; i < stages.size(); i++) {
				if (stages.get(i).key().equals(key)) {
					return i;
				}
			}
			return -1;
		}

		public String labelOf(String key) {
			return stages.stream().filter(s -> s.key().equals(key)).map(Stage::label).findFirst().orElse(key);
		}
	}

	public static final List<Stage> DEFAULT = List.of(new Stage("observed", "Beobachtet"), new Stage("engaged", "Aktiv"),
			new Stage("in_dialogue", "Im Dialog"), new Stage("met_in_person", "Persönlich getroffen"),
			new Stage("partner", "Partner"));

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final ApplicationEventPublisher events;

	Stages(JdbcClient jdbc, Contacts contacts, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.events = events;
	}

	public Ladder ladder(UUID workspaceId) {
		List<Stage> own = jdbc.sql("select key, label from stages where workspace_id = ? order by position")
			.param(workspaceId)
			.query((rs, n) -> new Stage(rs.getString(1), rs.getString(2)))
			.list();
		return own.isEmpty() ? new Ladder(DEFAULT, false) : new Ladder(own, true);
	}

	/**
	 * Replaces the workspace's ladder. Keys are lower-case and unique, labels not blank. Refuses to remove a stage
	 * that any contact is on.
	 */
	@Transactional
	public Ladder configure(UUID workspaceId, List<Stage> stages) {
		if (stages == null || stages.isEmpty()) {
			throw new IllegalArgumentException("A ladder needs at least one stage.");
		}
		if (stages.size() > 20) {
			throw new IllegalArgumentException("A ladder has at most 20 stages.");
		}
		Set<String> keys = new HashSet<>();
		for (Stage s : stages) {
			if (s == null || s.key() == null || !KEY.matcher(s.key()).matches()) {
				throw new IllegalArgumentException("A stage key is lower-case letters, digits and _ and starts with a letter (at most 40): '"
						+ (s == null ? null : s.key()) + "'.");
			}
			if (!keys.add(s.key())) {
				throw new IllegalArgumentException("The stage key '" + s.key() + "' appears twice.");
			}
			if (s.label() == null || s.label().isBlank() || s.label().length() > 80) {
				throw new IllegalArgumentException("The stage '" + s.key() + "' needs a label of at most 80 characters.");
			}
		}
		// One configuration at a time per workspace.
		jdbc.sql("select pg_advisory_xact_lock(hashtext('stages:' || ?::text))").param(workspaceId).query().listOfRows();
		Ladder old = ladder(workspaceId);
		if (!stages.getFirst().key().equals(old.first())) {
			// Contacts nobody moved are on the old first stage; keep them there rather than move them silently.
			jdbc.sql("""
					insert into contact_stages(contact_id, workspace_id, stage)
					select c.id, c.workspace_id, ? from contacts c where c.workspace_id = ?
					on conflict (contact_id) do nothing""")
				.params(old.first(), workspaceId)
				.update();
		}
		List<String> inUse = jdbc.sql("""
				select stage from contact_stages where workspace_id = ? and not (stage = any(?::text[]))
				group by stage order by stage""")
			.params(workspaceId, keys.toArray(String[]::new))
			.query(String.class)
			.list();
		if (!inUse.isEmpty()) {
			throw new IllegalStateException("Contacts are on " + String.join(", ", inUse)
					+ "; move them to another stage before removing it.");
		}
		jdbc.sql("delete from stages where workspace_id = ?").param(workspaceId).update();
		for (int i = 0; i < stages.size(); i++) {
			jdbc.sql("insert into stages(workspace_id, key, label, position) values (?, ?, ?, ?)")
				.params(workspaceId, stages.get(i).key(), stages.get(i).label().strip(), i)
				.update();
		}
		return ladder(workspaceId);
	}

	/** The contact's current stage key. */
	public String current(UUID workspaceId, ContactId contact) {
		UUID contactId = contact == null ? null : contact.value();
		contacts.get(workspaceId, contactId);
		return storedStage(contactId).orElseGet(() -> ladder(workspaceId).first());
	}

	/** Where a contact stands on the ladder, and since when. */
	public record Placement(String stage, Instant since) {
	}

	/**
	 * The stages of the given contacts that were set (by hand or by an accepted proposal), with when; contacts left out
	 * stand on the ladder's first stage since they were created. For modules that rank many contacts at once.
	 */
	public Map<ContactId, Placement> placements(UUID workspaceId, Collection<ContactId> contacts) {
		Collection<UUID> contactIds = contacts.stream().map(ContactId::value).toList();
		Map<ContactId, Placement> placed = new HashMap<>();
		if (contactIds.isEmpty()) {
			return placed;
		}
		jdbc.sql("select contact_id, stage, changed_at from contact_stages where workspace_id = ? and contact_id = any(?)")
			.params(workspaceId, contactIds.stream().distinct().toArray(UUID[]::new))
			.query(rs -> {
				placed.put(new ContactId(rs.getObject(1, UUID.class)),
						new Placement(rs.getString(2), rs.getTimestamp(3).toInstant()));
			});
		return placed;
	}

	private java.util.Optional<String> storedStage(UUID contactId) {
		return jdbc.sql("select stage from contact_stages where contact_id = ?").param(contactId).query(String.class).optional();
	}

	/**
	 * Every stage change of the workspace, oldest first, as the events that announced them: for modules that keep
	 * their own figures of stage changes and must rebuild them.
	 */
	public void forEachChange(UUID workspaceId, java.util.function.Consumer<StageChanged> each) {
		jdbc.sql("""
				select contact_id, from_stage, to_stage, user_id, reason, at from stage_changes
				where workspace_id = ? order by at, id""")
			.param(workspaceId)
			.query(rs -> {
				each.accept(new StageChanged(workspaceId, rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
						rs.getObject(4, UUID.class), rs.getString(5), rs.getTimestamp(6).toInstant()));
			});
	}

	/** How many contacts of the workspace are on each stage now, by stage key (contacts without a row on the first). */
	public java.util.Map<String, Long> counts(UUID workspaceId) {
		java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
		Ladder ladder = ladder(workspaceId);
		ladder.stages().forEach(s -> counts.put(s.key(), 0L));
		jdbc.sql("""
				select coalesce(cs.stage, ?) as stage, count(*) from contacts c
				left join contact_stages cs on cs.contact_id = c.id where c.workspace_id = ? group by 1""")
			.params(ladder.first(), workspaceId)
			.query(rs -> {
				counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
			});
		return counts;
	}

	/** The newest changes first, at most {@code limit}. */
	public List<StageChange> history(UUID workspaceId, UUID contactId, int limit) {
		return jdbc.sql("""
				select from_stage, to_stage, at, by_name, reason from stage_changes
				where contact_id = ? and workspace_id = ? order by at desc, id limit ?""")
			.params(contactId, workspaceId, limit)
			.query((rs, n) -> new StageChange(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getString(4), rs.getString(5)))
			.list();
	}

	/**
	 * Moves the contact to {@code stage}, records the change and publishes {@link StageChanged}. Moving a contact to
	 * the stage it is on changes nothing.
	 *
	 * @return the stage the contact is on now
	 */
	@Transactional
	public String change(CurrentUser by, ContactId contact, String stage, String reason) {
		UUID contactId = contact == null ? null : contact.value();
		UUID workspaceId = by.workspaceId();
		// Locks the contact, so that concurrent changes are recorded one after the other.
		jdbc.sql("select id from contacts where id = ? and workspace_id = ? for update")
			.params(contactId, workspaceId)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No contact " + contactId + " in this workspace."));
		Ladder ladder = ladder(workspaceId);
		if (stage == null || ladder.indexOf(stage) < 0) {
			throw new IllegalArgumentException("Unknown stage '" + stage + "'; the stages are "
					+ String.join(", ", ladder.stages().stream().map(Stage::key).toList()) + ".");
		}
		String why = reason == null ? "" : reason.strip();
		if (why.length() > 1000) {
			throw new IllegalArgumentException("A reason has at most 1000 characters.");
		}
		String from = storedStage(contactId).orElse(ladder.first());
		if (from.equals(stage)) {
			return stage;
		}
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		jdbc.sql("""
				insert into contact_stages(contact_id, workspace_id, stage, changed_at) values (?, ?, ?, ?)
				on conflict (contact_id) do update set stage = excluded.stage, changed_at = excluded.changed_at""")
			.params(contactId, workspaceId, stage, java.sql.Timestamp.from(now))
			.update();
		jdbc.sql("""
				insert into stage_changes(id, workspace_id, contact_id, from_stage, to_stage, at, user_id, by_name, reason)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, contactId, from, stage, java.sql.Timestamp.from(now), by.userId(),
					by.displayName() == null ? "" : by.displayName(), why)
			.update();
		events.publishEvent(new StageChanged(workspaceId, contactId, from, stage, by.userId(), why, now));
		return stage;
	}
}
