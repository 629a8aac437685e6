package org.rapport.relationships;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.channels.DeliveryException;
import org.rapport.channels.Mailer;
import org.rapport.contacts.Contacts;
import org.rapport.platform.ContactId;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.UuidOrder;
import org.rapport.platform.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Mails each reminder to its assignee (or its creator) once when it falls due. Safe with several nodes: a run claims
 * the due reminders with {@code FOR UPDATE SKIP LOCKED} and records the due time it mails for in the same statement,
 * before any mail leaves, so no other run (on this node or another) picks the same reminder for the same due time.
 * A mail the SMTP server did not take (a retryable failure, e.g. no mailbox connected or the server unreachable) is
 * released again for the next run; any other failure is recorded on the reminder and not retried, so nothing is ever
 * mailed twice. A recurring reminder that falls due again later is mailed again then.
 */
@Component
class ReminderMails {

	private static final Logger log = LoggerFactory.getLogger(ReminderMails.class);

	/** How many reminders one run mails at most; the rest follow in the next run. */
	static final int BATCH = 200;

	private final JdbcClient jdbc;
	private final Mailer mailer;
	private final Members members;
	private final Contacts contacts;
	private final Reminders reminders;
	private final Workspaces workspaces;
	private final MessageSource messages;
	private final RapportProperties properties;

	ReminderMails(JdbcClient jdbc, Mailer mailer, Members members, Contacts contacts, Reminders reminders,
			Workspaces workspaces, MessageSource messages, RapportProperties properties) {
		this.jdbc = jdbc;
		this.mailer = mailer;
		this.members = members;
		this.contacts = contacts;
		this.reminders = reminders;
		this.workspaces = workspaces;
		this.messages = messages;
		this.properties = properties;
	}

	private record Claimed(UUID id, UUID workspaceId, UUID contactId, String contactName, String note, Instant due,
			Timestamp previous, UUID recipient) {
	}

