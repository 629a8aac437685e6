package org.rapport.relationships;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.rapport.blog.Posts;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Stages;
import org.rapport.contacts.Tags;
import org.rapport.inbox.ContactActivity;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whom to reach out to personally now, and why. It gathers the contacts that have a reason (recent messages, replies
 * to us, links to our posts, topics of our recent posts, a due reminder) from indexed recent rows only, never from
 * every contact, asking their owners in bulk (the inbox's recent conversations, the blog's linkbacks and recent post
 * tags, the contacts' tags, stages and names), and scores them by the weights below (see
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
	private final Tags tags;
	private final Posts posts;
	private final ContactLinks links;
	private final ContactActivity recent;
	private final Reminders reminders;
	private final MessageSource messages;

	ReachOut(JdbcClient jdbc, Contacts contacts, Stages stages, Tags tags, Posts posts, ContactLinks links,
			ContactActivity recent, Reminders reminders, MessageSource messages) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.stages = stages;
		this.tags = tags;
		this.posts = posts;
		this.links = links;
		this.recent = recent;
		this.reminders = reminders;
		this.messages = messages;
	}

	/** Links from the contact's site in the last 90 days, and the newest one's address. */
	private record Mentions(Set<UUID> linkbacks, String latest) {
	}

	private record Due(int count, Instant due, String note) {
	}

	/** A contact with a reason, its figures and its points. */
	private record Scored(UUID id, String name, String stage, Instant stageSince, ContactActivity.Recent activity,
			Mentions mentions, List<String> tags, Due due, int pActivity, int pReplies, int pMentions, int pTopics,
			int pStalled, int pReminder) {

		int score() {
			return pActivity + pReplies + pMentions + pTopics + pStalled + pReminder;
		}

		Instant lastIn() {
			return activity == null ? null : activity.lastIn();
		}
	}

	/** Best first: by score, then the newest inbound message (none last); the name and id come after, see below. */
	private static final Comparator<Scored> BEFORE_NAME = Comparator.comparingInt(Scored::score)
		.reversed()
		.thenComparing(Scored::lastIn, Comparator.nullsLast(Comparator.reverseOrder()));

	/** The best {@code limit} contacts to reach out to now, best first. */
	public List<Candidate> rank(UUID workspaceId, int limit, Locale locale) {
		return rank(workspaceId, limit, Instant.now(), locale);
	}

	List<Candidate> rank(UUID workspaceId, int limit, Instant now, Locale locale) {
		if (limit < 1 || limit > 200) {
			throw new IllegalArgumentException("limit must be between 1 and 200, not " + limit + ".");
		}
		Timestamp at = Timestamp.from(now);
		Map<UUID, ContactActivity.Recent> activity = ContactId.byValue(recent.recent(workspaceId, now, 14, 30));
		// Earliest first, so a contact's first reminder gives the due time and the note.
		Map<UUID, Due> due = new HashMap<>();
		reminders.dueAt(workspaceId, now)
			.forEach((reminder, time) -> due.merge(reminder.contactId(), new Due(1, time, reminder.note()),
					(earlier, later) -> new Due(earlier.count() + 1, earlier.due(), earlier.note())));
		Map<UUID, Mentions> mentions = new HashMap<>();
		for (ContactLinks.Link link : links.since(workspaceId, daysBefore(now, 90))) {
			// Newest first, so the first link of a contact is its newest.
			mentions.computeIfAbsent(link.contactId(), k -> new Mentions(new HashSet<>(), link.source()))
				.linkbacks()
				.add(link.linkbackId());
		}
		Set<String> postTags = posts.tagsPublishedSince(workspaceId, daysBefore(now, 90));
		Map<UUID, List<String>> topics = ContactId.byValue(tags.withAnyOf(workspaceId, postTags));

		Set<UUID> candidates = new HashSet<>();
		candidates.addAll(activity.keySet());
		candidates.addAll(mentions.keySet());
		candidates.addAll(topics.keySet());
		candidates.addAll(due.keySet());
		if (candidates.isEmpty()) {
			return List.of();
		}
		Stages.Ladder ladder = stages.ladder(workspaceId);
		String first = ladder.first();
		String last = ladder.stages().getLast().key();
		Map<UUID, Stages.Placement> placements = ContactId.byValue(stages.placements(workspaceId, ContactId.all(candidates)));
		Set<UUID> dismissed = new HashSet<>(jdbc
			.sql("select contact_id from reach_out_dismissals where workspace_id = ? and until > ?")
			.params(workspaceId, at)
			.query(UUID.class)
			.list());
		Instant stalledBefore = daysBefore(now, STALLED_DAYS);
		List<Scored> scored = new ArrayList<>();
		for (Contact contact : contacts.all(workspaceId, ContactId.all(candidates))) {
			Stages.Placement placement = placements.get(contact.id());
			String stage = placement == null ? first : placement.stage();
			Instant since = placement == null ? contact.createdAt() : placement.since();
			if (stage.equals(last) || dismissed.contains(contact.id())) {
				continue;
			}
			ContactActivity.Recent a = activity.get(contact.id());
			Mentions m = mentions.get(contact.id());
			List<String> t = topics.getOrDefault(contact.id(), List.of());
			Due d = due.get(contact.id());
			int in14 = a == null ? 0 : a.inShort();
			int in30 = a == null ? 0 : a.inWindow();
			Scored s = new Scored(contact.id(), contact.name(), stage, since, a, m, t, d,
					Math.min(PER_MESSAGE_14 * in14 + PER_MESSAGE_30 * (in30 - in14), ACTIVITY_CAP),
					Math.min(PER_REPLY * (a == null ? 0 : a.replies()), REPLY_CAP),
					Math.min(PER_MENTION * (m == null ? 0 : m.linkbacks().size()), MENTION_CAP),
					Math.min(PER_TOPIC * t.size(), TOPIC_CAP),
					in30 > 0 && !since.isAfter(stalledBefore) ? STALLED : 0,
					d != null && d.count() > 0 ? REMINDER : 0);
			if (s.score() > 0) {
				scored.add(s);
			}
		}
		return best(scored, limit).stream().map(s -> candidate(s, ladder, now, locale)).toList();
	}

	/**
	 * The best {@code limit} in order. Ties on score and newest message are ordered by name as the database collates
	 * it (as the contact list does), then by id: the database orders the candidates in question, and only those.
	 */
	private List<Scored> best(List<Scored> scored, int limit) {
		scored.sort(BEFORE_NAME);
		if (scored.size() > limit) {
			Scored lastIn = scored.get(limit - 1);
			int end = limit;
			while (end < scored.size() && BEFORE_NAME.compare(scored.get(end), lastIn) == 0) {
				end++;
			}
			scored = scored.subList(0, end);
		}
		Integer[] groups = new Integer[scored.size()];
		String[] names = new String[scored.size()];
		UUID[] ids = new UUID[scored.size()];
		Integer[] positions = new Integer[scored.size()];
		int group = 0;
		for (int i = 0; i < scored.size(); i++) {
			if (i > 0 && BEFORE_NAME.compare(scored.get(i - 1), scored.get(i)) != 0) {
				group++;
			}
			groups[i] = group;
			names[i] = scored.get(i).name();
			ids[i] = scored.get(i).id();
			positions[i] = i;
		}
		List<Scored> inOrder = scored;
		return jdbc.sql("""
				select c.position from unnest(cast(? as int[]), cast(? as text[]), cast(? as uuid[]), cast(? as int[]))
				  as c(grp, name, id, position)
				order by c.grp, lower(c.name), c.id limit ?""")
			.params(groups, names, ids, positions, limit)
			.query(Integer.class)
			.list()
			.stream()
			.map(inOrder::get)
			.toList();
	}

	private Candidate candidate(Scored s, Stages.Ladder ladder, Instant now, Locale locale) {
		List<Reason> reasons = new ArrayList<>();
		if (s.pReminder() > 0) {
			String note = s.due().note();
			reasons.add(new Reason("reminder_due",
					text(note == null || note.isBlank() ? "reachout.reason.reminder" : "reachout.reason.reminderNote", locale, note),
					s.due().due().toString(), s.pReminder()));
		}
		if (s.pActivity() > 0) {
			reasons.add(new Reason("recent_activity",
					text("reachout.reason.activity", locale, s.activity().inShort(), s.activity().inWindow()),
					s.activity().lastIn().toString(), s.pActivity()));
		}
		if (s.pReplies() > 0) {
			reasons.add(new Reason("replied", text("reachout.reason.replied", locale, s.activity().replies()),
					s.activity().repliedIn().toString(), s.pReplies()));
		}
		if (s.pMentions() > 0) {
			reasons.add(new Reason("mentioned_our_posts",
					text("reachout.reason.mentioned", locale, s.mentions().linkbacks().size()), s.mentions().latest(),
					s.pMentions()));
		}
		if (s.pTopics() > 0) {
			String shared = String.join(", ", s.tags());
			reasons.add(new Reason("common_topics", text("reachout.reason.topics", locale, shared), shared, s.pTopics()));
		}
		if (s.pStalled() > 0) {
			long weeks = Duration.between(s.stageSince(), now).toDays() / 7;
			reasons.add(new Reason("stage_stalled",
					text("reachout.reason.stalled", locale, label(ladder, s.stage(), locale), weeks), s.stage(),
					s.pStalled()));
		}
		return new Candidate(new ContactRef(s.id(), s.name()), s.score(), List.copyOf(reasons));
	}

	/**
	 * {@code days} calendar days before {@code now} in the application's time zone, as the database counts
	 * {@code now - interval 'n days'} in the session's zone (the JDBC driver gives it the JVM's).
	 */
	static Instant daysBefore(Instant now, int days) {
		return now.atZone(ZoneId.systemDefault()).minusDays(days).toInstant();
	}

	/** Keeps the contact off the list for {@link #DISMISSAL}. */
	public Instant dismiss(CurrentUser by, UUID contactId) {
		by.requireWorker();
		contacts.get(by.workspaceId(), ContactId.of(contactId));
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
