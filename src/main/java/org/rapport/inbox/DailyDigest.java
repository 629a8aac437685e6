package org.rapport.inbox;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.AccountMail;
import org.rapport.platform.Accounts;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The daily digest mail, for members who ask for it: once a day from the hour they chose (7 o'clock unless they chose another) in the workspace's time
 * zone, what they were told since the last digest and have not read, how many of their conversations wait for an
 * answer and how many nobody has. In the member's language; no mail on a day with nothing to tell.
 */
@Component
class DailyDigest {

	private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);


	/** The most notifications one digest lists. */
	static final int MAX_LINES = 20;

	private final JdbcClient jdbc;
	private final Notifications notifications;
	private final Members members;
	private final Accounts accounts;
	private final Workspaces workspaces;
	private final ObjectProvider<AccountMail> mail;
	private final MessageSource messages;
	private final RapportProperties properties;

	DailyDigest(JdbcClient jdbc, Notifications notifications, Members members, Accounts accounts, Workspaces workspaces,
			ObjectProvider<AccountMail> mail, MessageSource messages, RapportProperties properties) {
		this.jdbc = jdbc;
		this.notifications = notifications;
		this.members = members;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.mail = mail;
		this.messages = messages;
		this.properties = properties;
	}

	@Bean
	RecurringWork dailyDigestWork() {
		return RecurringWork.every("inbox-daily-digest", Duration.ofMinutes(15), () -> send(Instant.now()));
	}

	/** Sends every digest that is due at {@code now}; answers how many mails left. */
	int send(Instant now) {
		record Due(UUID memberId, UUID workspaceId, LocalDate sentOn, int hour) {
		}
		List<Due> subscribed = jdbc.sql(
				"select member_id, workspace_id, digest_sent_on, digest_hour from notification_settings where digest")
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), rs.getInt(4)))
			.list();
		int sent = 0;
		for (Due due : subscribed) {
			Workspace workspace = workspaces.get(due.workspaceId());
			ZonedDateTime local = now.atZone(workspace.timeZone());
			if (local.getHour() < due.hour() || due.sentOn() != null && !due.sentOn().isBefore(local.toLocalDate())) {
				continue;
			}
			Optional<Member> member = members.of(due.workspaceId(), due.memberId());
			if (member.isPresent() && digest(workspace, member.get(), due.sentOn(), due.hour(), now)) {
				sent++;
			}
			jdbc.sql("update notification_settings set digest_sent_on = ? where member_id = ? and workspace_id = ?")
				.params(Date.valueOf(local.toLocalDate()), due.memberId(), due.workspaceId())
				.update();
		}
		return sent;
	}

	private boolean digest(Workspace workspace, Member member, LocalDate lastSent, int hour, Instant now) {
		Instant since = lastSent == null ? now.minus(Duration.ofDays(7))
				: lastSent.atStartOfDay(workspace.timeZone()).withHour(hour).toInstant();
		List<Notifications.Notification> told = notifications.unreadSince(workspace.id(), member.userId(), since, MAX_LINES);
		int mine = waiting(workspace.id(), "c.assignee_id = ?", member.userId());
		int nobodys = member.role().canWork() ? waiting(workspace.id(), "c.assignee_id is null", null) : 0;
		if (told.isEmpty() && mine == 0 && nobodys == 0) {
			return false;
		}
		Locale locale = Locale.forLanguageTag(accounts.language(member.userId()).orElse("de"));
		StringBuilder text = new StringBuilder(text("digest.mail.greeting", locale, member.displayName())).append("\n\n");
		if (!told.isEmpty()) {
			text.append(text("digest.mail.told", locale, told.size())).append('\n');
			for (Notifications.Notification n : told) {
				text.append("- ").append(notifications.what(n, locale)).append(": ").append(n.title()).append('\n')
					.append("  ").append(properties.link("/inbox/" + n.conversationId())).append('\n');
			}
			text.append('\n');
		}
		text.append(text("digest.mail.waiting", locale, mine, nobodys)).append('\n')
			.append(properties.link("/inbox?status=open")).append("\n\n")
			.append(text("digest.mail.settings", locale)).append('\n')
			.append(properties.link("/notifications")).append('\n');
		String subject = text("digest.mail.subject", locale, told.size(), mine);
		AccountMail mailer = mail.getIfAvailable();
		Optional<String> refused = mailer == null ? Optional.of("no mailer")
				: mailer.send(workspace.id(), member.email(), subject, text.toString());
		refused.ifPresent(why -> log.info("The daily digest for member {} in workspace {} was not sent: {}",
				member.userId(), workspace.id(), why));
		return refused.isEmpty();
	}

	private int waiting(UUID workspaceId, String whose, UUID memberId) {
		var query = jdbc.sql("select count(*) from conversations c where c.workspace_id = ? and c.status = 'open'"
				+ " and not c.spam and c.waiting_since is not null and " + whose)
			.param(workspaceId);
		if (memberId != null) {
			query = query.param(memberId);
		}
		return query.query(Integer.class).single();
	}

	private String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}
}
