package org.rapport.relationships;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Stages;
import org.rapport.platform.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whom to reach out to personally now, and why. One query ranks the workspace: it gathers the contacts that have a
 * reason (recent messages, replies to us, links to our posts, topics of our recent posts, a due reminder) from
 * indexed recent rows only, never from every contact, and scores them by the weights below (see
 * {@code docs/reach-out.md}). Contacts on the last stage of the ladder, and contacts dismissed for now, are left out.
 */
@Component
public class ReachOut {

	/** Points per inbound message of the last 14 days, and of days 15 to 30; together at most {@link #ACTIVITY_CAP}. */
	static final int PER_MESSAGE_14 = 3;
	static final int PER_MESSAGE_30 = 1;
	static final int ACTIVITY_CAP = 30;
	/** Points per inbound message that answered one of ours (last 30 days), at most {@link #REPLY_CAP}. */
	static final int PER_REPLY = 5;
	static final int REPLY_CAP = 20;
	/** Points per verified link from the contact's site to one of our posts (last 90 days), at most {@link #MENTION_CAP}. */
	static final int PER_MENTION = 8;
	static final int MENTION_CAP = 24;
	/** Points per tag the contact shares with our posts of the last 90 days, at most {@link #TOPIC_CAP}. */
	static final int PER_TOPIC = 4;
	static final int TOPIC_CAP = 12;
	/** Points for a stage unchanged for {@link #STALLED_DAYS} days while the contact wrote in the last 30 days. */
	static final int STALLED = 10;
	static final int STALLED_DAYS = 28;
	/** Points for a reminder that is due. */
	static final int REMINDER = 25;

	/** How long "not now" keeps a contact off the list. */
	public static final Duration DISMISSAL = Duration.ofDays(30);

	/** A contact worth reaching out to, with the points it got and why. */
	public record Candidate(ContactRef contact, int score, List<Reason> reasons) {
	}

	public record ContactRef(UUID id, String name) {
	}

	/**
	 * One reason.
	 *
	 * @param code {@code recent_activity}, {@code replied}, {@code mentioned_our_posts}, {@code common_topics},
	 *        {@code stage_stalled} or {@code reminder_due}
	 * @param text the reason as a sentence in the reader's language
	 * @param evidence what it rests on: the newest message's time, the conversation id, the linking URL, the shared
	 *        tags, the stage key, the reminder's due time
	 * @param points what it added to the score
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Reason(String code, String text, String evidence, int points) {
	}

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final Stages stages;
	private final MessageSource messages;

	ReachOut(JdbcClient jdbc, Contacts contacts, Stages stages, MessageSource messages) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.stages = stages;
		this.messages = messages;
	}

	/** Contacts of a workspace whose own site (a blog comment's website or a URL identity) a link can come from. */
	static final String SITES = """
			sites as (
			  select b.contact_id, rtrim(lower(b.website), '/') as site from blog_comments b
			  where b.workspace_id = :ws and b.contact_id is not null and b.from_team = false and b.website ~* '^https?://[^/]+'
			  union
			  select i.contact_id, rtrim(lower(i.value), '/') from identities i
			  where i.workspace_id = :ws and i.value ~* '^https?://[^/]+')""";

	/**
	 * Verified linkbacks (Webmention, Pingback, Trackback) to our posts whose source lies on a contact's site, unless the
	 * team hid them (http(s) only: it is shown as a link).
	 */
	static final String LINKS = """
			links as (
			  select s.contact_id, w.id, w.source, w.received_at from linkbacks w
			  join sites s on lower(w.source) = s.site or starts_with(lower(w.source), s.site || '/')
			  where w.workspace_id = :ws and w.status = 'verified' and not w.hidden and w.source ~* '^https?://')""";