	/** Runs {@link #run} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork runRecurring(@Value("${rapport.reminders.mail-interval:60s}") Duration interval) {
		return RecurringWork.every("reminder-mails", interval, this::run);
	}

	void run() {
		try {
			int sent = sendDue();
			if (sent > 0) {
				log.info("Mailed {} due reminders", sent);
			}
		}
		catch (RuntimeException e) {
			log.warn("Could not mail due reminders: {}", e.getMessage());
		}
	}

	/** Claims and mails the reminders due now; returns how many mails went out. */
	int sendDue() {
		// Due times depend on the last contact, which the inbox answers per workspace; the claim is then one
		// statement, so one transaction, committed before the first mail leaves. A reminder another node claimed
		// meanwhile no longer matches (its mailed_for is no longer before the due time) and is left out.
		Instant now = Instant.now();
		Map<UUID, Timestamp> previous = new HashMap<>();
		List<Reminders.Stored> open = jdbc.sql("""
				select r.* from reminders r
				where r.done_at is null and (r.every_weeks is not null or r.due_at <= now())""")
			.query((rs, n) -> {
				previous.put(rs.getObject("id", UUID.class), rs.getTimestamp("mailed_for"));
				return Reminders.row(rs);
			})
			.list();
		Map<UUID, Instant> due = new HashMap<>();
		open.stream()
			.collect(Collectors.groupingBy(Reminders.Stored::workspaceId))
			.forEach((workspace, ofWorkspace) -> due.putAll(reminders.dueTimes(workspace, ofWorkspace)));
		List<Reminders.Stored> toClaim = open.stream()
			.filter(r -> !due.get(r.id()).isAfter(now))
			.filter(r -> previous.get(r.id()) == null || previous.get(r.id()).toInstant().isBefore(due.get(r.id())))
			.sorted(java.util.Comparator.comparing(Reminders.Stored::id, UuidOrder.DATABASE))
			.limit(BATCH)
			.toList();
		if (toClaim.isEmpty()) {
			return 0;
		}
		List<Claimed> claimed = jdbc.sql("""
				update reminders r set mailed_for = cast(d.due as timestamptz), mail_error = null
				from unnest(cast(? as uuid[]), cast(? as text[])) as d(id, due)
				where r.id = d.id and r.done_at is null
				  and (r.mailed_for is null or r.mailed_for < cast(d.due as timestamptz))
				returning r.id, r.workspace_id, r.contact_id, r.note, r.mailed_for, coalesce(r.assignee_id, r.created_by)""")
			.params(toClaim.stream().map(Reminders.Stored::id).toArray(UUID[]::new),
					toClaim.stream().map(r -> due.get(r.id()).toString()).toArray(String[]::new))
			.query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), null, rs.getString(4), rs.getTimestamp(5).toInstant(),
					previous.get(rs.getObject(1, UUID.class)), rs.getObject(6, UUID.class)))
			.list();
		claimed = named(claimed);
		int sent = 0;
		for (Claimed reminder : claimed) {
			if (send(reminder)) {
				sent++;
			}
		}
		return sent;
	}

	/** The claimed reminders with their contacts' names, asked once per workspace in the batch. */
	private List<Claimed> named(List<Claimed> claimed) {
		Map<UUID, String> names = new HashMap<>();
		claimed.stream()
			.collect(Collectors.groupingBy(Claimed::workspaceId, Collectors.mapping(Claimed::contactId, Collectors.toList())))
			.forEach((workspace, ids) -> contacts.all(workspace, ContactId.all(ids)).forEach(c -> names.put(c.id(), c.name())));
		return claimed.stream()
			.map(r -> new Claimed(r.id(), r.workspaceId(), r.contactId(), names.getOrDefault(r.contactId(), ""), r.note(),
					r.due(), r.previous(), r.recipient()))
			.toList();
	}

	private boolean send(Claimed reminder) {
		Optional<Member> to = reminder.recipient() == null ? Optional.empty()
				: members.of(reminder.workspaceId(), reminder.recipient());
		if (to.isEmpty()) {
			failed(reminder, "Nobody to mail: the assigned member has left the workspace.", false);
			return false;
		}
		ZoneId zone = workspaces.get(reminder.workspaceId()).timeZone();
		try {
			mailer.send(reminder.workspaceId(), to.get().email(), subject(reminder), text(reminder, zone), Map.of());
		}
		catch (DeliveryException e) {
			failed(reminder, e.getMessage(), e.retryable());
			return false;
		}
		catch (RuntimeException e) {
			failed(reminder, String.valueOf(e.getMessage()), false);
			return false;
		}
		jdbc.sql("update reminders set mailed_at = now(), mail_error = null where id = ?").param(reminder.id()).update();
		return true;
	}

	/** Records why a mail failed; a retryable failure (nothing was handed over) is released for the next run. */
	private void failed(Claimed reminder, String why, boolean retry) {
		String text = why == null ? "" : why.length() > 500 ? why.substring(0, 500) : why;
		if (retry) {
			jdbc.sql("update reminders set mailed_for = ?, mail_error = ? where id = ? and mailed_for = ?")
				.params(reminder.previous(), text, reminder.id(), Timestamp.from(reminder.due()))
				.update();
		}
		else {
			jdbc.sql("update reminders set mail_error = ? where id = ?").params(text, reminder.id()).update();
		}
		if (retry) {
			// E.g. a workspace without a mailbox: tried again every run, so not worth a line each time.
			log.debug("Reminder {} not mailed, will retry: {}", reminder.id(), text);
		}
		else {
			log.info("Reminder {} not mailed: {}", reminder.id(), text);
		}
	}

	private String subject(Claimed r) {
		return messages.getMessage("reachout.mail.subject", new Object[] { r.contactName() }, Locale.GERMAN) + " / "
				+ messages.getMessage("reachout.mail.subject", new Object[] { r.contactName() }, Locale.ENGLISH);
	}

	/** German first, then English: the member's language is not stored, and both are short. */
	private String text(Claimed r, ZoneId zone) {
		String link = properties.link("/contacts/" + r.contactId());
		StringBuilder text = new StringBuilder();
		for (Locale locale : List.of(Locale.GERMAN, Locale.ENGLISH)) {
			String due = DateTimeFormatter.ofPattern(locale == Locale.GERMAN ? "d.M.yyyy HH:mm" : "yyyy-MM-dd HH:mm", locale)
				.format(r.due().atZone(zone));
			text.append(messages.getMessage("reachout.mail.body", new Object[] { r.contactName(), due }, locale)).append("\n\n");
			if (!r.note().isBlank()) {
				text.append(r.note()).append("\n\n");
			}
			text.append(link).append("\n\n");
			if (locale == Locale.GERMAN) {
				text.append("—\n\n");
			}
		}
		return text.toString();
	}
}
