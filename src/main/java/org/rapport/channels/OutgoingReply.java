package org.rapport.channels;

import java.util.List;
import java.util.UUID;

/**
 * A reply on its way out.
 *
 * @param to the contact's identities a connector may address, as (kind, value) pairs, e.g. ("email", "a@b.de")
 * @param threadKey the conversation's thread key on this channel
 * @param references the channel ids of earlier messages of the conversation, oldest first
 * @param files the files attached to the reply, within what
 * {@link ChannelConnector#replyFiles(Channel, UUID)} allows in its conversation
 */
public record OutgoingReply(UUID messageId, UUID conversationId, String contactName, List<Address> to,
		String threadKey, String subject, String bodyText, String authorName, List<String> references,
		List<org.rapport.inbox.Messages.Attachment> files) {

	/** A reply without files. */
	public OutgoingReply(UUID messageId, UUID conversationId, String contactName, List<Address> to, String threadKey,
			String subject, String bodyText, String authorName, List<String> references) {
		this(messageId, conversationId, contactName, to, threadKey, subject, bodyText, authorName, references, List.of());
	}

	public record Address(String kind, String value) {
	}

	/** The first identity of a kind, if the contact has one. */
	public java.util.Optional<String> first(String kind) {
		return to.stream().filter(a -> a.kind().equals(kind)).map(Address::value).findFirst();
	}
}