	static final String RANKING = """
			with ladder as (
			  select coalesce((select s.key from stages s where s.workspace_id = :ws order by s.position desc limit 1), 'partner') as last_stage,
			         coalesce((select s.key from stages s where s.workspace_id = :ws order by s.position limit 1), 'observed') as first_stage),
			recent as (
			  select c.id, c.contact_id from conversations c
			  where c.workspace_id = :ws and c.last_message_at >= cast(:now as timestamptz) - interval '30 days'),
			per_conversation as (
			  select r.id, r.contact_id, s.in14, s.in30, s.last_in, s.replies
			  from recent r
			  cross join lateral (select min(o.sent_at) as first_out from messages o
			    where o.conversation_id = r.id and o.direction = 'out' and o.kind <> 'note') f
			  cross join lateral (
			    select count(*) filter (where m.sent_at >= cast(:now as timestamptz) - interval '14 days') as in14,
			      count(*) as in30, max(m.sent_at) as last_in,
			      count(*) filter (where m.sent_at > f.first_out) as replies
			    from messages m
			    where m.conversation_id = r.id and m.sent_at >= cast(:now as timestamptz) - interval '30 days'
			      and m.sent_at <= cast(:now as timestamptz) and m.direction = 'in' and m.kind <> 'note') s
			  where s.in30 > 0),
			activity as (
			  select p.contact_id, sum(p.in14) as in14, sum(p.in30) as in30, max(p.last_in) as last_in
			  from per_conversation p group by p.contact_id),
			replies as (
			  select p.contact_id, sum(p.replies) as n, (array_agg(p.id order by p.last_in desc))[1] as conversation_id
			  from per_conversation p where p.replies > 0 group by p.contact_id),
			%s,
			%s,
			mentions as (
			  select l.contact_id, count(distinct l.id) as n, (array_agg(l.source order by l.received_at desc))[1] as latest
			  from links l where l.received_at >= cast(:now as timestamptz) - interval '90 days' group by l.contact_id),
			post_tags as (
			  select lower(t.name) as tag from blog_terms t join blog_posts p on p.id = t.post_id
			  where t.workspace_id = :ws and t.kind = 'tag' and p.status = 'published' and p.published_at >= cast(:now as timestamptz) - interval '90 days'
			  union
			  select t.slug from blog_terms t join blog_posts p on p.id = t.post_id
			  where t.workspace_id = :ws and t.kind = 'tag' and p.status = 'published' and p.published_at >= cast(:now as timestamptz) - interval '90 days'),
			topics as (
			  select ct.contact_id, array_agg(distinct ct.tag order by ct.tag) as tags
			  from contact_tags ct join post_tags pt on pt.tag = ct.tag
			  where ct.workspace_id = :ws group by ct.contact_id),
			due as (
			  select r.contact_id, count(*) as n, min(%s) as due, (array_agg(r.note order by %s))[1] as note
			  from reminders r %s
			  where r.workspace_id = :ws and r.done_at is null and %s <= cast(:now as timestamptz)
			  group by r.contact_id),
			candidates as (
			  select contact_id from activity union select contact_id from replies union select contact_id from mentions
			  union select contact_id from topics union select contact_id from due),
			scored as (
			  select k.id, k.name, coalesce(st.stage, l.first_stage) as stage, coalesce(st.changed_at, k.created_at) as stage_since,
			    coalesce(a.in14, 0) as in14, coalesce(a.in30, 0) as in30, a.last_in,
			    coalesce(rp.n, 0) as replies, rp.conversation_id, coalesce(mn.n, 0) as mentions, mn.latest,
			    coalesce(tp.tags, '{}') as tags, coalesce(d.n, 0) as reminders, d.due, d.note
			  from candidates c join contacts k on k.id = c.contact_id and k.workspace_id = :ws
			  cross join ladder l
			  left join contact_stages st on st.contact_id = k.id
			  left join activity a on a.contact_id = k.id
			  left join replies rp on rp.contact_id = k.id
			  left join mentions mn on mn.contact_id = k.id
			  left join topics tp on tp.contact_id = k.id
			  left join due d on d.contact_id = k.id
			  where coalesce(st.stage, l.first_stage) <> l.last_stage
			    and not exists (select 1 from reach_out_dismissals x where x.workspace_id = :ws and x.contact_id = k.id and x.until > cast(:now as timestamptz))),
			points as (
			  select s.*,
			    least(%d * s.in14 + %d * (s.in30 - s.in14), %d) as p_activity,
			    least(%d * s.replies, %d) as p_replies,
			    least(%d * s.mentions, %d) as p_mentions,
			    least(%d * cardinality(s.tags), %d) as p_topics,
			    case when s.in30 > 0 and s.stage_since <= cast(:now as timestamptz) - make_interval(days => %d) then %d else 0 end as p_stalled,
			    case when s.reminders > 0 then %d else 0 end as p_reminder
			  from scored s)
			select p.*, p.p_activity + p.p_replies + p.p_mentions + p.p_topics + p.p_stalled + p.p_reminder as score
			from points p
			where p.p_activity + p.p_replies + p.p_mentions + p.p_topics + p.p_stalled + p.p_reminder > 0
			order by score desc, p.last_in desc nulls last, lower(p.name), p.id
			limit :limit""".formatted(SITES, LINKS, Reminders.DUE, Reminders.DUE, Reminders.LAST_CONTACT, Reminders.DUE,
			PER_MESSAGE_14, PER_MESSAGE_30, ACTIVITY_CAP, PER_REPLY, REPLY_CAP, PER_MENTION, MENTION_CAP, PER_TOPIC,
			TOPIC_CAP, STALLED_DAYS, STALLED, REMINDER);

