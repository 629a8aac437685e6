package org.rapport.platform;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The workspaces of this installation. */
@Component
public class Workspaces {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,40}");

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	Workspaces(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** Creates a workspace and announces it with {@link WorkspaceCreated}, in the caller's transaction. */
	@Transactional
	public Workspace create(String name, String slug) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A workspace needs a name.");
		}
		if (slug == null || !SLUG.matcher(slug).matches()) {
			throw new IllegalArgumentException(
					"The short name '" + slug + "' must be 2-41 lower-case letters, digits or dashes.");
		}
		if (bySlug(slug).isPresent()) {
			throw new IllegalArgumentException("The short name '" + slug + "' is taken.");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into workspaces(id, slug, name) values (?, ?, ?)").params(id, slug, name.strip()).update();
		events.publishEvent(new WorkspaceCreated(id, slug));
		return get(id);
	}

	public Workspace get(UUID id) {
		return jdbc.sql("select * from workspaces where id = ?").param(id).query(MAPPER).optional()
			.orElseThrow(() -> new NotFoundException("No workspace " + id));
	}

	public Optional<Workspace> bySlug(String slug) {
		return jdbc.sql("select * from workspaces where slug = ?").param(slug).query(MAPPER).optional();
	}

	/** How many workspaces the installation has. */
	public int count() {
		return jdbc.sql("select count(*) from workspaces").query(Integer.class).single();
	}

	public List<Workspace> all() {
		return jdbc.sql("select * from workspaces order by name").query(MAPPER).list();
	}

	/** Changes a workspace's name, time zone and business hours; announced with {@link WorkspaceSettingsChanged}. */
	public void updateSettings(UUID id, String name, ZoneId timeZone, BusinessHours hours) {
		jdbc.sql("update workspaces set name = ?, time_zone = ?, business_hours = ?::jsonb where id = ?")
			.params(name.strip(), timeZone.getId(), hours.toJson(), id)
			.update();
		events.publishEvent(new WorkspaceSettingsChanged(id));
	}

	private static final RowMapper<Workspace> MAPPER = (rs, n) -> new Workspace(rs.getObject("id", UUID.class),
			rs.getString("slug"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
			BusinessHours.parse(rs.getString("business_hours")));
}
