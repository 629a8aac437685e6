package org.rapport.channels.email;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock on one mailbox, so that of several Rapport nodes only one reads it at a
 * time. The lock lives as long as the connection it was taken on, which is held until {@link #close()}.
 */
final class MailboxLock implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MailboxLock.class);

	/** The first half of the lock key, naming the purpose ("MAIL"), so other advisory locks never collide. */
	private static final int NAMESPACE = 0x4d41494c;

	private final Connection connection;
	private final int key;

	private MailboxLock(Connection connection, int key) {
		this.connection = connection;
		this.key = key;
	}

	/** Takes the lock if no one holds it; empty when another session does. */
	static Optional<MailboxLock> tryAcquire(DataSource dataSource, UUID channelId) throws SQLException {
		int key = channelId.hashCode();
		Connection connection = dataSource.getConnection();
		try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
			lock.setInt(1, NAMESPACE);
			lock.setInt(2, key);
			try (ResultSet rs = lock.executeQuery()) {
				if (rs.next() && rs.getBoolean(1)) {
					return Optional.of(new MailboxLock(connection, key));
				}
			}
		}
		catch (SQLException | RuntimeException e) {
			connection.close();
			throw e;
		}
		connection.close();
		return Optional.empty();
	}

	@Override
	public void close() {
		try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
			unlock.setInt(1, NAMESPACE);
			unlock.setInt(2, key);
			unlock.execute();
		}
		catch (SQLException e) {
			// Unlocking fails when the connection broke; the pool then drops it, and PostgreSQL frees the lock
			// with the session.
			log.warn("Could not release the mailbox lock: {}", e.getMessage());
		}
	}
}
