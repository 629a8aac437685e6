package org.rapport.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Messages that were stored, in one go: a batch that arrived (inbound and outbound) or one reply or note a member
 * wrote. Listeners that keep their own figures (response times, depth) read what they need from here instead of
 * the inbox's tables; {@link InboxHistory} answers the same facts for all that is stored, to rebuild them.
 */
public record MessagesStored(List<Stored> messages) {

	public MessagesStored {
		messages = List.copyOf(messages);
	}

	/**
	 * One stored message.
	 *
	 * @param channelId the conversation's channel (a mail answering a web form's reply joins the form's conversation)
	 * @param inbound from the contact ({@code true}) or from us
	 * @param kind {@code message}, {@code reply}, {@code note} or {@code activity}
	 * @param authorId the member who wrote it in Rapport, {@code null} when it arrived through a channel
	 * @param automated sent by a machine (auto-reply, bot): it does not wait for an answer
	 * @param spam judged spam, by the spam filter as it arrived or by the team since: it does not wait for an answer
	 * @param at when it was written
	 * @param subject its subject, where it has one and arrived through a channel (else null)
	 * @param text its plain text as it arrived through a channel, so that listeners need not read it back (null for
	 * what a member wrote, and where it is not known)
	 * @param triage its kind, sentiment and language as the inbox triaged it on the way in; null where it was not
	 * triaged
	 */
	public record Stored(UUID workspaceId, UUID conversationId, UUID messageId, UUID channelId, UUID contactId,
			boolean inbound, String kind, UUID authorId, boolean automated, boolean spam, Instant at, String subject,
			String text, Triage triage) {

		/** A message whose text the listeners read themselves, where they need it. */
		public Stored(UUID workspaceId, UUID conversationId, UUID messageId, UUID channelId, UUID contactId,
				boolean inbound, String kind, UUID authorId, boolean automated, boolean spam, Instant at) {
			this(workspaceId, conversationId, messageId, channelId, contactId, inbound, kind, authorId, automated, spam, at,
					null, null, null);
		}

		/** A message that is not spam. */
		public Stored(UUID workspaceId, UUID conversationId, UUID messageId, UUID channelId, UUID contactId,
				boolean inbound, String kind, UUID authorId, boolean automated, Instant at) {
			this(workspaceId, conversationId, messageId, channelId, contactId, inbound, kind, authorId, automated, false, at);
		}

		/** Something from us that answers the contact: a reply or a logged call, visit or letter. */
		public boolean answers() {
			return !inbound && ("reply".equals(kind) || "activity".equals(kind));
		}

		/** A message a person sent us that waits for an answer: not automated, not spam. */
		public boolean waitsForAnswer() {
			return inbound && "message".equals(kind) && !automated && !spam;
		}
	}
}
