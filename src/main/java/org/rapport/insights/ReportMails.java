package org.rapport.insights;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.rapport.channels.DeliveryException;
import org.rapport.channels.Mailer;
import org.rapport.contacts.Identities;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Report mails: the dashboard of the last week (Monday to Sunday) or the last month as a PDF, on Monday or on the
 * first of the month at 07:00 in the workspace's time zone, to members and to outside addresses. A period without
 * any conversation or outcome sends nothing.
 */
@Component
public class ReportMails {

	private static final Logger log = LoggerFactory.getLogger(ReportMails.class);
	public static final int MAX_RECIPIENTS = 20;
	private static final LocalTime AT = LocalTime.of(7, 0);

	/**
	 * @param label optional: only the conversations that have this label (by its name as the inbox shows it; case
	 * does not matter), as the dashboard's label filter
	 */
	public record NewSchedule(String frequency, List<String> recipients, String language, String label) {

		public NewSchedule(String frequency, List<String> recipients, String language) {
			this(frequency, recipients, language, null);
		}
	}

	/**
	 * @param label the label the report covers (lower case), {@code null} for all conversations
	 * @param lastOutcome {@code sent}, {@code skipped} (no data) or the reason sending failed
	 */
	public record Schedule(UUID id, String frequency, List<String> recipients, String language, String label,
			Instant nextRunAt, Instant lastSentAt, String lastOutcome) {
	}

	/** What sending one schedule did. */
	public record Sent(String outcome, LocalDate from, LocalDate to, int recipients) {
	}

	private final JdbcClient jdbc;
	private final Workspaces workspaces;
	private final ReportPdf pdf;
	private final Metrics metrics;
	private final Mailer mailer;
	private final MessageSource messages;

	ReportMails(JdbcClient jdbc, Workspaces workspaces, ReportPdf pdf, Metrics metrics, Mailer mailer,
			MessageSource messages) {
		this.jdbc = jdbc;
		this.workspaces = workspaces;
		this.pdf = pdf;
		this.metrics = metrics;
		this.mailer = mailer;
		this.messages = messages;
	}

