package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The state people change on a conversation — where it stands, until when it is put aside, who has it, its labels
 * — and the rules for changing it. Each change returns the conversation as it is afterwards, or refuses with a
 * reason; {@link Conversations} loads and stores it. What arrives (messages, waiting times, counters) is the
 * inbox writer's business, not this one's.
 *
 * @param resolutionBusinessSeconds business time from the start to done, set when it is done
 */
public record Conversation(UUID id, UUID workspaceId, ConversationStatus status, Instant snoozedUntil, UUID assigneeId,
		List<String> labels, Instant createdAt, Instant resolvedAt, Long resolutionBusinessSeconds) {

	/** The most characters a label may have. */
	public static final int MAX_LABEL = 40;

	public Conversation {
		labels = List.copyOf(labels);
	}

	/**
	 * Done: the resolution timer stops at {@code now} with the business time since the conversation began. A done
	 * conversation stays as it was.
	 */
	public Conversation markDone(Instant now, long businessSeconds) {
		if (status == ConversationStatus.DONE) {
			return this;
		}
		return new Conversation(id, workspaceId, ConversationStatus.DONE, null, assigneeId, labels, createdAt, now,
				businessSeconds);
	}

	/** Open again, waiting for us: no longer put aside, and the resolution timer runs again. */
	public Conversation reopen() {
		return withStatus(ConversationStatus.OPEN);
	}

	/** Waiting for them: no longer put aside, and the resolution timer runs again. */
	public Conversation awaitAnswer() {
		return withStatus(ConversationStatus.PENDING);
	}

	private Conversation withStatus(ConversationStatus next) {
		return new Conversation(id, workspaceId, next, null, assigneeId, labels, createdAt, null, null);
	}

	/**
	 * Put aside until a time in the future; it opens again then.
	 *
	 * @throws IllegalArgumentException when the time is missing or not in the future
	 */
	public Conversation snoozeUntil(Instant until, Instant now) {
		if (until == null || !until.isAfter(now)) {
			throw new IllegalArgumentException("A conversation can only be snoozed until a time in the future.");
		}
		return new Conversation(id, workspaceId, ConversationStatus.SNOOZED, until, assigneeId, labels, createdAt,
				resolvedAt, resolutionBusinessSeconds);
	}

	/** Given to a member, or to nobody with {@code null}; whether the member belongs here the caller checks. */
	public Conversation assignTo(UUID member) {
		return new Conversation(id, workspaceId, status, snoozedUntil, member, labels, createdAt, resolvedAt,
				resolutionBusinessSeconds);
	}

	/**
	 * With these labels instead of its own, in lower case, without duplicates or blanks, sorted.
	 *
	 * @throws IllegalArgumentException when a label is longer than {@value #MAX_LABEL} characters
	 */
	public Conversation labelled(List<String> wanted) {
		TreeSet<String> clean = new TreeSet<>();
		for (String label : wanted) {
			String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
			if (l.length() > MAX_LABEL) {
				throw new IllegalArgumentException("A label may have at most 40 characters: '" + l + "'.");
			}
			if (!l.isEmpty()) {
				clean.add(l);
			}
		}
		return new Conversation(id, workspaceId, status, snoozedUntil, assigneeId, List.copyOf(clean), createdAt,
				resolvedAt, resolutionBusinessSeconds);
	}
}
