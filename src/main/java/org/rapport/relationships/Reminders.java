package org.rapport.relationships;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.contacts.Contacts;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.NotFoundException;
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

	/**
	 * The due time of reminder {@code r}, given {@code lc.last_contact}. Shared with {@link ReminderMails} and
	 * {@link ReachOut} so that the list, the badge and the mail agree.
	 */
	static final String DUE = """
			(case when r.every_weeks is null then r.due_at
			 else greatest(r.anchor_at, coalesce(lc.last_contact, r.anchor_at)) + make_interval(weeks => r.every_weeks) end)""";

	/** The last message or activity with the reminder's contact, as {@code lc.last_contact}. */
	static final String LAST_CONTACT = """
			left join lateral (select max(m.sent_at) as last_contact from conversations c
			  join messages m on m.conversation_id = c.id
			  where c.contact_id = r.contact_id and m.kind <> 'note') lc on r.every_weeks is not null""";

	private static final String SELECT = """
			select r.id, r.contact_id, k.name, r.note, %s as due, r.every_weeks, r.assignee_id, u.display_name,
			  r.created_by, r.created_at, r.done_at, r.mailed_at, r.mail_error
			from reminders r join contacts k on k.id = r.contact_id
			left join users u on u.id = coalesce(r.assignee_id, r.created_by)
			%s
			""".formatted(DUE, LAST_CONTACT);

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final Members members;

	Reminders(JdbcClient jdbc, Contacts contacts, Members members) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.members = members;
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
	public Reminder create(CurrentUser by, UUID contactId, String note, Instant dueAt, Integer everyWeeks, UUID assigneeId) {
		by.requireWorker();
		contacts.get(by.workspaceId(), contactId);
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
		return jdbc.sql(SELECT + " where r.id = ? and r.workspace_id = ?")
			.params(id, workspaceId)
			.query((rs, n) -> row(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("No reminder " + id + " in this workspace."));
	}

	/** Open reminders of the workspace, due first; with {@code dueOnly} just those due now. */
	public List<Reminder> open(UUID workspaceId, boolean dueOnly, int limit) {
		return jdbc.sql("select * from (" + SELECT + " where r.workspace_id = ? and r.done_at is null) x "
				+ (dueOnly ? "where x.due <= now() " : "") + "order by x.due, x.id limit ?")
			.params(workspaceId, limit)
			.query((rs, n) -> row(rs))
			.list();
	}

	/** Open reminders of one contact, due first. */
	public List<Reminder> ofContact(UUID workspaceId, UUID contactId) {
		return jdbc.sql("select * from (" + SELECT + " where r.workspace_id = ? and r.contact_id = ? and r.done_at is null) x "
				+ "order by x.due, x.id")
			.params(workspaceId, contactId)
			.query((rs, n) -> row(rs))
			.list();
	}

	/** How many reminders are due now for the member: assigned to them, or created by them and not assigned. */
	public int dueFor(UUID workspaceId, UUID userId) {
		return jdbc.sql("select count(*) from reminders r " + LAST_CONTACT
				+ " where r.workspace_id = ? and r.done_at is null and coalesce(r.assignee_id, r.created_by) = ? and " + DUE
				+ " <= now()")
			.params(workspaceId, userId)
			.query(Integer.class)
			.single();
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

	private static Reminder row(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp due = rs.getTimestamp(5);
		Timestamp done = rs.getTimestamp(11);
		Timestamp mailed = rs.getTimestamp(12);
		Instant dueAt = due.toInstant();
		return new Reminder(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
				dueAt, (Integer) rs.getObject(6), rs.getObject(7, UUID.class), rs.getString(8),
				rs.getObject(9, UUID.class), rs.getTimestamp(10).toInstant(), done == null ? null : done.toInstant(),
				done == null && !dueAt.isAfter(Instant.now()), mailed == null ? null : mailed.toInstant(),
				rs.getString(13));
	}
}
