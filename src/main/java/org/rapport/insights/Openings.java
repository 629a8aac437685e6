package org.rapport.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.rapport.inbox.ConversationJudged;
import org.rapport.inbox.ConversationStatusChanged;
import org.rapport.inbox.InboxHistory;
import org.rapport.inbox.InboxHistory.ConversationHistory;
import org.rapport.inbox.MessagesStored;
import org.rapport.insights.OpeningRules.BusinessClock;
import org.rapport.platform.ConversationId;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code insight_openings} current: whenever the inbox stores messages, a conversation is marked done or
 * taken up again, or judged spam or not (spam waits for no answer), the conversations concerned are measured anew from their history, in the same transaction (so
 * the figures never disagree with the inbox). {@link #rebuild} measures every conversation of a workspace the same
 * way, and the daily summaries ({@link DaySummaries}) anew from them.
 */
@Component
public class Openings {

	private static final int CHUNK = 2_000;

	private final JdbcClient jdbc;
	private final InboxHistory history;
	private final Workspaces workspaces;
	private final DaySummaries summaries;
	private volatile boolean live;

	Openings(JdbcClient jdbc, InboxHistory history, Workspaces workspaces, DaySummaries summaries,
			@org.springframework.beans.factory.annotation.Value("${rapport.insights.live:true}") boolean live) {
		this.jdbc = jdbc;
		this.summaries = summaries;
		this.history = history;
		this.workspaces = workspaces;
		this.live = live;
	}

	/**
	 * Whether the figures follow the inbox as it changes ({@code rapport.insights.live}, default on). Off, ingestion
	 * does no work for the figures — for a very large import, after which {@link #rebuild} brings them up to date —
	 * and the benchmark compares ingestion with and without it.
	 */
	public void live(boolean on) {
		this.live = on;
	}

	@EventListener
	void on(MessagesStored stored) {
		if (!live) {
			return;
		}
		Map<UUID, Set<UUID>> byWorkspace = new LinkedHashMap<>();
		for (MessagesStored.Stored m : stored.messages()) {
			byWorkspace.computeIfAbsent(m.workspaceId(), w -> new TreeSet<>()).add(m.conversationId());
		}
		byWorkspace.forEach(this::refresh);
	}

	@EventListener
	void on(ConversationStatusChanged changed) {
		if (!live) {
			return;
		}
		refresh(changed.workspaceId(), Set.of(changed.conversationId()));
	}

	/** Spam waits for no answer: a conversation judged spam, or not, is measured anew. */
	@EventListener
	void on(ConversationJudged judged) {
		if (!live) {
			return;
		}
		refresh(judged.workspaceId(), Set.of(judged.conversationId()));
	}

	/** Measures the given conversations anew. */
	void refresh(UUID workspaceId, Collection<UUID> conversationIds) {
		BusinessClock clock = clock(workspaces.get(workspaceId));
		List<Opening> rows = new ArrayList<>();
		for (ConversationHistory h : history.of(workspaceId, ConversationId.all(conversationIds))) {
			rows.addAll(OpeningRules.openings(workspaceId, h, clock));
		}
		jdbc.sql("delete from insight_openings where workspace_id = ? and conversation_id = any(?::uuid[])")
			.params(workspaceId, conversationIds.toArray(UUID[]::new))
			.update();
		insert(rows);
	}

	/**
	 * Throws away the workspace's figures and measures every conversation from the inbox's history: after a changed
	 * definition, changed business hours, or a restore. Answers how many openings it wrote.
	 */
	@Transactional
	public int rebuild(UUID workspaceId) {
		BusinessClock clock = clock(workspaces.get(workspaceId));
		jdbc.sql("delete from insight_openings where workspace_id = ?").param(workspaceId).update();
		List<Opening> rows = new ArrayList<>(CHUNK);
		int[] written = {0};
		history.forEachConversation(workspaceId, h -> {
			rows.addAll(OpeningRules.openings(workspaceId, h, clock));
			if (rows.size() >= CHUNK) {
				written[0] += insert(rows);
				rows.clear();
			}
		});
		written[0] += insert(rows);
		summaries.resummarise(workspaceId);
		return written[0];
	}

	private static BusinessClock clock(Workspace workspace) {
		return BusinessClock.of(workspace.businessHours(), workspace.timeZone());
	}

	private int insert(List<Opening> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		int n = rows.size();
		UUID[] workspaceIds = new UUID[n];
		UUID[] conversationIds = new UUID[n];
		Integer[] seqs = new Integer[n];
		UUID[] channelIds = new UUID[n];
		UUID[] contactIds = new UUID[n];
		String[] openedAt = new String[n];
		Boolean[] needs = new Boolean[n];
		String[] waitingSince = new String[n];
		String[] answeredAt = new String[n];
		UUID[] answeredBy = new UUID[n];
		Long[] response = new Long[n];
		Long[] responseBusiness = new Long[n];
		String[] resolvedAt = new String[n];
		Long[] resolution = new Long[n];
		Long[] resolutionBusiness = new Long[n];
		Integer[] inbound = new Integer[n];
		Integer[] replies = new Integer[n];
		Integer[] turns = new Integer[n];
		for (int i = 0; i < n; i++) {
			Opening o = rows.get(i);
			workspaceIds[i] = o.workspaceId();
			conversationIds[i] = o.conversationId();
			seqs[i] = o.seq();
			channelIds[i] = o.channelId();
			contactIds[i] = o.contactId();
			openedAt[i] = timestamp(o.openedAt());
			needs[i] = o.needsAnswer();
			waitingSince[i] = timestamp(o.waitingSince());
			answeredAt[i] = timestamp(o.answeredAt());
			answeredBy[i] = o.answeredBy();
			response[i] = o.firstResponseSeconds();
			responseBusiness[i] = o.firstResponseBusinessSeconds();
			resolvedAt[i] = timestamp(o.resolvedAt());
			resolution[i] = o.resolutionSeconds();
			resolutionBusiness[i] = o.resolutionBusinessSeconds();
			inbound[i] = o.inbound();
			replies[i] = o.replies();
			turns[i] = o.turns();
		}
		return jdbc.sql("""
				insert into insight_openings(workspace_id, conversation_id, seq, channel_id, contact_id, opened_at,
				  needs_answer, waiting_since, answered_at, answered_by, first_response_seconds,
				  first_response_business_seconds, resolved_at, resolution_seconds, resolution_business_seconds,
				  inbound, replies, turns)
				select * from unnest(?::uuid[], ?::uuid[], ?::int[], ?::uuid[], ?::uuid[], ?::timestamptz[],
				  ?::boolean[], ?::timestamptz[], ?::timestamptz[], ?::uuid[], ?::bigint[], ?::bigint[],
				  ?::timestamptz[], ?::bigint[], ?::bigint[], ?::int[], ?::int[], ?::int[])""")
			.params(workspaceIds, conversationIds, seqs, channelIds, contactIds, openedAt, needs, waitingSince,
					answeredAt, answeredBy, response, responseBusiness, resolvedAt, resolution, resolutionBusiness,
					inbound, replies, turns)
			.update();
	}

	private static String timestamp(Instant instant) {
		return instant == null ? null : instant.toString();
	}
}
