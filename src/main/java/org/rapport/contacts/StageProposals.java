package org.rapport.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proposes stages from what happened with a contact, without applying them: a conversation in which the contact
 * wrote and the workspace replied proposes {@code in_dialogue}; a logged visit or event proposes
 * {@code met_in_person}. A proposal is made only when it is a step up the ladder, only for stages the ladder has, and
 * not again for evidence a member dismissed. The evidence is read when asked for, from the inbox through
 * {@link ContactConversations}, so this module does not depend on the inbox.
 */
@Component
public class StageProposals {

	public static final String IN_DIALOGUE = "in_dialogue";
	public static final String MET_IN_PERSON = "met_in_person";

	/** The kinds of logged activity that mean the contact was met in person. */
	private static final List<String> MEETING_KINDS = List.of("visit", "event");

	private final JdbcClient jdbc;
	private final Stages stages;
	private final ContactConversations conversations;
	private final List<StageEvidence> evidence;

	StageProposals(JdbcClient jdbc, Stages stages, ContactConversations conversations, List<StageEvidence> evidence) {
		this.jdbc = jdbc;
		this.stages = stages;
		this.conversations = conversations;
		this.evidence = evidence;
	}

	/** The pending proposals for a contact, highest stage first. */
	public List<StageProposal> of(UUID workspaceId, UUID contactId) {
		Stages.Ladder ladder = stages.ladder(workspaceId);
		String currentKey = stages.current(workspaceId, ContactId.of(contactId));
		int current = ladder.indexOf(currentKey);
		List<StageProposal> found = new ArrayList<>();
		if (ladder.indexOf(MET_IN_PERSON) > current) {
			conversations.newestActivity(workspaceId, ContactId.of(contactId), MEETING_KINDS, dismissedIds(contactId, MET_IN_PERSON, "message:"))
				.map(a -> new StageProposal(MET_IN_PERSON, a.activityKind(), "message:" + a.messageId(), a.conversationId().value(),
						a.at()))
				.ifPresent(found::add);
		}
		if (ladder.indexOf(IN_DIALOGUE) > current) {
			conversations.newestExchange(workspaceId, ContactId.of(contactId),
					dismissedIds(contactId, IN_DIALOGUE, "conversation:").stream().map(ConversationId::of).toList())
				.map(x -> new StageProposal(IN_DIALOGUE, "two_way_conversation", "conversation:" + x.conversationId(),
						x.conversationId().value(), x.lastReply()))
				.ifPresent(found::add);
		}
		for (StageEvidence source : evidence) {
			for (StageProposal p : source.proposals(workspaceId, ContactId.of(contactId), ladder, currentKey)) {
				if (ladder.indexOf(p.to()) > current && found.stream().noneMatch(f -> f.to().equals(p.to()))
						&& !dismissed(contactId, p)) {
					found.add(p);
				}
			}
		}
		found.sort(java.util.Comparator.comparingInt((StageProposal p) -> ladder.indexOf(p.to())).reversed());
		return found;
	}

	/** The ids in the dismissed evidence of a contact's proposals of stage {@code to} that start with {@code prefix}. */
	private List<UUID> dismissedIds(UUID contactId, String to, String prefix) {
		List<UUID> ids = new ArrayList<>();
		for (String dismissed : jdbc.sql("select evidence from stage_dismissals where contact_id = ? and to_stage = ? and starts_with(evidence, ?)")
			.params(contactId, to, prefix)
			.query(String.class)
			.list()) {
			try {
				ids.add(UUID.fromString(dismissed.substring(prefix.length())));
			}
			catch (IllegalArgumentException notAnId) {
				// evidence of another form names no record of the inbox: nothing to leave out
			}
		}
		return ids;
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
		return stages.change(by, ContactId.of(contactId), proposal.to(), "Accepted proposal: " + describe(proposal));
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