	public Schedule create(CurrentUser user, NewSchedule in) {
		user.requireManager();
		if (in.frequency() == null || !List.of("weekly", "monthly").contains(in.frequency())) {
			throw new InvalidFieldException("frequency", "frequency must be weekly or monthly, not '" + in.frequency() + "'.");
		}
		String language = in.language() == null || in.language().isBlank() ? "de" : in.language().strip();
		if (!List.of("de", "en").contains(language)) {
			throw new InvalidFieldException("language", "language must be de or en, not '" + in.language() + "'.");
		}
		Set<String> recipients = new LinkedHashSet<>();
		List<String> given = in.recipients() == null ? List.of() : in.recipients();
		for (int i = 0; i < given.size(); i++) {
			String address = given.get(i) == null ? "" : given.get(i).strip();
			if (!Identities.isEmail(address) || address.length() > 254) {
				throw new InvalidFieldException("recipients[" + i + "]", "'" + address + "' is not an email address.");
			}
			recipients.add(address.toLowerCase(Locale.ROOT));
		}
		if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
			throw new InvalidFieldException("recipients", "A report goes to 1 to " + MAX_RECIPIENTS + " addresses.");
		}
		// Checked as the dashboard's filter checks it: a label no conversation has is refused, naming "label".
		String label = metrics.query(user.workspaceId(), null, null, null, null, null, null, in.label()).label();
		UUID id = UUID.randomUUID();
		ZoneId zone = workspaces.get(user.workspaceId()).timeZone();
		jdbc.sql("""
				insert into insight_report_schedules(id, workspace_id, frequency, recipients, language, label, next_run_at,
				  created_by)
				values (?, ?, ?, ?::text[], ?, ?, ?, ?)""")
			.params(id, user.workspaceId(), in.frequency(), recipients.toArray(String[]::new), language, label,
					Timestamp.from(next(in.frequency(), Instant.now(), zone)), user.userId())
			.update();
		return get(user.workspaceId(), id);
	}

	public List<Schedule> list(UUID workspaceId) {
		return jdbc.sql("select * from insight_report_schedules where workspace_id = ? order by created_at, id")
			.param(workspaceId).query((rs, n) -> schedule(rs)).list();
	}

	public Schedule get(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from insight_report_schedules where workspace_id = ? and id = ?").params(workspaceId, id)
			.query((rs, n) -> schedule(rs)).optional()
			.orElseThrow(() -> new NotFoundException("No report schedule " + id + " in this workspace."));
	}

	public void delete(CurrentUser user, UUID id) {
		user.requireManager();
		if (jdbc.sql("delete from insight_report_schedules where workspace_id = ? and id = ?").params(user.workspaceId(), id)
			.update() == 0) {
			throw new NotFoundException("No report schedule " + id + " in this workspace.");
		}
	}

	/** Sends the schedule's last period now, whether due or not (the next regular mail stays as planned). */
	public Sent sendNow(CurrentUser user, UUID id) {
		user.requireManager();
		return send(user.workspaceId(), get(user.workspaceId(), id));
	}

	@Bean
	RecurringWork reportMailsRecurring(@Value("${rapport.insights.report-interval:10m}") Duration interval) {
		return RecurringWork.every("insights-report-mails", interval, this::sendDue);
	}

	/** Sends every schedule that is due and moves it to its next date. Runs on one node at a time. */
	public int sendDue() {
		List<UUID[]> due = jdbc.sql("select workspace_id, id from insight_report_schedules where next_run_at <= now()")
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) }).list();
		for (UUID[] ids : due) {
			Schedule schedule = get(ids[0], ids[1]);
			send(ids[0], schedule);
			ZoneId zone = workspaces.get(ids[0]).timeZone();
			jdbc.sql("update insight_report_schedules set next_run_at = ? where id = ?")
				.params(Timestamp.from(next(schedule.frequency(), Instant.now(), zone)), ids[1]).update();
		}
		return due.size();
	}

	private Sent send(UUID workspaceId, Schedule schedule) {
		ZoneId zone = workspaces.get(workspaceId).timeZone();
		LocalDate today = LocalDate.now(zone);
		LocalDate from;
		LocalDate to;
		if (schedule.frequency().equals("weekly")) {
			from = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
			to = from.plusDays(6);
		}
		else {
			from = today.withDayOfMonth(1).minusMonths(1);
			to = from.plusMonths(1).minusDays(1);
		}
		// A label no conversation has any longer leaves the period without data: nothing is sent.
		Metrics.Query query = new Metrics.Query(from, to, null, null, null,
				schedule.frequency().equals("weekly") ? Metrics.Grouping.DAY : Metrics.Grouping.WEEK, schedule.label());
		Locale locale = Locale.forLanguageTag(schedule.language());
		String outcome;
		if (!pdf.hasData(workspaceId, query)) {
			outcome = "skipped";
		}
		else {
			byte[] file = pdf.render(workspaceId, query, locale);
			DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
			String period = day.format(from) + " – " + day.format(to);
			String name = workspaces.get(workspaceId).name();
			String ofLabel = schedule.label() == null ? "" : ".label";
			Object[] args = { name, period, schedule.label() };
			String subject = messages.getMessage("insights.mail.subject" + ofLabel, args, locale);
			String text = messages.getMessage("insights.mail.text" + ofLabel, args, locale);
			outcome = "sent";
			for (String to2 : schedule.recipients()) {
				try {
					mailer.send(workspaceId, to2, subject, text, List.of(new Mailer.Attachment(
							ReportPdf.fileName(query), "application/pdf", file)));
				}
				catch (DeliveryException e) {
					log.warn("Report mail of workspace {} to {} not sent: {}", workspaceId, to2, e.getMessage());
					outcome = e.getMessage();
				}
			}
		}
		jdbc.sql("update insight_report_schedules set last_outcome = ?, last_sent_at = case when ? then now() else last_sent_at end where id = ?")
			.params(outcome, "sent".equals(outcome), schedule.id()).update();
		return new Sent(outcome, from, to, "sent".equals(outcome) ? schedule.recipients().size() : 0);
	}

	/** The next Monday, or the next first of a month, at 07:00 in the zone, after {@code now}. */
	static Instant next(String frequency, Instant now, ZoneId zone) {
		LocalDate today = now.atZone(zone).toLocalDate();
		LocalDate day = frequency.equals("weekly") ? today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
				: today.with(TemporalAdjusters.firstDayOfNextMonth());
		return day.atTime(AT).atZone(zone).toInstant();
	}

	private static Schedule schedule(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp last = rs.getTimestamp("last_sent_at");
		return new Schedule(rs.getObject("id", UUID.class), rs.getString("frequency"),
				new ArrayList<>(Arrays.asList((String[]) rs.getArray("recipients").getArray())), rs.getString("language"),
				rs.getString("label"), rs.getTimestamp("next_run_at").toInstant(), last == null ? null : last.toInstant(),
				rs.getString("last_outcome"));
	}
}
