package org.rapport.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.platform.ContactId;
import org.rapport.contacts.Contacts;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.UuidOrder;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The team's meeting plan for an event: whom to meet when, where, who of the team goes, and why. Meetings are
 * planned with attendees only, and around the event's days; a logged meeting no longer changes.
 */
@Component
public class Meetings {

	/** How far before its start and after its end a meeting at an event may lie (arrival, dinner the day after). */
	static final Duration MARGIN = Duration.ofDays(1);

	private static final String SELECT = """
			select m.id, m.event_id, m.contact_id, m.at, m.place, m.member_id, m.goal, m.outcome, m.summary,
			  m.conversation_id, m.logged_at
			from event_meetings m
			""";

	/** A meeting as stored, without the names of the contact and the member ({@link #named} adds them). */
	private static final RowMapper<Meeting> MEETING = (rs, n) -> new Meeting(rs.getObject("id", UUID.class),
			rs.getObject("event_id", UUID.class), rs.getObject("contact_id", UUID.class), null,
			rs.getTimestamp("at").toInstant(), rs.getString("place"), rs.getObject("member_id", UUID.class), null,
			rs.getString("goal"), rs.getString("outcome"), rs.getString("summary"),
			rs.getObject("conversation_id", UUID.class),
			rs.getTimestamp("logged_at") == null ? null : rs.getTimestamp("logged_at").toInstant());

	private final JdbcClient jdbc;
	private final Events events;
	private final Attendees attendees;
	private final Contacts contacts;
	private final Members members;
	private final ContactNames contactNames;

	Meetings(JdbcClient jdbc, Events events, Attendees attendees, Contacts contacts, Members members,
			ContactNames contactNames) {
		this.jdbc = jdbc;
		this.events = events;
		this.attendees = attendees;
		this.contacts = contacts;
		this.members = members;
		this.contactNames = contactNames;
	}

	/**
	 * Meetings at events planned for a period, and what came of them.
	 *
	 * @param met logged as met; {@code notMet} logged as not met; the rest are not logged yet
	 */
	public record Held(long planned, long met, long notMet) {
	}

	/** The {@link Held} meetings of the workspace whose time lies from {@code from} (included) to {@code to}. */
	public Held heldBetween(UUID workspaceId, Instant from, Instant to) {
		return jdbc.sql("""
				select count(*) as planned, count(*) filter (where outcome = 'met') as met,
				  count(*) filter (where outcome = 'not_met') as not_met
				from event_meetings where workspace_id = ? and at >= ? and at < ?""")
			.params(workspaceId, Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> new Held(rs.getLong("planned"), rs.getLong("met"), rs.getLong("not_met")))
			.single();
	}

	/** A meeting to plan, or the fields to change ({@code null} keeps the current value). */
	public record MeetingInput(UUID contactId, Instant at, String place, UUID memberId, String goal) {
	}

