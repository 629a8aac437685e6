package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member judged a conversation spam ("Spam") or not ("Not spam"), or one message of it (a blog comment in the
 * blog's moderation). The messages judged were marked so; {@code messages} carries their texts, so that a spam filter
 * can learn from the team's decision at once, and modules that keep figures measure the conversation anew (spam
 * waits for no answer; read whether the conversation is spam now from the inbox, as {@link InboxHistory} answers it).
 *
 * @param contactId the conversation's contact, whose messages were judged
 * @param spam the judgement: spam or not
 * @param memberId who judged
 * @param messages the inbound messages judged, newest {@value Conversations#MAX_JUDGED_TEXTS} at most
 */
public record ConversationJudged(UUID workspaceId, UUID conversationId, UUID contactId, boolean spam, UUID memberId,
		Instant at, List<JudgedMessage> messages) {

	public ConversationJudged {
		messages = List.copyOf(messages);
	}

	/** One judged message: its id and its text as plain text. */
	public record JudgedMessage(UUID messageId, String text) {
	}
}
