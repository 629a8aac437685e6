package org.rapport.channels.bluesky;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What Rapport keeps per connected Bluesky channel (table {@code bluesky_accounts}). */
@Component
class BlueskyAccounts {

	private final JdbcClient jdbc;

	BlueskyAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param did the account's DID, which stays when the handle changes
	 * @param seenAt the cursor: the newest {@code indexedAt} of the notifications taken in
	 * @param connected whether the PDS accepted the session the last time it was asked
	 */
	record Account(UUID channelId, String did, String handle, String seenAt, Instant lastReceivedAt,
			Instant rateLimitedUntil, boolean connected, String lastError) {

		boolean paused(Instant now) {
			return rateLimitedUntil != null && rateLimitedUntil.isAfter(now);
		}
	}

	Optional<Account> of(UUID channelId) {
		return jdbc.sql("select * from bluesky_accounts where channel_id = ?").param(channelId)
			.query((rs, n) -> map(rs)).optional();
	}

	/** Records whose the channel's account is; another account starts reading its notifications anew. */
	Account remember(UUID channelId, String did, String handle) {
		jdbc.sql("""
				insert into bluesky_accounts(channel_id, did, handle) values (?, ?, ?)
				on conflict (channel_id) do update set handle = excluded.handle, did = excluded.did, connected = true,
				  last_error = '', seen_at = case when bluesky_accounts.did = excluded.did then bluesky_accounts.seen_at end""")
			.params(channelId, did, handle)
			.update();
		return of(channelId).orElseThrow();
	}

	/** Moves the cursor after a page was stored. */
	void advance(UUID channelId, String seenAt, boolean received) {
		jdbc.sql("""
				update bluesky_accounts set seen_at = ?,
				  last_received_at = case when ? then now() else last_received_at end where channel_id = ?""")
			.params(seenAt, received, channelId)
			.update();
	}

	void healthy(UUID channelId) {
		jdbc.sql("update bluesky_accounts set rate_limited_until = null, last_error = '', connected = true where channel_id = ?")
			.param(channelId)
			.update();
	}

	/** The PDS refused: a pause it asked for, whether the session is gone, and what it said. */
	void refused(UUID channelId, Instant pauseUntil, boolean sessionRejected, String error) {
		jdbc.sql("""
				update bluesky_accounts set rate_limited_until = coalesce(?, rate_limited_until),
				  connected = connected and not ?, last_error = ? where channel_id = ?""")
			.params(pauseUntil == null ? null : Timestamp.from(pauseUntil), sessionRejected, error, channelId)
			.update();
	}

	private static Account map(ResultSet rs) throws SQLException {
		Timestamp received = rs.getTimestamp("last_received_at");
		Timestamp paused = rs.getTimestamp("rate_limited_until");
		return new Account(rs.getObject("channel_id", UUID.class), rs.getString("did"), rs.getString("handle"),
				rs.getString("seen_at"), received == null ? null : received.toInstant(),
				paused == null ? null : paused.toInstant(), rs.getBoolean("connected"), rs.getString("last_error"));
	}
}
