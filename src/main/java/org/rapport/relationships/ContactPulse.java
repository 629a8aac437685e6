package org.rapport.relationships;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the team stands with a contact at a glance, for the top of the contact page ({@code @contactPulse}): when
 * we were last in touch and which conversations wait for us. Reads the inbox's tables as {@link Reminders} does for
 * its rhythm, so that "last contact" means the same in both: the newest message or logged activity, notes left out.
 */
@Component("contactPulse")
public class ContactPulse {

	/** How many open conversations the summary names; the rest are counted. */
	static final int NAMED = 3;

	/** An open conversation as the summary links it. */
	public record OpenConversation(UUID id, String subject, Instant lastMessageAt) {
	}

	/**
	 * @param lastContact the newest message or activity with the contact, {@code null} if there was none
	 * @param openCount how many of the contact's conversations are open (waiting for us)
	 * @param open the newest of them, at most three
	 */
	public record Pulse(Instant lastContact, int openCount, List<OpenConversation> open) {
	}

	private final JdbcClient jdbc;

	ContactPulse(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Pulse of(UUID workspaceId, UUID contactId) {
		Instant last = jdbc.sql("""
				select max(m.sent_at) from conversations c join messages m on m.conversation_id = c.id
				where c.workspace_id = ? and c.contact_id = ? and m.kind <> 'note'""")
			.params(workspaceId, contactId)
			.query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
			.optional()
			.orElse(null);
		int[] count = { 0 };
		List<OpenConversation> open = jdbc.sql("""
				select c.id, c.subject, c.last_message_at, count(*) over () from conversations c
				where c.workspace_id = ? and c.contact_id = ? and c.status = 'open'
				order by c.last_message_at desc, c.id limit ?""")
			.params(workspaceId, contactId, NAMED)
			.query((rs, n) -> {
				count[0] = rs.getInt(4);
				return new OpenConversation(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant());
			})
			.list();
		return new Pulse(last, count[0], open);
	}
}