	/** The best {@code limit} contacts to reach out to now, best first. */
	public List<Candidate> rank(UUID workspaceId, int limit, Locale locale) {
		return rank(workspaceId, limit, Instant.now(), locale);
	}

	List<Candidate> rank(UUID workspaceId, int limit, Instant now, Locale locale) {
		if (limit < 1 || limit > 200) {
			throw new IllegalArgumentException("limit must be between 1 and 200, not " + limit + ".");
		}
		Stages.Ladder ladder = stages.ladder(workspaceId);
		return jdbc.sql(RANKING)
			.param("ws", workspaceId)
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> {
				List<Reason> reasons = new ArrayList<>();
				int in14 = rs.getInt("in14");
				int in30 = rs.getInt("in30");
				if (rs.getInt("p_reminder") > 0) {
					String note = rs.getString("note");
					reasons.add(new Reason("reminder_due",
							text(note == null || note.isBlank() ? "reachout.reason.reminder" : "reachout.reason.reminderNote", locale, note),
							rs.getTimestamp("due").toInstant().toString(), rs.getInt("p_reminder")));
				}
				if (rs.getInt("p_activity") > 0) {
					reasons.add(new Reason("recent_activity", text("reachout.reason.activity", locale, in14, in30),
							rs.getTimestamp("last_in").toInstant().toString(), rs.getInt("p_activity")));
				}
				if (rs.getInt("p_replies") > 0) {
					reasons.add(new Reason("replied", text("reachout.reason.replied", locale, rs.getInt("replies")),
							rs.getObject("conversation_id", UUID.class).toString(), rs.getInt("p_replies")));
				}
				if (rs.getInt("p_mentions") > 0) {
					reasons.add(new Reason("mentioned_our_posts", text("reachout.reason.mentioned", locale, rs.getInt("mentions")),
							rs.getString("latest"), rs.getInt("p_mentions")));
				}
				if (rs.getInt("p_topics") > 0) {
					String tags = String.join(", ", Arrays.asList((String[]) rs.getArray("tags").getArray()));
					reasons.add(new Reason("common_topics", text("reachout.reason.topics", locale, tags), tags, rs.getInt("p_topics")));
				}
				if (rs.getInt("p_stalled") > 0) {
					String stage = rs.getString("stage");
					long weeks = Duration.between(rs.getTimestamp("stage_since").toInstant(), now).toDays() / 7;
					reasons.add(new Reason("stage_stalled", text("reachout.reason.stalled", locale, label(ladder, stage, locale), weeks),
							stage, rs.getInt("p_stalled")));
				}
				return new Candidate(new ContactRef(rs.getObject("id", UUID.class), rs.getString("name")), rs.getInt("score"),
						List.copyOf(reasons));
			})
			.list();
	}

	/** Keeps the contact off the list for {@link #DISMISSAL}. */
	public Instant dismiss(CurrentUser by, UUID contactId) {
		by.requireWorker();
		contacts.get(by.workspaceId(), contactId);
		Instant until = Instant.now().plus(DISMISSAL);
		jdbc.sql("delete from reach_out_dismissals where workspace_id = ? and contact_id = ?").params(by.workspaceId(), contactId).update();
		jdbc.sql("insert into reach_out_dismissals(id, workspace_id, contact_id, until, dismissed_by) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), by.workspaceId(), contactId, Timestamp.from(until), by.userId())
			.update();
		return until;
	}

	/** The stage's label in the reader's language: default stages are translated, configured ones shown as configured. */
	String label(Stages.Ladder ladder, String key, Locale locale) {
		String configured = ladder.labelOf(key);
		return ladder.configured() ? configured : messages.getMessage("stage." + key, null, configured, locale);
	}

	private String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}
}
