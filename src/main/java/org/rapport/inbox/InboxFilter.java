package org.rapport.inbox;

import java.util.UUID;

/**
 * What the inbox list shows. Every field is optional.
 *
 * @param assignee a user id, or {@code null} for anyone; see {@link #unassigned}
 * @param channel a channel key such as {@code email} or {@code api}
 * @param q full-text query over subjects and bodies, German and English stemming
 * @param segment a saved contact segment: only conversations with its contacts
 * @param unread only those unread for the member who asks
 * @param spam the Spam view: only conversations judged spam; without it, only those that are not
 */
public record InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
		UUID contact, String q, UUID segment, boolean unread, boolean spam) {

	/** A filter of the normal views, without spam. */
	public InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
			UUID contact, String q, UUID segment, boolean unread) {
		this(status, assignee, unassigned, channel, label, contact, q, segment, unread, false);
	}

	/** A filter of every conversation, read or not. */
	public InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
			UUID contact, String q, UUID segment) {
		this(status, assignee, unassigned, channel, label, contact, q, segment, false);
	}

	/** A filter without a segment. */
	public InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
			UUID contact, String q) {
		this(status, assignee, unassigned, channel, label, contact, q, null);
	}

	public static InboxFilter all() {
		return new InboxFilter(null, null, false, null, null, null, null);
	}

	public static InboxFilter status(ConversationStatus status) {
		return new InboxFilter(status, null, false, null, null, null, null);
	}

	/** The Spam view: every conversation judged spam, whatever its status. */
	public static InboxFilter spamView() {
		return new InboxFilter(null, null, false, null, null, null, null, null, false, true);
	}
}
