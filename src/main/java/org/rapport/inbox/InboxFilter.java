package org.rapport.inbox;

import java.util.UUID;

import org.rapport.platform.InvalidFieldException;

/**
 * What the inbox list shows. Every field is optional.
 *
 * @param assignee a user id, or {@code null} for anyone; see {@link #unassigned}
 * @param channel a channel key such as {@code email} or {@code api}
 * @param q full-text query over subjects and bodies, German and English stemming
 * @param segment a saved contact segment: only conversations with its contacts
 * @param unread only those unread for the member who asks
 * @param spam the Spam view: only conversations judged spam; without it, only those that are not
 * @param kind only conversations triaged as this kind ({@link Triage#KINDS})
 * @param sentiment only conversations triaged with this sentiment ({@link Triage#SENTIMENTS})
 * @param sort the order of the list; null is {@link InboxSort#NEWEST}
 * @param coordinated only conversations with a message in a coordinated group ({@link CoordinatedConversations})
 */
public record InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
		UUID contact, String q, UUID segment, boolean unread, boolean spam, String kind, String sentiment,
		InboxSort sort, boolean coordinated) {

	public InboxFilter {
		if (sort == null) {
			sort = InboxSort.NEWEST;
		}
		if (kind != null && kind.isBlank()) {
			kind = null;
		}
		if (sentiment != null && sentiment.isBlank()) {
			sentiment = null;
		}
		if (kind != null && !Triage.KINDS.contains(kind)) {
			throw new InvalidFieldException("kind", "kind is one of " + String.join(", ", Triage.KINDS) + ", not '"
					+ kind + "'.");
		}
		if (sentiment != null && !Triage.SENTIMENTS.contains(sentiment)) {
			throw new InvalidFieldException("sentiment", "sentiment is one of " + String.join(", ", Triage.SENTIMENTS)
					+ ", not '" + sentiment + "'.");
		}
	}

	/** A filter of conversations whether coordinated or not. */
	public InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
			UUID contact, String q, UUID segment, boolean unread, boolean spam, String kind, String sentiment,
			InboxSort sort) {
		this(status, assignee, unassigned, channel, label, contact, q, segment, unread, spam, kind, sentiment, sort, false);
	}

	/** The same filter, only for conversations with a message in a coordinated group (or not only, with false). */
	public InboxFilter onlyCoordinated(boolean only) {
		return new InboxFilter(status, assignee, unassigned, channel, label, contact, q, segment, unread, spam, kind,
				sentiment, sort, only);
	}

	/** A filter in the default order, newest activity first. */
	public InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
			UUID contact, String q, UUID segment, boolean unread, boolean spam, String kind, String sentiment) {
		this(status, assignee, unassigned, channel, label, contact, q, segment, unread, spam, kind, sentiment, null);
	}

	/** The same filter in this order. */
	public InboxFilter sorted(InboxSort sort) {
		return new InboxFilter(status, assignee, unassigned, channel, label, contact, q, segment, unread, spam, kind,
				sentiment, sort, coordinated);
	}

	/** A filter without triage. */
	public InboxFilter(ConversationStatus status, UUID assignee, boolean unassigned, String channel, String label,
			UUID contact, String q, UUID segment, boolean unread, boolean spam) {
		this(status, assignee, unassigned, channel, label, contact, q, segment, unread, spam, null, null);
	}

	/** The same filter, only for conversations of this kind and sentiment (either may be null: any). */
	public InboxFilter withTriage(String kind, String sentiment) {
		return new InboxFilter(status, assignee, unassigned, channel, label, contact, q, segment, unread, spam, kind,
				sentiment, sort, coordinated);
	}

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
