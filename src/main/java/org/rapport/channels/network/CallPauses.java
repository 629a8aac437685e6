package org.rapport.channels.network;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pauses a network asked for that hold for one kind of call of an account ({@link NetworkFailure#calls}): Mastodon
 * limits media uploads apart from everything else (30 in 30 minutes against 300 calls in 5), Telegram's flood limits
 * hold for sending, not for reading updates, a PDS limits writes to the repository apart from reads. Kept per (channel, calls) in {@code network_call_pauses}, so that a
 * 429 on an upload holds back files, not the account's notifications. A later pause never shortens an earlier one.
 */
public final class CallPauses {

	private final JdbcClient jdbc;

	public CallPauses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Until when the channel's account must not make these calls, if the network asked for a pause that lasts. */
	public Optional<Instant> until(UUID channelId, String calls) {
		return jdbc.sql("select until from network_call_pauses where channel_id = ? and calls = ? and until > now()")
			.params(channelId, calls)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/** Holds these calls of the channel's account until then (or longer, if an earlier pause lasts longer). */
	public void pause(UUID channelId, String calls, Instant until) {
		jdbc.sql("""
				insert into network_call_pauses (channel_id, calls, until) values (?, ?, ?)
				on conflict (channel_id, calls) do update set until = greatest(network_call_pauses.until, excluded.until)""")
			.params(channelId, calls, Timestamp.from(until))
			.update();
	}
}
