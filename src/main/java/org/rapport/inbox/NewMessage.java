package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message on its way into a conversation, already deduplicated, resolved to a contact, threaded and sanitised by
 * the ingestion pipeline.
 *
 * @param threadKey messages with the same key on one channel form one conversation
 * @param threadChannelId the channel whose conversation the message joins: its own, or another when it answers a
 * message sent from there (a mail answering a reply to a web form)
 * @param bodyHtml sanitised HTML
 * @param bodyText the same as plain text, for search and previews
 * @param headersJson channel-specific metadata as a JSON object, or null
 * @param automated sent by a machine (auto-reply, bot): it does not wait for an answer
 * @param spamScore the probability of spam the workspace's filter gave it, or null where nothing scored it
 * (outbound, automated, or no filter)
 * @param triage the message's kind, sentiment and language, or null where nothing triaged it (as for spam)
 */
public record NewMessage(UUID workspaceId, UUID channelId, String threadKey, UUID threadChannelId, UUID contactId, String externalId,
		String direction, String kind, String activityKind, String subject, String bodyHtml, String bodyText,
		String senderHandle, String senderName, String headersJson, Instant sentAt, List<NewAttachment> attachments,
		boolean automated, Double spamScore, Triage triage) {

	public record NewAttachment(String fileName, String contentType, byte[] content) {
	}

	/** Identifies the conversation the message joins within a batch. */
	public String conversationKey() {
		return threadChannelId + "\0" + threadKey;
	}

	public boolean inbound() {
		return "in".equals(direction);
	}

	/** A message a person sent us: what the spam filter scores, and what may wait for an answer. */
	public boolean fromPerson() {
		return inbound() && "message".equals(kind) && !automated;
	}

	/** The filter judged it spam. */
	public boolean screenedSpam() {
		return spamScore != null && spamScore >= SpamScreen.THRESHOLD;
	}
}
