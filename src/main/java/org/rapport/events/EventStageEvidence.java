package org.rapport.events;

import java.util.List;
import java.util.UUID;

import org.rapport.contacts.StageEvidence;
import org.rapport.contacts.StageProposal;
import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * In a workspace whose ladder has no "met in person", a meeting logged as met proposes the next stage up instead of
 * moving the contact, as long as the contact's stage has not changed since the meeting was logged. (Where the ladder
 * has the stage, {@link MeetingLog} moves the contact itself.)
 */
@Component
class EventStageEvidence implements StageEvidence {

	private final JdbcClient jdbc;

	EventStageEvidence(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<StageProposal> proposals(UUID workspaceId, UUID contactId, Stages.Ladder ladder, String current) {
		int index = ladder.indexOf(current);
		if (ladder.indexOf(StageProposals.MET_IN_PERSON) >= 0 || index < 0 || index >= ladder.stages().size() - 1) {
			return List.of();
		}
		String next = ladder.stages().get(index + 1).key();
		return jdbc.sql("""
				select m.id, m.conversation_id, m.at from event_meetings m
				left join contact_stages s on s.contact_id = m.contact_id
				where m.contact_id = ? and m.workspace_id = ? and m.outcome = 'met'
				  and (s.changed_at is null or s.changed_at < m.logged_at)
				order by m.logged_at desc, m.at desc limit 1""")
			.params(contactId, workspaceId)
			.query((rs, n) -> new StageProposal(next, "event_meeting", "event-meeting:" + rs.getObject(1, UUID.class),
					rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()))
			.list();
	}
}
