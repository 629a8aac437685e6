package org.rapport.inbox;

import java.util.UUID;

/**
 * A member corrected the triage of a conversation: the values set (null where left as they were) and the text of
 * the message they concern (the newest a person sent in it, at most 20,000 characters), so that the triage learns
 * from the correction at once, and the conversation's contact, whose text it is (for their access export and
 * erasure). Published in the transaction of the correction.
 */
public record TriageCorrected(UUID workspaceId, UUID conversationId, UUID contactId, UUID messageId, UUID memberId,
		String text, Triage corrected) {
}
