package org.rapport.insights;

import java.util.List;
import java.util.UUID;

import org.rapport.inbox.ConversationLabelled;
import org.rapport.inbox.InboxHistory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Insights' own record of which conversation has which label ({@code insight_conversation_labels}), for the label
 * filter: kept from the inbox's {@link ConversationLabelled} in the inbox's transaction, made anew from
 * {@link InboxHistory#forEachLabelled} by a rebuild. Insights never reads the inbox's tables.
 */
@Component
public class ConversationLabels {

	private final JdbcClient jdbc;
	private final InboxHistory history;

	ConversationLabels(JdbcClient jdbc, InboxHistory history) {
		this.jdbc = jdbc;
		this.history = history;
	}

	@EventListener
	void on(ConversationLabelled labelled) {
		replace(labelled);
	}

	private void replace(ConversationLabelled labelled) {
		jdbc.sql("delete from insight_conversation_labels where workspace_id = ? and conversation_id = ?")
			.params(labelled.workspaceId(), labelled.conversationId())
			.update();
		if (!labelled.labels().isEmpty()) {
			jdbc.sql("""
					insert into insight_conversation_labels(workspace_id, conversation_id, label)
					select ?, ?, l from unnest(?::text[]) l on conflict do nothing""")
				.params(labelled.workspaceId(), labelled.conversationId(), labelled.labels().toArray(String[]::new))
				.update();
		}
	}

	/** Throws away what is kept for the workspace and reads every conversation's labels from the inbox again. */
	@Transactional
	public int rebuild(UUID workspaceId) {
		jdbc.sql("delete from insight_conversation_labels where workspace_id = ?").param(workspaceId).update();
		int[] conversations = {0};
		history.forEachLabelled(workspaceId, labelled -> {
			replace(labelled);
			conversations[0]++;
		});
		return conversations[0];
	}

	/** The labels some conversation of the workspace has, in order. */
	public List<String> inUse(UUID workspaceId) {
		return jdbc.sql("select distinct label from insight_conversation_labels where workspace_id = ? order by label")
			.param(workspaceId)
			.query(String.class)
			.list();
	}

	/** Whether some conversation of the workspace has the label. */
	boolean known(UUID workspaceId, String label) {
		return jdbc.sql("select exists (select 1 from insight_conversation_labels where workspace_id = ? and label = ?)")
			.params(workspaceId, label)
			.query(Boolean.class)
			.single();
	}
}
