package org.rapport.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proposes stages from what happened with a contact, without applying them: a conversation in which the contact
 * wrote and the workspace replied proposes {@code in_dialogue}; a logged visit or event proposes
 * {@code met_in_person}. A proposal is made only when it is a step up the ladder, only for stages the ladder has, and
 * not again for evidence a member dismissed. The evidence is read when asked for, straight from the conversations and
 * messages tables, so this module does not depend on the inbox.
 */
@Component
public class StageProposals {

	public static final String IN_DIALOGUE = "in_dialogue";
	public static final String MET_IN_PERSON = "met_in_person";

	private final JdbcClient jdbc;
	private final Stages stages;
	private final List<StageEvidence> evidence;

	StageProposals(JdbcClient jdbc, Stages stages, List<StageEvidence> evidence) {
		this.jdbc = jdbc;
		this.stages = stages;
		this.evidence = evidence;
	}

	/** The pending proposals for a contact, highest stage first. */
	public List<StageProposal> of(UUID workspaceId, UUID contactId) {
		Stages.Ladder ladder = stages.ladder(workspaceId);
		String currentKey = stages.current(workspaceId, contactId);
		int current = ladder.indexOf(currentKey);
		List<StageProposal> found = new ArrayList<>();
		if (ladder.indexOf(MET_IN_PERSON) > current) {
			jdbc.sql("""
					select m.id, m.activity_kind, c.id, m.sent_at from conversations c join messages m on m.conversation_id = c.id
					where c.contact_id = ? and c.workspace_id = ? and m.kind = 'activity' and m.activity_kind in ('visit', 'event')
					  and not exists (select 1 from stage_dismissals d where d.contact_id = c.contact_id
					    and d.to_stage = ? and d.evidence = 'message:' || m.id::text)
					order by m.sent_at desc, m.seq desc limit 1""")
				.params(contactId, workspaceId, MET_IN_PERSON)
				.query((rs, n) -> new StageProposal(MET_IN_PERSON, rs.getString(2), "message:" + rs.getObject(1, UUID.class),
						rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant()))
				.optional()
				.ifPresent(found::add);
		}
		if (ladder.indexOf(IN_DIALOGUE) > current) {
			jdbc.sql("""
					select c.id, x.last_reply from conversations c
					cross join lateral (select min(i.seq) as first_in from messages i
					  where i.conversation_id = c.id and i.kind = 'message' and i.direction = 'in') f
					cross join lateral (select max(r.sent_at) as last_reply from messages r
					  where r.conversation_id = c.id and r.kind = 'reply' and r.direction = 'out' and r.seq > f.first_in) x
					where c.contact_id = ? and c.workspace_id = ? and x.last_reply is not null
					  and not exists (select 1 from stage_dismissals d where d.contact_id = c.contact_id
					    and d.to_stage = ? and d.evidence = 'conversation:' || c.id::text)
					order by x.last_reply desc limit 1""")
				.params(contactId, workspaceId, IN_DIALOGUE)
				.query((rs, n) -> new StageProposal(IN_DIALOGUE, "two_way_conversation", "conversation:" + rs.getObject(1, UUID.class),
						rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
				.optional()
				.ifPresent(found::add);
		}
		for (StageEvidence source : evidence) {
			for (StageProposal p : source.proposals(workspaceId, contactId, ladder, currentKey)) {
				if (ladder.indexOf(p.to()) > current && found.stream().noneMatch(f -> f.to().equals(p.to()))
						&& !dismissed(contactId, p)) {
					found.add(p);
				}
			}
		}
		found.sort(java.util.Comparator.comparingInt((StageProposal p) -> ladder.indexOf(p.to())).reversed());
		return found;
	}

	private boolean dismissed(UUID contactId, StageProposal p) {
		return jdbc.sql("select exists(select 1 from stage_dismissals where contact_id = ? and to_stage = ? and evidence = ?)")
			.params(contactId, p.to(), p.evidence())
			.query(Boolean.class)
			.single();
	}

	/** Applies the pending proposal for stage {@code to}; refuses when there is none (any more). */
	@Transactional
	public String accept(CurrentUser by, UUID contactId, String to) {
		StageProposal proposal = pending(by.workspaceId(), contactId, to)
			.orElseThrow(() -> new IllegalStateException("There is no pending proposal of '" + to + "' for this contact."));
		return stages.change(by, contactId, proposal.to(), "Accepted proposal: " + describe(proposal));
	}

	/** Hides the pending proposal for stage {@code to}; the same evidence will not propose it again. */
	@Transactional
	public void dismiss(CurrentUser by, UUID contactId, String to) {
		StageProposal proposal = pending(by.workspaceId(), contactId, to)
			.orElseThrow(() -> new IllegalStateException("There is no pending proposal of '" + to + "' for this contact."));
		jdbc.sql("""
				insert into stage_dismissals(contact_id, workspace_id, to_stage, evidence, user_id) values (?, ?, ?, ?, ?)
				on conflict do nothing""")
			.params(contactId, by.workspaceId(), proposal.to(), proposal.evidence(), by.userId())
			.update();
	}

	private Optional<StageProposal> pending(UUID workspaceId, UUID contactId, String to) {
		return of(workspaceId, contactId).stream().filter(p -> p.to().equals(to)).findFirst();
	}

	static String describe(StageProposal p) {
		return switch (p.reason()) {
			case "two_way_conversation" -> "the contact wrote and the workspace replied (" + p.evidence() + ")";
			case "visit" -> "a visit was logged (" + p.evidence() + ")";
			case "event" -> "an event was logged (" + p.evidence() + ")";
			case "event_meeting" -> "a meeting at an event was logged (" + p.evidence() + ")";
			default -> p.reason() + " (" + p.evidence() + ")";
		};
	}
}
