package org.rapport.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ranks an event's attendees by how much it matters to meet them there. Contacts the team is engaged with or in
 * dialogue with but has not met in person come first (that is what an event is for); then a recent two-way
 * conversation, open conversations, how much was written, and tags add weight. One query computes every figure
 * for all attendees at once, so a long attendee list costs no more round trips than a short one.
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

	AttendeeRanking(JdbcClient jdbc, Events events, Stages stages) {
		this.jdbc = jdbc;
		this.events = events;
		this.stages = stages;
	}

	public List<RankedAttendee> rank(UUID workspaceId, UUID eventId) {
		events.get(workspaceId, eventId);
		Stages.Ladder ladder = stages.ladder(workspaceId);
		String[] keys = ladder.stages().stream().map(Stages.Stage::key).toArray(String[]::new);
		Timestamp recent = Timestamp.from(Instant.now().minus(RECENT));
		return jdbc.sql("""
				with att as (
				  select distinct on (a.contact_id) a.contact_id, a.organisation, a.role
				  from event_attendees a where a.event_id = :event and a.workspace_id = :ws
				  order by a.contact_id, a.added_at
				), st as (
				  select att.contact_id, coalesce(s.stage, :first) as stage from att
				  left join contact_stages s on s.contact_id = att.contact_id
				), conv as (
				  select c.contact_id, count(*) filter (where c.status in ('open', 'pending')) as open_count,
				    coalesce(sum(c.message_count), 0) as messages
				  from conversations c join att on att.contact_id = c.contact_id
				  where c.workspace_id = :ws group by c.contact_id
				), two_way as (
				  select c.contact_id, max(r.sent_at) as last_reply
				  from conversations c join att on att.contact_id = c.contact_id
				  cross join lateral (select min(i.seq) as first_in from messages i
				    where i.conversation_id = c.id and i.kind = 'message' and i.direction = 'in') f
				  join messages r on r.conversation_id = c.id and r.kind = 'reply' and r.direction = 'out' and r.seq > f.first_in
				  where c.workspace_id = :ws group by c.contact_id
				), tg as (
				  select t.contact_id, array_agg(t.tag order by t.tag) as tags
				  from contact_tags t join att on att.contact_id = t.contact_id group by t.contact_id
				), planned as (
				  select m.contact_id, count(*) as n from event_meetings m where m.event_id = :event group by m.contact_id
				), scored as (
				  select att.contact_id, c.name, att.organisation, att.role, st.stage,
				    coalesce(conv.open_count, 0) as open_count, coalesce(conv.messages, 0) as messages,
				    two_way.last_reply, coalesce(tg.tags, '{}') as tags, coalesce(planned.n, 0) as planned,
				    (array_position(cast(:ladder as text[]), 'met_in_person') is not null
				      and array_position(cast(:ladder as text[]), st.stage) >= array_position(cast(:ladder as text[]), 'met_in_person')) as met
				  from att join contacts c on c.id = att.contact_id join st on st.contact_id = att.contact_id
				  left join conv on conv.contact_id = att.contact_id left join two_way on two_way.contact_id = att.contact_id
				  left join tg on tg.contact_id = att.contact_id left join planned on planned.contact_id = att.contact_id
				)
				select *,
				  (case when met then 0 when stage = 'in_dialogue' then 40 when stage = 'engaged' then 30 else 10 end)
				  + (case when last_reply >= :recent then 25 else 0 end)
				  + least(open_count, 2) * 10 + least(messages, 50) / 5 + least(cardinality(tags), 3) * 2 as score
				from scored
				order by score desc, last_reply desc nulls last, lower(name), contact_id""")
			.param("event", eventId)
			.param("ws", workspaceId)
			.param("first", ladder.first())
			.param("ladder", keys)
			.param("recent", recent)
			.query((rs, n) -> {
				String stage = rs.getString("stage");
				boolean met = rs.getBoolean("met");
				Timestamp last = rs.getTimestamp("last_reply");
				int open = rs.getInt("open_count");
				int messages = rs.getInt("messages");
				List<String> tags = Arrays.asList((String[]) rs.getArray("tags").getArray());
				List<RankedAttendee.Reason> reasons = new ArrayList<>();
				if (met) {
					reasons.add(new RankedAttendee.Reason("met_already", stage));
				}
				else if (stage.equals(StageProposals.IN_DIALOGUE) || stage.equals("engaged")) {
					reasons.add(new RankedAttendee.Reason("stage", stage));
				}
				if (last != null && !last.before(recent)) {
					reasons.add(new RankedAttendee.Reason("two_way", last.toInstant().toString()));
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
				return new RankedAttendee(rs.getObject("contact_id", UUID.class), rs.getString("name"),
						rs.getString("organisation"), rs.getString("role"), stage, rs.getInt("score"),
						last == null ? null : last.toInstant(), open, messages, List.copyOf(tags), rs.getInt("planned"),
						List.copyOf(reasons));
			})
			.list();
	}
}
