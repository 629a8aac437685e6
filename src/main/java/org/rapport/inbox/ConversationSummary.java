package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of the inbox list.
 *
 * @param unread whether the member who asked has not opened it since the contact last wrote, or marked it unread;
 * false where no member asked
 * @param spam judged spam (by the filter as it arrived, or by the team): it shows in the Spam view only
 * @param triage kind, sentiment and language of its newest triaged message, or as a member corrected them; null
 * where nothing was triaged
 * @param coordinatedGroup the key of the coordinated group one of its messages belongs to ({@link
 * CoordinatedConversations}), null where none does
 */
public record ConversationSummary(UUID id, String subject, String status, ChannelRef channel, ContactRef contact,
		Instant lastMessageAt, String preview, int messageCount, Instant waitingSince, Instant snoozedUntil,
		AssigneeRef assignee, List<String> labels, boolean unread, boolean spam, Triage triage, String coordinatedGroup) {

	public ConversationSummary(UUID id, String subject, String status, ChannelRef channel, ContactRef contact,
			Instant lastMessageAt, String preview, int messageCount, Instant waitingSince, Instant snoozedUntil,
			AssigneeRef assignee, List<String> labels, boolean unread, boolean spam, Triage triage) {
		this(id, subject, status, channel, contact, lastMessageAt, preview, messageCount, waitingSince, snoozedUntil,
				assignee, labels, unread, spam, triage, null);
	}

	/** Whether one of its messages belongs to a coordinated group. */
	public boolean coordinated() {
		return coordinatedGroup != null;
	}

	/** The same line, marked as holding a message of this coordinated group (null: of none). */
	public ConversationSummary inCoordinatedGroup(String group) {
		return new ConversationSummary(id, subject, status, channel, contact, lastMessageAt, preview, messageCount,
				waitingSince, snoozedUntil, assignee, labels, unread, spam, triage, group);
	}

	public ConversationSummary(UUID id, String subject, String status, ChannelRef channel, ContactRef contact,
			Instant lastMessageAt, String preview, int messageCount, Instant waitingSince, Instant snoozedUntil,
			AssigneeRef assignee, List<String> labels, boolean unread, boolean spam) {
		this(id, subject, status, channel, contact, lastMessageAt, preview, messageCount, waitingSince, snoozedUntil,
				assignee, labels, unread, spam, null);
	}

	public ConversationSummary(UUID id, String subject, String status, ChannelRef channel, ContactRef contact,
			Instant lastMessageAt, String preview, int messageCount, Instant waitingSince, Instant snoozedUntil,
			AssigneeRef assignee, List<String> labels, boolean unread) {
		this(id, subject, status, channel, contact, lastMessageAt, preview, messageCount, waitingSince, snoozedUntil,
				assignee, labels, unread, false);
	}

	public ConversationSummary(UUID id, String subject, String status, ChannelRef channel, ContactRef contact,
			Instant lastMessageAt, String preview, int messageCount, Instant waitingSince, Instant snoozedUntil,
			AssigneeRef assignee, List<String> labels) {
		this(id, subject, status, channel, contact, lastMessageAt, preview, messageCount, waitingSince, snoozedUntil,
				assignee, labels, false);
	}

	public record ChannelRef(UUID id, String key, String kind, String name) {
	}

	public record ContactRef(UUID id, String name, String handle) {
	}

	public record AssigneeRef(UUID id, String name) {
	}
}
