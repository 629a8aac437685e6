package org.rapport.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.rapport.contacts.Tags;
import org.rapport.inbox.Dialogues;
import org.rapport.platform.ContactId;
import org.rapport.platform.UuidOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ranks an event's attendees by how much it matters to meet them there. Contacts the team is engaged with or in
 * dialogue with but has not met in person come first (that is what an event is for); then a recent two-way
 * conversation, open conversations, how much was written, and tags add weight. Every figure is asked for all
 * attendees at once (stages and tags of the contacts module, dialogues of the inbox), so a long attendee list costs
 * no more round trips than a short one.
 *
 * <p>
 * Points: stage "in dialogue" 40, "engaged" 30, any other stage below "met in person" 10, at or above it 0; a
 * two-way conversation in the last 90 days 25; 10 per open conversation (at most 2); 1 per 5 messages (at most
 * 10); 2 per tag (at most 3).
 */
@Component
public class AttendeeRanking {

	static final Duration RECENT = Duration.ofDays(90);

	private final JdbcClient jdbc;
	private final Events events;
	private final Stages stages;
	private final Tags tags;
	private final Dialogues dialogues;
	private final ContactNames contactNames;

	AttendeeRanking(JdbcClient jdbc, Events events, Stages stages, Tags tags, Dialogues dialogues,
			ContactNames contactNames) {
		this.jdbc = jdbc;
		this.events = events;
		this.stages = stages;
		this.tags = tags;
		this.dialogues = dialogues;
		this.contactNames = contactNames;
	}

	/** An attendee as the event knows them: the organisation and role of their first addition, meetings planned. */
	private record Attending(UUID contactId, String organisation, String role, int planned) {
	}

	public List<RankedAttendee> rank(UUID workspaceId, UUID eventId) {
		events.get(workspaceId, eventId);
		List<Attending> attending = jdbc.sql("""
				with att as (
				  select distinct on (a.contact_id) a.contact_id, a.organisation, a.role
				  from event_attendees a where a.event_id = ? and a.workspace_id = ?
				  order by a.contact_id, a.added_at
				), planned as (
				  select m.contact_id, count(*) as n from event_meetings m where m.event_id = ? group by m.contact_id
				)
				select att.contact_id, att.organisation, att.role, coalesce(planned.n, 0) as planned
				from att left join planned on planned.contact_id = att.contact_id""")
			.params(eventId, workspaceId, eventId)
			.query((rs, n) -> new Attending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
		List<UUID> ids = attending.stream().map(Attending::contactId).toList();
		ContactNames.Names names = contactNames.of(workspaceId, ids);
		Stages.Ladder ladder = stages.ladder(workspaceId);
		Map<UUID, Stages.Placement> placements = ContactId.byValue(stages.placements(workspaceId, ContactId.all(ids)));
		Map<UUID, List<String>> tagged = ContactId.byValue(tags.ofEach(workspaceId, ContactId.all(ids)));
		Map<UUID, Dialogues.Dialogue> dialogue = ContactId.byValue(dialogues.of(workspaceId, ContactId.all(ids)));
		Instant recent = Instant.now().minus(RECENT);
		Comparator<RankedAttendee> order = Comparator.comparingInt(RankedAttendee::score).reversed()
			.thenComparing(RankedAttendee::lastTwoWay, Comparator.nullsLast(Comparator.reverseOrder()))
			.thenComparing(RankedAttendee::contactId, names.alphabetical().thenComparing(UuidOrder.DATABASE));
		return attending.stream()
			.filter(a -> names.has(a.contactId()))
			.map(a -> {
				Stages.Placement placed = placements.get(a.contactId());
				return ranked(a, names.of(a.contactId()), placed == null ? ladder.first() : placed.stage(), ladder,
						tagged.getOrDefault(a.contactId(), List.of()),
						dialogue.getOrDefault(a.contactId(), Dialogues.Dialogue.none(a.contactId())), recent);
			})
			.sorted(order)
			.toList();
	}

	private static RankedAttendee ranked(Attending attendee, String name, String stage, Stages.Ladder ladder,
			List<String> tags, Dialogues.Dialogue dialogue, Instant recent) {
		int metInPerson = ladder.indexOf(StageProposals.MET_IN_PERSON);
		int position = ladder.indexOf(stage);
		boolean met = metInPerson >= 0 && position >= 0 && position >= metInPerson;
		Instant last = dialogue.lastAnswered();
		boolean twoWayRecently = last != null && !last.isBefore(recent);
		int open = dialogue.openConversations();
		int messages = Math.toIntExact(dialogue.messages());
		int score = (met ? 0 : stage.equals(StageProposals.IN_DIALOGUE) ? 40 : stage.equals("engaged") ? 30 : 10)
				+ (twoWayRecently ? 25 : 0) + Math.min(open, 2) * 10 + Math.min(messages, 50) / 5
				+ Math.min(tags.size(), 3) * 2;
		List<RankedAttendee.Reason> reasons = new ArrayList<>();
		if (met) {
			reasons.add(new RankedAttendee.Reason("met_already", stage));
		}
		else if (stage.equals(StageProposals.IN_DIALOGUE) || stage.equals("engaged")) {
			reasons.add(new RankedAttendee.Reason("stage", stage));
		}
		if (twoWayRecently) {
			reasons.add(new RankedAttendee.Reason("two_way", last.toString()));
		}
		if (open > 0) {
			reasons.add(new RankedAttendee.Reason("open_conversations", Integer.toString(open)));
		}
		if (messages > 0) {
			reasons.add(new RankedAttendee.Reason("messages", Integer.toString(messages)));
		}
		if (!tags.isEmpty()) {
			reasons.add(new RankedAttendee.Reason("tags", String.join(", ", tags)));
		}
		return new RankedAttendee(attendee.contactId(), name, attendee.organisation(), attendee.role(), stage, score,
				last, open, messages, List.copyOf(tags), attendee.planned(), List.copyOf(reasons));
	}
}
