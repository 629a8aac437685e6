package org.rapport.inbox;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ConversationId;

/**
 * Which conversations hold a message of a coordinated group: near-duplicate texts from different people, or a burst
 * of praise from new or look-alike accounts. The inbox defines this port to mark such conversations in the list and
 * the conversation; the module that finds the groups implements it. With no implementation nothing is marked.
 */
public interface CoordinatedConversations {

	/**
	 * Of these conversations, those with a message in a group, each with the key of its group (the anchor of the group
	 * on the page of coordinated comments). One answer for a whole page of the list, never a question per row.
	 */
	Map<ConversationId, String> groupsOf(UUID workspaceId, Collection<ConversationId> conversationIds);

	/** Every conversation of the workspace with a message in a group: the list's filter. */
	Set<ConversationId> all(UUID workspaceId);
}
