package org.rapport.contacts;

import java.util.List;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.springframework.stereotype.Component;

/** Puts every change of a contact's relationship stage on the contact's timeline, as type {@code stage}. */
@Component
class StageTimeline implements TimelineSource {

	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	StageTimeline(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contactId, int limit) {
		return timeline(workspaceId, contactId, limit, null);
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contact, int limit, java.time.Instant before) {
		UUID contactId = contact.value();
		return jdbc.sql("""
				select s.at, s.from_stage, s.to_stage, s.reason, s.by_name,
				  coalesce(f.label, s.from_stage), coalesce(t.label, s.to_stage)
				from stage_changes s
				left join stages f on f.workspace_id = s.workspace_id and f.key = s.from_stage
				left join stages t on t.workspace_id = s.workspace_id and t.key = s.to_stage
				where s.contact_id = ? and s.workspace_id = ? and (?::timestamptz is null or s.at < ?::timestamptz)
				order by s.at desc limit ?""")
			.params(contactId, workspaceId, ts(before), ts(before), limit)
			.query((rs, n) -> new TimelineItem(rs.getTimestamp(1).toInstant(), "stage", "stage", "out",
					label(rs.getString(2), rs.getString(6)) + " → " + label(rs.getString(3), rs.getString(7)),
					rs.getString(4), null))
			.list();
	}

	private static java.sql.Timestamp ts(java.time.Instant at) {
		return at == null ? null : java.sql.Timestamp.from(at);
	}

	private static String label(String key, String configured) {
		if (!configured.equals(key)) {
			return configured;
		}
		return Stages.DEFAULT.stream().filter(s -> s.key().equals(key)).map(Stages.Stage::label).findFirst().orElse(key);
	}
}
