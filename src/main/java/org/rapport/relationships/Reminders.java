package org.rapport.relationships;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.Contacts;
import org.rapport.inbox.ContactActivity;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.UuidOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reminders to get in touch: once at a set time, or "stay in touch every N weeks". The due time of a recurring
 * reminder is never stored but computed from the contact's last message or activity (either direction, internal
 * notes excluded), so every contact moves it back without anyone having to reschedule it, and a missed one stays due
 * until someone gets in touch or marks it done.
 */
@Component
public class Reminders {

	/** The longest note, in characters. */
	static final int MAX_NOTE = 1000;

	/** The longest rhythm: ten years. */
	static final int MAX_WEEKS = 520;

	/** The columns of a stored reminder, as {@link #row} reads them. */
	static final String SELECT = """
			select r.id, r.workspace_id, r.contact_id, r.note, r.due_at, r.anchor_at, r.every_weeks, r.assignee_id, r.created_by,
			  r.created_at, r.done_at, r.mailed_at, r.mail_error
			from reminders r
			""";

	/** A reminder as stored: a recurring one without its due time, which depends on the last contact. */
	record Stored(UUID id, UUID workspaceId, UUID contactId, String note, Instant dueAt, Instant anchorAt,
			Integer everyWeeks, UUID assigneeId, UUID createdBy, Instant createdAt, Instant doneAt, Instant mailedAt,
			String mailError) {

		/** Whom it reminds: the assignee, else its creator. */
		UUID remindsWhom() {
			return assigneeId != null ? assigneeId : createdBy;
		}
	}

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final Members members;
	private final ContactActivity activity;

