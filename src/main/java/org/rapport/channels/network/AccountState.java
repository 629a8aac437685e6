package org.rapport.channels.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.rapport.channels.ChannelConnector.Health;
import org.rapport.channels.ChannelConnector.Readiness;
import org.rapport.channels.Text;

/**
 * How a connected network account is doing, as every network's table keeps it (columns {@code last_received_at},
 * {@code rate_limited_until}, {@code connected}, {@code last_error}).
 *
 * @param connected whether the network accepted the account's token or session the last time it was asked
 * @param lastError the last failure in words, or {@code ""}
 */
public record AccountState(Instant lastReceivedAt, Instant rateLimitedUntil, boolean connected, String lastError) {

	/** Whether the network asked to be left alone until after {@code now}. */
	public boolean paused(Instant now) {
		return rateLimitedUntil != null && rateLimitedUntil.isAfter(now);
	}

	/**
	 * Refuses to read the account now when its network refused its token (a reconnect is needed) or asked for a
	 * pause, saying so in words with the network's name; the reader asks again at its next turn.
	 */
	public void requireReadable(String network) throws org.rapport.channels.ListeningUnavailable {
		if (!connected) {
			throw new org.rapport.channels.ListeningUnavailable(network + " refused the account's token; the channel "
					+ "needs to be reconnected.", null, null);
		}
		if (paused(Instant.now())) {
			throw new org.rapport.channels.ListeningUnavailable(network + " asked for a pause.", rateLimitedUntil, null);
		}
	}

	/** The channel's health, with when its token expires if that is known. */
	public Health health(Instant tokenExpiresAt) {
		return new Health(connected, lastReceivedAt, tokenExpiresAt, rateLimitedUntil, lastError);
	}

	/** Reads the state's columns of a row. */
	public static AccountState of(ResultSet rs) throws SQLException {
		return new AccountState(instant(rs, "last_received_at"), instant(rs, "rate_limited_until"),
				rs.getBoolean("connected"), rs.getString("last_error"));
	}

	/** A nullable timestamp column as an instant. */
	public static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	/** Ready, or "reconnect" on the channel's settings page with the problem in words. */
	public static Readiness readiness(boolean rejected, Text problem, UUID channelId) {
		return rejected ? Readiness.missing(problem, Text.of("Reconnect", "Neu verbinden"), "/settings/channels/" + channelId)
				: Readiness.READY;
	}
}
