package org.rapport.authenticity;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rapport.inbox.CoordinatedConversations;
import org.rapport.inbox.MessagesStored;
import org.rapport.platform.ConversationId;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox's mark on coordinated conversations ({@link CoordinatedConversations}): the conversations with a message
 * in a group of the last {@value #DAYS} days, as the page of coordinated comments shows them by default. Found for the
 * whole workspace at once and kept (an open inbox asks every two seconds) until a person's message is stored in the
 * workspace, or for {@link #FRESH} at most (messages leave the period, are erased or deleted).
 */
@Component
class CoordinatedInbox implements CoordinatedConversations {

	/** The period of the groups that mark conversations. */
	static final int DAYS = 30;

	/** How long the workspace's marks are kept before they are found again. */
	static final Duration FRESH = Duration.ofMinutes(1);

	private final Coordination coordination;
	private final Cache<UUID, Map<UUID, String>> marks = Caffeine.newBuilder().maximumSize(500)
		.expireAfterWrite(FRESH).build();

	CoordinatedInbox(Coordination coordination) {
		this.coordination = coordination;
	}

	@Override
	public Map<ConversationId, String> groupsOf(UUID workspaceId, Collection<ConversationId> conversationIds) {
		Map<UUID, String> all = marksOf(workspaceId);
		Map<ConversationId, String> of = new HashMap<>();
		for (ConversationId id : conversationIds) {
			String group = all.get(id.value());
			if (group != null) {
				of.put(id, group);
			}
		}
		return of;
	}

	@Override
	public Set<ConversationId> all(UUID workspaceId) {
		return marksOf(workspaceId).keySet().stream().map(ConversationId::of).collect(Collectors.toUnmodifiableSet());
	}

	/** After the messages are stored for good, so that finding the marks again sees them. */
	@EventListener
	void on(MessagesStored stored) {
		List<UUID> workspaces = stored.messages().stream().filter(MessagesStored.Stored::inbound)
			.map(MessagesStored.Stored::workspaceId).distinct().toList();
		if (workspaces.isEmpty()) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					workspaces.forEach(marks::invalidate);
				}
			});
		}
		else {
			workspaces.forEach(marks::invalidate);
		}
	}

	private Map<UUID, String> marksOf(UUID workspaceId) {
		return marks.get(workspaceId, ws -> Map.copyOf(coordination.conversationGroups(ws, DAYS)));
	}
}