	/**
	 * Plans a meeting with an attendee.
	 *
	 * @throws NotFoundException when the event, the contact or the member is not in the workspace
	 * @throws IllegalArgumentException when the contact does not attend, or the time lies outside the event's days
	 */
	@Transactional
	public Meeting plan(UUID workspaceId, UUID eventId, MeetingInput input) {
		Event event = events.get(workspaceId, eventId);
		if (input == null || input.contactId() == null) {
			throw new IllegalArgumentException("A meeting needs the contactId of an attendee.");
		}
		contacts.get(workspaceId, ContactId.of(input.contactId()));
		if (!attendees.attends(workspaceId, eventId, input.contactId())) {
			throw new IllegalArgumentException("Contact " + input.contactId() + " does not attend '" + event.name()
					+ "'; add them as an attendee before planning a meeting.");
		}
		checkTime(event, input.at());
		checkMember(workspaceId, input.memberId());
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into event_meetings(id, workspace_id, event_id, contact_id, at, place, member_id, goal)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, eventId, input.contactId(), Timestamp.from(input.at()),
					Attendees.limit(input.place(), 300), input.memberId(), Attendees.limit(input.goal(), 2000))
			.update();
		return get(workspaceId, eventId, id);
	}

	/** Changes a planned meeting; refuses one that was logged already. */
	@Transactional
	public Meeting update(UUID workspaceId, UUID eventId, UUID meetingId, MeetingInput change) {
		Event event = events.get(workspaceId, eventId);
		Meeting current = get(workspaceId, eventId, meetingId);
		if (current.logged()) {
			throw new IllegalStateException("This meeting was logged already (" + current.outcome() + "); it no longer changes.");
		}
		if (change.contactId() != null && !change.contactId().equals(current.contactId())) {
			throw new IllegalArgumentException("A meeting stays with its contact; plan a new meeting for another attendee.");
		}
		Instant at = change.at() != null ? change.at() : current.at();
		checkTime(event, at);
		UUID member = change.memberId() != null ? change.memberId() : current.memberId();
		checkMember(workspaceId, member);
		jdbc.sql("update event_meetings set at = ?, place = ?, member_id = ?, goal = ? where id = ? and workspace_id = ?")
			.params(Timestamp.from(at), Attendees.limit(change.place() != null ? change.place() : current.place(), 300),
					member, Attendees.limit(change.goal() != null ? change.goal() : current.goal(), 2000), meetingId,
					workspaceId)
			.update();
		return get(workspaceId, eventId, meetingId);
	}

	/** Removes a planned meeting; a logged one stays, as its activity is on the contact's timeline. */
	public void delete(UUID workspaceId, UUID eventId, UUID meetingId) {
		Meeting current = get(workspaceId, eventId, meetingId);
		if (current.logged()) {
			throw new IllegalStateException("This meeting was logged already; it stays as a record of what happened.");
		}
		jdbc.sql("delete from event_meetings where id = ? and workspace_id = ?").params(meetingId, workspaceId).update();
	}

	public Meeting get(UUID workspaceId, UUID eventId, UUID meetingId) {
		List<Meeting> found = named(workspaceId, jdbc.sql(SELECT + " where m.id = ? and m.event_id = ? and m.workspace_id = ?")
			.params(meetingId, eventId, workspaceId)
			.query(MEETING)
			.list());
		if (found.isEmpty()) {
			throw new NotFoundException("No meeting " + meetingId + " at this event.");
		}
		return found.getFirst();
	}

	/** The event's meetings by time: the team's plan. */
	public List<Meeting> of(UUID workspaceId, UUID eventId) {
		events.get(workspaceId, eventId);
		List<Meeting> meetings = jdbc.sql(SELECT + " where m.event_id = ? and m.workspace_id = ?")
			.params(eventId, workspaceId)
			.query(MEETING)
			.list();
		ContactNames.Names names = contactNames.of(workspaceId, meetings.stream().map(Meeting::contactId).toList());
		return named(names, meetings).stream()
			.sorted(Comparator.comparing(Meeting::at)
				.thenComparing(Meeting::contactId, names.alphabetical())
				.thenComparing(Meeting::id, UuidOrder.DATABASE))
			.toList();
	}

	/** The given meetings of the event, locked for logging. */
	List<Meeting> lockForLogging(UUID workspaceId, UUID eventId, Collection<UUID> ids) {
		jdbc.sql("select id from event_meetings where id = any(?::uuid[]) and event_id = ? and workspace_id = ? order by id for update")
			.params(ids.toArray(UUID[]::new), eventId, workspaceId)
			.query(UUID.class)
			.list();
		return named(workspaceId, jdbc.sql(SELECT + " where m.id = any(?::uuid[]) and m.event_id = ? and m.workspace_id = ? order by m.at, m.id")
			.params(ids.toArray(UUID[]::new), eventId, workspaceId)
			.query(MEETING)
			.list());
	}

	/** The meetings with the names of their contacts and members, asked for all at once. */
	private List<Meeting> named(UUID workspaceId, List<Meeting> meetings) {
		return named(contactNames.of(workspaceId, meetings.stream().map(Meeting::contactId).toList()), meetings);
	}

	/**
	 * The meetings with the names of their contacts and members (a former member's name stays; none gives ""); a
	 * meeting whose contact is gone is left out.
	 */
	private List<Meeting> named(ContactNames.Names names, List<Meeting> meetings) {
		Map<UUID, String> memberNames = members.displayNames(
				meetings.stream().map(Meeting::memberId).filter(Objects::nonNull).collect(Collectors.toSet()));
		return meetings.stream()
			.filter(m -> names.has(m.contactId()))
			.map(m -> new Meeting(m.id(), m.eventId(), m.contactId(), names.of(m.contactId()), m.at(), m.place(),
					m.memberId(), m.memberId() == null ? "" : memberNames.getOrDefault(m.memberId(), ""), m.goal(),
					m.outcome(), m.summary(), m.conversationId(), m.loggedAt()))
			.toList();
	}

	private static void checkTime(Event event, Instant at) {
		if (at == null) {
			throw new IllegalArgumentException("A meeting needs a time (at).");
		}
		if (at.isBefore(event.startsAt().minus(MARGIN)) || at.isAfter(event.endsAt().plus(MARGIN))) {
			throw new IllegalArgumentException("The meeting at " + at + " lies outside '" + event.name() + "' ("
					+ event.startsAt() + " to " + event.endsAt() + ", give or take a day).");
		}
	}

	private void checkMember(UUID workspaceId, UUID memberId) {
		if (memberId != null && members.of(workspaceId, memberId).isEmpty()) {
			throw new NotFoundException("No team member " + memberId + " in this workspace.");
		}
	}
}
