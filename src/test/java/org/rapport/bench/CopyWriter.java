package org.rapport.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Streams rows into one table with {@code COPY ... FROM STDIN (FORMAT csv)} through PgJDBC's CopyManager. */
final class CopyWriter implements AutoCloseable {

	private static final int FLUSH_AT = 1 << 20;

	private final CopyIn copy;
	private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 64 * 1024);
	private long rows;

	CopyWriter(Connection connection, String table, String columns) throws SQLException {
		this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
			.copyIn("copy " + table + "(" + columns + ") from stdin with (format csv)");
	}

	CopyWriter row(Object... values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				buffer.append(',');
			}
			Object v = values[i];
			if (v == null) {
				continue;
			}
			if (v instanceof String s) {
				buffer.append('"');
				for (int k = 0; k < s.length(); k++) {
					char c = s.charAt(k);
					if (c == '"') {
						buffer.append('"');
					}
					buffer.append(c);
				}
				buffer.append('"');
			}
			else if (v instanceof UUID || v instanceof Number || v instanceof Instant || v instanceof Boolean) {
				buffer.append(v);
			}
			else {
				throw new IllegalArgumentException("Cannot COPY a " + v.getClass());
			}
		}
		buffer.append('\n');
		rows++;
		if (buffer.length() >= FLUSH_AT) {
			flush();
		}
		return this;
	}

	private void flush() throws SQLException {
		byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
		copy.writeToCopy(bytes, 0, bytes.length);
		buffer.setLength(0);
	}

	@Override
	public void close() throws SQLException {
		if (!buffer.isEmpty()) {
			flush();
		}
		long copied = copy.endCopy();
		if (copied != rows) {
			throw new IllegalStateException("COPY stored " + copied + " rows, not " + rows);
		}
	}
}
