package org.rapport.contacts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts consents on the contact's timeline: when one was given (channel {@code consent_given}, from the person) and
 * when it was withdrawn ({@code consent_withdrawn}, by the person or, direction {@code out}, by staff). The title
 * is the purpose's key, which the page shows in the reader's language; the excerpt is the wording agreed to.
 */
@Component
class ConsentTimeline implements TimelineSource {

	private final JdbcClient jdbc;

	ConsentTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contactId, int limit) {
		return timeline(workspaceId, contactId, limit, null);
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contact, int limit, Instant before) {
		UUID contactId = contact.value();
		Timestamp until = before == null ? null : Timestamp.from(before);
		return jdbc.sql("""
				select at, channel, direction, purpose, excerpt from (
				  select given_at as at, 'consent_given' as channel, 'in' as direction, purpose, left(text_shown, 200) as excerpt
				  from consents where contact_id = :contact and workspace_id = :ws
				  union all
				  select withdrawn_at, 'consent_withdrawn', case when withdrawn_by = 'staff' then 'out' else 'in' end, purpose, ''
				  from consents where contact_id = :contact and workspace_id = :ws and withdrawn_at is not null) t
				where at < coalesce(cast(:before as timestamptz), 'infinity')
				order by at desc limit :limit""")
			.param("contact", contactId)
			.param("ws", workspaceId)
			.param("before", until)
			.param("limit", limit)
			.query((rs, n) -> new TimelineItem(rs.getTimestamp(1).toInstant(), "consent", rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), null))
			.list();
	}
}
