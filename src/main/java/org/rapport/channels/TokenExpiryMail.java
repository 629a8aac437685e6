package org.rapport.channels;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.JobHandler;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspaces;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mail of a {@link TokenExpiryNotices notice}: to the workspace's managers and owners, in German and English,
 * with the channel, the expiry in the workspace's time zone and the link to reconnect. Every address reached is
 * recorded on the notice, so a retry after a failed mailbox mails only those still missing.
 */
@Component
class TokenExpiryMail implements JobHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Channels channels;
	private final JdbcClient jdbc;
	private final Members members;
	private final Workspaces workspaces;
	private final Mailer mailer;
	private final MessageSource messages;
	private final RapportProperties properties;

	TokenExpiryMail(Channels channels, JdbcClient jdbc, Members members, Workspaces workspaces, Mailer mailer,
			MessageSource messages, RapportProperties properties) {
		this.channels = channels;
		this.jdbc = jdbc;
		this.members = members;
		this.workspaces = workspaces;
		this.mailer = mailer;
		this.messages = messages;
		this.properties = properties;
	}

	@Override
	public String kind() {
		return TokenExpiryNotices.MAIL_JOB;
	}

	@Override
	public void run(String payload) throws Exception {
		JsonNode notice = JSON.readTree(payload);
		UUID channelId = UUID.fromString(notice.path("channelId").asString());
		Instant expiresAt = Instant.parse(notice.path("expiresAt").asString());
		int days = notice.path("daysBefore").asInt();
		Channel channel = channels.find(channelId).orElseThrow(() -> new GiveUp("The channel " + channelId + " is gone."));
		ZoneId zone = workspaces.get(channel.workspaceId()).timeZone();
		Text kindName = channels.connector(channel.kind()).name();
		long secondsLeft = Math.max(0, java.time.Duration.between(Instant.now(), expiresAt).toSeconds());
		long daysLeft = Math.max(1, (secondsLeft + 86_399) / 86_400);
		StringBuilder subject = new StringBuilder();
		StringBuilder text = new StringBuilder();
		for (Locale locale : List.of(Locale.GERMAN, Locale.ENGLISH)) {
			String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
				.withZone(zone).format(expiresAt);
			Object[] args = { channel.name(), kindName.in(locale), when, daysLeft };
			subject.append(subject.isEmpty() ? "" : " / ")
				.append(messages.getMessage("channels.expiry.mail.subject", args, locale));
			text.append(messages.getMessage("channels.expiry.mail.body", args, locale)).append("\n\n");
		}
		text.append(properties.link("/settings/channels/" + channelId)).append("\n");
		for (Member member : members.of(channel.workspaceId())) {
			if (!member.role().canManage() || mailedTo(channelId, expiresAt, days, member.email())) {
				continue;
			}
			try {
				mailer.send(channel.workspaceId(), member.email(), subject.toString(), text.toString(), Map.of());
			}
			catch (DeliveryException e) {
				if (!e.retryable()) {
					throw new GiveUp(e.getMessage());
				}
				throw e;
			}
			jdbc.sql("""
					update channel_expiry_notices set mailed_to = array_append(mailed_to, ?)
					where channel_id = ? and expires_at = ? and days_before = ?""")
				.params(member.email(), channelId, Timestamp.from(expiresAt), days)
				.update();
		}
	}

	private boolean mailedTo(UUID channelId, Instant expiresAt, int days, String address) {
		return jdbc.sql("""
				select count(*) from channel_expiry_notices
				where channel_id = ? and expires_at = ? and days_before = ? and ? = any(mailed_to)""")
			.params(channelId, Timestamp.from(expiresAt), days, address)
			.query(Integer.class)
			.single() > 0;
	}
}
