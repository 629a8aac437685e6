package org.rapport.channels.network;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One network's table of connected accounts, keyed by {@code channel_id}: what each network's accounts class shares,
 * writing the {@link AccountState} columns; the network's class adds what else its rows keep.
 */
public abstract class AccountStates {

	private final JdbcClient jdbc;
	private final String table;
	private final CallPauses pauses;

	/** @param table the network's table, a constant of its package, never input */
	protected AccountStates(JdbcClient jdbc, String table) {
		if (!table.matches("[a-z_]+")) {
			throw new IllegalArgumentException("Not a table name: " + table);
		}
		this.jdbc = jdbc;
		this.table = table;
		this.pauses = new CallPauses(jdbc);
	}

	/** All went well: no pause, no error, the token or session works. */
	public void healthy(UUID channelId) {
		jdbc.sql("update " + table + " set rate_limited_until = null, last_error = '', connected = true where channel_id = ?")
			.param(channelId)
			.update();
	}

	/** The network refused: a pause it asked for (a pause asked for earlier stays), whether access is gone, and why. */
	public void refused(UUID channelId, Instant pauseUntil, boolean accessRejected, String error) {
		jdbc.sql("update " + table + " set rate_limited_until = coalesce(?, rate_limited_until),"
				+ " connected = connected and not ?, last_error = ? where channel_id = ?")
			.params(pauseUntil == null ? null : Timestamp.from(pauseUntil), accessRejected, error, channelId)
			.update();
	}

	/**
	 * Keeps what a failed call says about the account, if anything: a pause the network asked for — for the whole
	 * account, or for one kind of call ({@link NetworkFailure#calls}) while the rest goes on — or its refusal of the
	 * token or session (then the channel needs a reconnect). Other failures leave the state as it is.
	 */
	public void failed(UUID channelId, NetworkFailure failure, boolean accessRejected) {
		if (failure.calls != null && failure.pauseUntil != null && !accessRejected) {
			// a limit of one kind of call: those calls wait, the account goes on
			pauses.pause(channelId, failure.calls, failure.pauseUntil);
			refused(channelId, null, false, failure.getMessage());
		}
		else if (accessRejected || failure.pauseUntil != null) {
			refused(channelId, failure.pauseUntil, accessRejected, failure.getMessage());
		}
	}

	/** Until when these calls of the account wait, if its network paused them apart from the rest. */
	public java.util.Optional<Instant> pausedUntil(UUID channelId, String calls) {
		return pauses.until(channelId, calls);
	}
}
