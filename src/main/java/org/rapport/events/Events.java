package org.rapport.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The events of a workspace. Every query is scoped to the workspace, so an id of another workspace is not found. */
@Component
public class Events {

	public static final List<String> KINDS = List.of("fair", "congress", "conference", "meetup", "other");

	private static final Set<String> KIND_SET = Set.copyOf(KINDS);

	static final RowMapper<Event> EVENT = (rs, n) -> new Event(rs.getObject("id", UUID.class), rs.getString("name"),
			rs.getString("kind"), rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
			rs.getString("place"), rs.getString("city"), rs.getString("website"), rs.getString("notes"),
			rs.getTimestamp("created_at").toInstant());

	private final JdbcClient jdbc;

	Events(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Event create(UUID workspaceId, EventInput input) {
		EventInput in = checked(input);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into events(id, workspace_id, name, kind, starts_at, ends_at, place, city, website, notes)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, in.name(), in.kind(), Timestamp.from(in.startsAt()), Timestamp.from(in.endsAt()),
					in.place(), in.city(), in.website(), in.notes())
			.update();
		return get(workspaceId, id);
	}

	/** Changes the fields given; the others keep their value. */
	public Event update(UUID workspaceId, UUID id, EventInput change) {
		EventInput in = checked(change.over(get(workspaceId, id)));
		jdbc.sql("""
				update events set name = ?, kind = ?, starts_at = ?, ends_at = ?, place = ?, city = ?, website = ?,
				  notes = ?, updated_at = now()
				where id = ? and workspace_id = ?""")
			.params(in.name(), in.kind(), Timestamp.from(in.startsAt()), Timestamp.from(in.endsAt()), in.place(),
					in.city(), in.website(), in.notes(), id, workspaceId)
			.update();
		return get(workspaceId, id);
	}

	/** Deletes the event with its attendee list and meeting plan; activities already logged stay on the timelines. */
	public void delete(UUID workspaceId, UUID id) {
		if (jdbc.sql("delete from events where id = ? and workspace_id = ?").params(id, workspaceId).update() == 0) {
			throw notFound(id);
		}
	}

	public Optional<Event> find(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from events where id = ? and workspace_id = ?").params(id, workspaceId).query(EVENT)
			.optional();
	}

	public Event get(UUID workspaceId, UUID id) {
		return find(workspaceId, id).orElseThrow(() -> notFound(id));
	}

	/** Events that have not ended yet, soonest first. */
	public List<Event> upcoming(UUID workspaceId, Instant now, int limit) {
		return jdbc.sql("select * from events where workspace_id = ? and ends_at >= ? order by starts_at, id limit ?")
			.params(workspaceId, Timestamp.from(now), limit)
			.query(EVENT)
			.list();
	}

	/** Events that are over, the latest first. */
	public List<Event> past(UUID workspaceId, Instant now, int limit) {
		return jdbc.sql("select * from events where workspace_id = ? and ends_at < ? order by starts_at desc, id limit ?")
			.params(workspaceId, Timestamp.from(now), limit)
			.query(EVENT)
			.list();
	}

	static NotFoundException notFound(UUID id) {
		return new NotFoundException("No event " + id + " in this workspace.");
	}

	private static EventInput checked(EventInput in) {
		if (in == null) {
			throw new IllegalArgumentException("Send an event: name, kind, startsAt, endsAt and optionally place, city, website, notes.");
		}
		String name = strip(in.name());
		if (name.isEmpty()) {
			throw new IllegalArgumentException("An event needs a name.");
		}
		if (name.length() > 200) {
			throw new IllegalArgumentException("An event name has at most 200 characters.");
		}
		String kind = in.kind() == null || in.kind().isBlank() ? "other" : in.kind().strip();
		if (!KIND_SET.contains(kind)) {
			throw new IllegalArgumentException("kind must be one of " + String.join(", ", KINDS) + "; not '" + kind + "'.");
		}
		if (in.startsAt() == null || in.endsAt() == null) {
			throw new IllegalArgumentException("An event needs startsAt and endsAt.");
		}
		if (in.endsAt().isBefore(in.startsAt())) {
			throw new IllegalArgumentException("The event ends (" + in.endsAt() + ") before it starts (" + in.startsAt()
					+ ").");
		}
		String website = strip(in.website());
		if (!website.isEmpty()) {
			checkWebsite(website);
		}
		String place = strip(in.place());
		String city = strip(in.city());
		String notes = in.notes() == null ? "" : in.notes().strip();
		if (place.length() > 300 || city.length() > 200) {
			throw new IllegalArgumentException("Place has at most 300 and city at most 200 characters.");
		}
		if (notes.length() > 20_000) {
			throw new IllegalArgumentException("Notes have at most 20000 characters.");
		}
		return new EventInput(name, kind, in.startsAt(), in.endsAt(), place, city, website, notes);
	}

	private static void checkWebsite(String website) {
		try {
			URI uri = new URI(website);
			if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
					|| uri.getHost() == null || website.length() > 2000) {
				throw new IllegalArgumentException("The website must be an http(s) address, not '" + website + "'.");
			}
		}
		catch (URISyntaxException e) {
			throw new IllegalArgumentException("The website must be an http(s) address, not '" + website + "'.");
		}
	}

	private static String strip(String s) {
		return s == null ? "" : s.strip();
	}
}
