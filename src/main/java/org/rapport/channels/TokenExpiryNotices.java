package org.rapport.channels;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.rapport.platform.Jobs;
import org.rapport.platform.RecurringWork;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a workspace's managers before a channel's credentials run out: one mail 14 days and one mail 1 day before
 * the expiry its connector knows ({@link ChannelConnector.Health#tokenExpiresAt()}), for every kind whose network
 * says when its tokens end. The hourly check {@code channel-token-expiry} records each notice once per channel,
 * expiry and distance, so a renewed token (a new expiry) is noticed afresh and a repeated check mails nobody twice;
 * the mail itself is a job ({@link TokenExpiryMail}).
 */
@Component
class TokenExpiryNotices {

	static final String MAIL_JOB = "channel-token-expiry-mail";

	/** The distances before an expiry at which managers are told, longest first. */
	static final List<Integer> DAYS_BEFORE = List.of(14, 1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Channels channels;
	private final JdbcClient jdbc;
	private final Jobs jobs;

	TokenExpiryNotices(Channels channels, JdbcClient jdbc, Jobs jobs) {
		this.channels = channels;
		this.jdbc = jdbc;
		this.jobs = jobs;
	}

	@Bean
	RecurringWork channelTokenExpiryRecurring() {
		return RecurringWork.every("channel-token-expiry", Duration.ofHours(1), () -> check(Instant.now()));
	}

	/** The notice due for an expiry seen at {@code now}: 14, 1, or 0 when none is (yet, or any longer). */
	static int due(Instant expiresAt, Instant now) {
		if (expiresAt == null || !expiresAt.isAfter(now)) {
			return 0;
		}
		Duration left = Duration.between(now, expiresAt);
		for (int i = DAYS_BEFORE.size() - 1; i >= 0; i--) {
			if (left.compareTo(Duration.ofDays(DAYS_BEFORE.get(i))) <= 0) {
				return DAYS_BEFORE.get(i);
			}
		}
		return 0;
	}

	/** Records the notices due at {@code now} and queues their mails; answers how many were new. */
	@Transactional
	int check(Instant now) {
		int noticed = 0;
		for (ChannelConnector connector : channels.connectors()) {
			for (Channel channel : channels.enabledOfKind(connector.kind())) {
				ChannelConnector.Health health = connector.health(channel);
				int days = health.connected() ? due(health.tokenExpiresAt(), now) : 0;
				if (days == 0) {
					continue;
				}
				int inserted = jdbc.sql("""
						insert into channel_expiry_notices(channel_id, expires_at, days_before) values (?, ?, ?)
						on conflict do nothing""")
					.params(channel.id(), Timestamp.from(health.tokenExpiresAt()), days)
					.update();
				if (inserted == 1) {
					jobs.enqueue(MAIL_JOB, channel.workspaceId(), JSON.writeValueAsString(Map.of("channelId",
							channel.id().toString(), "expiresAt", health.tokenExpiresAt().toString(), "daysBefore", days)),
							null);
					noticed++;
				}
			}
		}
		return noticed;
	}
}