	Reminders(JdbcClient jdbc, Contacts contacts, Members members, ContactActivity activity) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.members = members;
		this.activity = activity;
	}

	/**
	 * When a reminder is due: a one-off one at its time, a recurring one N weeks after the last message or activity
	 * with the contact, or after it was created or last marked done, whichever is later. The weeks are counted in
	 * calendar days of the application's time zone. Shared with {@link ReminderMails} and {@link ReachOut} so that the
	 * list, the badge and the mail agree.
	 */
	static Instant due(Stored r, Instant lastContact) {
		if (r.everyWeeks() == null) {
			return r.dueAt();
		}
		Instant from = lastContact != null && lastContact.isAfter(r.anchorAt()) ? lastContact : r.anchorAt();
		return from.atZone(ZoneId.systemDefault()).plusWeeks(r.everyWeeks()).toInstant();
	}

	/** The due times of reminders of one workspace, asking the inbox once for the last contact with all their contacts. */
	Map<UUID, Instant> dueTimes(UUID workspaceId, List<Stored> reminders) {
		Map<UUID, Instant> last = ContactId.byValue(activity.lastContact(workspaceId,
				ContactId.all(reminders.stream().filter(r -> r.everyWeeks() != null).map(Stored::contactId).distinct().toList())));
		Map<UUID, Instant> due = new HashMap<>();
		reminders.forEach(r -> due.put(r.id(), due(r, last.get(r.contactId()))));
		return due;
	}

	/** The workspace's open reminders due at {@code now}, each with its due time, earliest first. */
	Map<Stored, Instant> dueAt(UUID workspaceId, Instant now) {
		List<Stored> open = jdbc.sql(SELECT + " where r.workspace_id = ? and r.done_at is null"
				+ " and (r.every_weeks is not null or r.due_at <= ?)")
			.params(workspaceId, Timestamp.from(now))
			.query((rs, n) -> row(rs))
			.list();
		Map<UUID, Instant> due = dueTimes(workspaceId, open);
		Map<Stored, Instant> dueNow = new LinkedHashMap<>();
		open.stream()
			.filter(r -> !due.get(r.id()).isAfter(now))
			.sorted(Comparator.comparing((Stored r) -> due.get(r.id())).thenComparing(Stored::id, UuidOrder.DATABASE))
			.forEach(r -> dueNow.put(r, due.get(r.id())));
		return dueNow;
	}

	/**
	 * Reach-out planned for a period and done: one-off reminders due in it, and how many of them were marked done.
	 * "Stay in touch" reminders have no fixed time to count against and are left out.
	 */
	public record Planned(long planned, long done) {
	}

	/** The {@link Planned} reach-out of the workspace due from {@code from} (included) to {@code to} (excluded). */
	public Planned plannedBetween(UUID workspaceId, Instant from, Instant to) {
		return jdbc.sql("""
				select count(*) as planned, count(*) filter (where done_at is not null) as done from reminders
				where workspace_id = ? and every_weeks is null and due_at >= ? and due_at < ?""")
			.params(workspaceId, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query((rs, n) -> new Planned(rs.getLong("planned"), rs.getLong("done")))
			.single();
	}

	/**
	 * Sets a reminder for a contact: either {@code dueAt} or {@code everyWeeks}, not both.
	 *
	 * @param assigneeId the member to remind, {@code null} for the creator
	 * @throws IllegalArgumentException when neither or both of {@code dueAt} and {@code everyWeeks} are given,
	 *         {@code everyWeeks} is not 1 to 520, the note is too long or the assignee is no member of the workspace
	 * @throws NotFoundException when the contact is not in the workspace
	 */
	public Reminder create(CurrentUser by, ContactId contact, String note, Instant dueAt, Integer everyWeeks, UUID assigneeId) {
		UUID contactId = contact == null ? null : contact.value();
		by.requireWorker();
		contacts.get(by.workspaceId(), contact);
		if (dueAt == null && everyWeeks == null) {
			throw new IllegalArgumentException("Say when: dueAt for a one-off reminder, or everyWeeks to stay in touch every N weeks.");
		}
		if (dueAt != null && everyWeeks != null) {
			throw new IllegalArgumentException("Give either dueAt or everyWeeks, not both.");
		}
		if (everyWeeks != null && (everyWeeks < 1 || everyWeeks > MAX_WEEKS)) {
			throw new IllegalArgumentException("everyWeeks must be between 1 and " + MAX_WEEKS + ", not " + everyWeeks + ".");
		}
		String text = note == null ? "" : note.strip();
		if (text.length() > MAX_NOTE) {
			throw new IllegalArgumentException("A reminder note has at most " + MAX_NOTE + " characters, not " + text.length() + ".");
		}
		if (assigneeId != null && members.of(by.workspaceId(), assigneeId).isEmpty()) {
			throw new IllegalArgumentException("The assignee " + assigneeId + " is not a member of this workspace.");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into reminders(id, workspace_id, contact_id, note, due_at, every_weeks, assignee_id, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, by.workspaceId(), contactId, text, dueAt == null ? null : Timestamp.from(dueAt), everyWeeks,
					assigneeId, by.userId())
			.update();
		return get(by.workspaceId(), id);
	}

	public Reminder get(UUID workspaceId, UUID id) {
		return named(workspaceId, jdbc.sql(SELECT + " where r.id = ? and r.workspace_id = ?")
			.params(id, workspaceId)
			.query((rs, n) -> row(rs))
			.list(), Integer.MAX_VALUE).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No reminder " + id + " in this workspace."));
	}

	/** Open reminders of the workspace, due first; with {@code dueOnly} just those due now. */
	public List<Reminder> open(UUID workspaceId, boolean dueOnly, int limit) {
		List<Stored> open = jdbc.sql(SELECT + " where r.workspace_id = ? and r.done_at is null"
				+ (dueOnly ? " and (r.every_weeks is not null or r.due_at <= now())" : ""))
			.param(workspaceId)
			.query((rs, n) -> row(rs))
			.list();
		if (dueOnly) {
			Instant now = Instant.now();
			Map<UUID, Instant> due = dueTimes(workspaceId, open);
			open = open.stream().filter(r -> !due.get(r.id()).isAfter(now)).toList();
		}
		return named(workspaceId, open, limit);
	}

	/** Open reminders of one contact, due first. */
	public List<Reminder> ofContact(UUID workspaceId, UUID contactId) {
		return named(workspaceId, jdbc.sql(SELECT + " where r.workspace_id = ? and r.contact_id = ? and r.done_at is null")
			.params(workspaceId, contactId)
			.query((rs, n) -> row(rs))
			.list(), Integer.MAX_VALUE);
	}

	/** How many reminders are due now for the member: assigned to them, or created by them and not assigned. */
	public int dueFor(UUID workspaceId, UUID userId) {
		List<Stored> open = jdbc.sql(SELECT + """
				where r.workspace_id = ? and r.done_at is null and coalesce(r.assignee_id, r.created_by) = ?
				  and (r.every_weeks is not null or r.due_at <= now())""")
			.params(workspaceId, userId)
			.query((rs, n) -> row(rs))
			.list();
		Instant now = Instant.now();
		return (int) dueTimes(workspaceId, open).values().stream().filter(due -> !due.isAfter(now)).count();
	}

	/**
	 * Marks a reminder done. A one-off reminder is closed; a recurring one starts its next round now, so it is due
	 * again N weeks from now or from the next contact, whichever is later.
	 */
	public Reminder done(CurrentUser by, UUID id) {
		by.requireWorker();
		int changed = jdbc.sql("""
				update reminders set done_at = case when every_weeks is null then now() end,
				  anchor_at = case when every_weeks is null then anchor_at else now() end
				where id = ? and workspace_id = ? and done_at is null""")
			.params(id, by.workspaceId())
			.update();
		if (changed == 0) {
			Reminder existing = get(by.workspaceId(), id);
			throw new IllegalStateException("This reminder was already marked done at " + existing.doneAt() + ".");
		}
		return get(by.workspaceId(), id);
	}

	public void delete(CurrentUser by, UUID id) {
		by.requireWorker();
		if (jdbc.sql("delete from reminders where id = ? and workspace_id = ?").params(id, by.workspaceId()).update() == 0) {
			throw new NotFoundException("No reminder " + id + " in this workspace.");
		}
	}

	/**
	 * The first {@code limit} of the reminders in order of their due time (then id), with their due times and the names
	 * of their contacts and of whom they remind, asked for all at once; reminders of a contact no longer there are left
	 * out.
	 */
	private List<Reminder> named(UUID workspaceId, List<Stored> reminders, int limit) {
		if (reminders.isEmpty()) {
			return List.of();
		}
		Map<UUID, Instant> due = dueTimes(workspaceId, reminders);
		Map<UUID, String> contactNames = new HashMap<>();
		contacts.all(workspaceId, ContactId.all(reminders.stream().map(Stored::contactId).distinct().toList()))
			.forEach(c -> contactNames.put(c.id(), c.name()));
		List<Stored> first = reminders.stream()
			.filter(r -> contactNames.containsKey(r.contactId()))
			.sorted(Comparator.comparing((Stored r) -> due.get(r.id())).thenComparing(Stored::id, UuidOrder.DATABASE))
			.limit(limit)
			.toList();
		Map<UUID, String> memberNames = members.displayNames(first.stream().map(Stored::remindsWhom).toList());
		Instant now = Instant.now();
		return first.stream().map(r -> {
			Instant dueAt = due.get(r.id());
			return new Reminder(r.id(), r.contactId(), contactNames.get(r.contactId()), r.note(), dueAt, r.everyWeeks(),
					r.assigneeId(), memberNames.get(r.remindsWhom()), r.createdBy(), r.createdAt(), r.doneAt(),
					r.doneAt() == null && !dueAt.isAfter(now), r.mailedAt(), r.mailError());
		}).toList();
	}

	static Stored row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Stored(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("contact_id", UUID.class),
				rs.getString("note"), instant(rs.getTimestamp("due_at")), instant(rs.getTimestamp("anchor_at")),
				(Integer) rs.getObject("every_weeks"), rs.getObject("assignee_id", UUID.class),
				rs.getObject("created_by", UUID.class), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("done_at")), instant(rs.getTimestamp("mailed_at")), rs.getString("mail_error"));
	}

	private static Instant instant(Timestamp at) {
		return at == null ? null : at.toInstant();
	}
}
