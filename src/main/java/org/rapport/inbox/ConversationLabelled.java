package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation's labels changed (a label added or removed, one by one or in a bulk change). Carries all the labels
 * the conversation has now, in lower case and sorted, so that a listener can replace what it kept.
 * {@link InboxHistory#forEachLabelled} answers the same for every conversation, for modules that rebuild.
 *
 * @param memberId who changed them
 */
public record ConversationLabelled(UUID workspaceId, UUID conversationId, List<String> labels, UUID memberId,
		Instant at) {

	public ConversationLabelled {
		labels = List.copyOf(labels);
	}
}
