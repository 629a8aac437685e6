package org.rapport.events;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.rapport.contacts.StageEvidence;
import org.rapport.contacts.StageProposal;
import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.rapport.platform.ContactId;
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
	private final Stages stages;

	EventStageEvidence(JdbcClient jdbc, Stages stages) {
		this.jdbc = jdbc;
		this.stages = stages;
	}

	@Override
	public List<StageProposal> proposals(UUID workspaceId, ContactId contact, Stages.Ladder ladder, String current) {
		UUID contactId = contact.value();
		int index = ladder.indexOf(current);
		if (ladder.indexOf(StageProposals.MET_IN_PERSON) >= 0 || index < 0 || index >= ladder.stages().size() - 1) {
			return List.of();
		}
		String next = ladder.stages().get(index + 1).key();
		// A contact nobody has moved has no placement yet, so every meeting counts.
		Stages.Placement placed = stages.placements(workspaceId, List.of(ContactId.of(contactId))).get(ContactId.of(contactId));
		Timestamp changed = placed == null ? null : Timestamp.from(placed.since());
		return jdbc.sql("""
				select m.id, m.conversation_id, m.at from event_meetings m
				where m.contact_id = ? and m.workspace_id = ? and m.outcome = 'met'
				  and (cast(? as timestamptz) is null or cast(? as timestamptz) < m.logged_at)
				order by m.logged_at desc, m.at desc limit 1""")
			.params(contactId, workspaceId, changed, changed)
			.query((rs, n) -> new StageProposal(next, "event_meeting", "event-meeting:" + rs.getObject(1, UUID.class),
					rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()))
			.list();
	}
}
