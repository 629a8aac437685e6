package org.rapport.channels.email;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far each mailbox has been read: folder, IMAP UIDVALIDITY and the highest UID handled. Advanced only after
 * the mails up to that UID were ingested or quarantined.
 */
@Component
class MailboxCursors {

	/** A mailbox's reading position. */
	record Cursor(String folder, long uidValidity, long lastUid) {

		/** The UID after which to read, given the folder's current name and UIDVALIDITY: 0 if they changed. */
		long lastUidFor(String currentFolder, long currentUidValidity) {
			return folder.equals(currentFolder) && uidValidity == currentUidValidity ? lastUid : 0;
		}
	}

	private final JdbcClient jdbc;

	MailboxCursors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Cursor> of(UUID channelId) {
		return jdbc.sql("select folder, uid_validity, last_uid from email_cursors where channel_id = ?")
			.param(channelId)
			.query((rs, n) -> new Cursor(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.optional();
	}

	void advance(UUID channelId, Cursor cursor) {
		jdbc.sql("""
				insert into email_cursors(channel_id, folder, uid_validity, last_uid) values (?, ?, ?, ?)
				on conflict (channel_id) do update set folder = excluded.folder, uid_validity = excluded.uid_validity,
				  last_uid = excluded.last_uid, updated_at = now()""")
			.params(channelId, cursor.folder(), cursor.uidValidity(), cursor.lastUid())
			.update();
	}
}
