package org.rapport.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.StageProposals;
import org.rapport.contacts.Stages;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logs the meetings of an event afterwards, all in one go and all or nothing. A meeting that took place becomes an
 * offline activity (kind {@code event}, outgoing, at the meeting's time, with the summary) on the contact's
 * timeline, and moves the contact up to "met in person" if they are below it on the workspace's ladder. A ladder
 * without that stage is respected: the contact stays where they are and gets a stage proposal instead (see
 * {@link EventStageEvidence}).
 */
@Component
public class MeetingLog {

	public static final int MAX_ITEMS = 500;

	private final JdbcClient jdbc;
	private final Events events;
	private final Meetings meetings;
	private final EventActivities activities;
	private final Stages stages;

	MeetingLog(JdbcClient jdbc, Events events, Meetings meetings, EventActivities activities, Stages stages) {
		this.jdbc = jdbc;
		this.events = events;
		this.meetings = meetings;
		this.activities = activities;
		this.stages = stages;
	}

	/** Whether a meeting took place, and what was said ({@code summary} is required when it did). */
	public record Item(UUID meetingId, Boolean met, String summary) {
	}

	/**
	 * What logging did with one meeting.
	 *
	 * @param stage {@code advanced} (now "met in person"), {@code unchanged} (already there or higher, or not met),
	 *        or {@code proposed} (the ladder has no "met in person"; a proposal waits on the contact page)
	 */
	public record Logged(UUID meetingId, UUID contactId, String outcome, UUID messageId, UUID conversationId,
			String stage) {
	}

	/**
	 * Logs every item or none.
	 *
	 * @throws NotFoundException when the event or a meeting is not in the workspace (or not at this event)
	 * @throws IllegalArgumentException when an item is incomplete, repeated, or a meeting lies in the future
	 * @throws IllegalStateException when a meeting was logged before
	 */
	@Transactional
	public List<Logged> log(CurrentUser by, UUID eventId, List<Item> items) {
		by.requireWorker();
		UUID workspaceId = by.workspaceId();
		Event event = events.get(workspaceId, eventId);
		List<Item> checked = check(items);
		Map<UUID, Meeting> byId = new HashMap<>();
		meetings.lockForLogging(workspaceId, eventId, checked.stream().map(Item::meetingId).toList())
			.forEach(m -> byId.put(m.id(), m));
		Instant now = Instant.now();
		for (Item item : checked) {
			Meeting m = byId.get(item.meetingId());
			if (m == null) {
				throw new NotFoundException("No meeting " + item.meetingId() + " at this event.");
			}
			if (m.logged()) {
				throw new IllegalStateException("The meeting with " + m.contactName() + " was logged already ("
						+ m.outcome() + "); nothing was logged.");
			}
			if (item.met() && m.at().isAfter(now)) {
				throw new IllegalArgumentException("The meeting with " + m.contactName() + " is planned for " + m.at()
						+ ", which has not happened yet; nothing was logged.");
			}
		}
		Stages.Ladder ladder = stages.ladder(workspaceId);
		int met = ladder.indexOf(StageProposals.MET_IN_PERSON);
		List<Logged> result = new ArrayList<>();
		for (Item item : checked) {
			Meeting m = byId.get(item.meetingId());
			String summary = item.summary() == null ? "" : item.summary().strip();
			UUID messageId = null;
			UUID conversationId = null;
			String stage = "unchanged";
			if (item.met()) {
				EventActivities.Logged activity = activities.log(by, m.contactId(), summary, m.at());
				messageId = activity.messageId();
				conversationId = activity.conversationId();
				stage = advance(by, ladder, met, m, event);
			}
			jdbc.sql("""
					update event_meetings set outcome = ?, summary = ?, message_id = ?, conversation_id = ?,
					  logged_at = ?, logged_by = ?
					where id = ? and workspace_id = ?""")
				.params(item.met() ? "met" : "not_met", summary, messageId, conversationId, Timestamp.from(now),
						by.userId(), m.id(), workspaceId)
				.update();
			result.add(new Logged(m.id(), m.contactId(), item.met() ? "met" : "not_met", messageId, conversationId, stage));
		}
		return result;
	}

	private String advance(CurrentUser by, Stages.Ladder ladder, int met, Meeting m, Event event) {
		int current = ladder.indexOf(stages.current(by.workspaceId(), ContactId.of(m.contactId())));
		if (met < 0) {
			return current < ladder.stages().size() - 1 ? "proposed" : "unchanged";
		}
		if (current >= met) {
			return "unchanged";
		}
		stages.change(by, ContactId.of(m.contactId()), StageProposals.MET_IN_PERSON, "Met in person at the event \u201E" + event.name()
				+ "\u201C on " + m.at().atOffset(ZoneOffset.UTC).toLocalDate() + ".");
		return "advanced";
	}

	private static List<Item> check(List<Item> items) {
		if (items == null || items.isEmpty()) {
			throw new InvalidFieldException("items", "Send items: [{\"meetingId\", \"met\": true|false, \"summary\"}].");
		}
		if (items.size() > MAX_ITEMS) {
			throw new InvalidFieldException("items", "At most " + MAX_ITEMS + " meetings can be logged at once.");
		}
		Set<UUID> seen = new HashSet<>();
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			if (item == null || item.meetingId() == null || item.met() == null) {
				throw new InvalidFieldException("items[" + i + "]", "Item " + (i + 1) + " needs a meetingId and met (true or false).");
			}
			if (!seen.add(item.meetingId())) {
				throw new InvalidFieldException("items[" + i + "].meetingId", "Meeting " + item.meetingId() + " appears twice.");
			}
			if (item.met() && (item.summary() == null || item.summary().isBlank())) {
				throw new InvalidFieldException("items[" + i + "].summary", "Item " + (i + 1) + ": a meeting that took place needs a short summary.");
			}
			if (item.summary() != null && item.summary().length() > 20_000) {
				throw new InvalidFieldException("items[" + i + "].summary", "Item " + (i + 1) + ": a summary has at most 20000 characters.");
			}
		}
		return items;
	}
}
