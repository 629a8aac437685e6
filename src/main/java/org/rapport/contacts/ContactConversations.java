package org.rapport.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;

/**
 * What this module needs to know about the conversations of contacts: for segments (who has a conversation on a
 * channel, who has an open one), for an organisation's page (its people's newest conversations) and for stage
 * proposals (logged visits, a conversation the workspace answered). The inbox owns conversations and messages and
 * implements it, so this module reads neither table and does not depend on the inbox.
 * <p>
 * Every method is one query, whatever the number of contacts asked about.
 */
public interface ContactConversations {

	/** A conversation of a contact, as the organisation page lists it. */
	record Summary(ConversationId id, ContactId contactId, ChannelId channelId, String subject, String status, Instant lastMessageAt) {
	}

	/** A logged activity (a call, a visit, …) in a conversation of the contact. */
	record LoggedActivity(UUID messageId, String activityKind, ConversationId conversationId, Instant at) {
	}

	/** A conversation in which the contact wrote and the workspace replied afterwards; {@code lastReply} is when. */
	record Exchange(ConversationId conversationId, Instant lastReply) {
	}

	/**
	 * The newest conversations of the given contacts in the workspace, by last message, newest first (ties by id,
	 * descending), at most {@code limit}.
	 */
	List<Summary> newest(UUID workspaceId, Collection<ContactId> contactIds, int limit);

	/** The contacts of the workspace that have a conversation on one of the given channels. */
	Set<ContactId> contactsOnChannels(UUID workspaceId, Collection<ChannelId> channelIds);

	/** The contacts of the workspace that have a conversation in status {@code open}. */
	Set<ContactId> contactsWithOpenConversation(UUID workspaceId);

	/**
	 * The contact's newest logged activity of one of the given kinds, by when it happened, leaving out the given
	 * messages.
	 */
	Optional<LoggedActivity> newestActivity(UUID workspaceId, ContactId contactId, Collection<String> activityKinds,
			Collection<UUID> skippingMessages);

	/**
	 * The contact's conversation with the newest reply that followed a message from the contact, leaving out the
	 * given conversations.
	 */
	Optional<Exchange> newestExchange(UUID workspaceId, ContactId contactId,
			Collection<ConversationId> skippingConversations);
}
