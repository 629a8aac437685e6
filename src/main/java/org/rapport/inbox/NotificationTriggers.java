package org.rapport.inbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.platform.Member;
import org.rapport.platform.RecurringWork;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What makes {@link Notifications}: an assignment, a note with mentions, a message from the contact in a conversation
 * someone owns (all in the transaction that stored them, so nothing is told of what was rolled back), and every five
 * minutes a look for answers about to be late.
 */
@Component
class NotificationTriggers {

	/** A deadline warning comes when this share of the response target has passed in business hours. */
	static final double WARN_AT = 0.75;

	/** Conversations that have waited longer than this are not warned about any more: they are long late. */
	static final Duration WARN_WITHIN = Duration.ofDays(7);

	private final Notifications notifications;
	private final JdbcClient jdbc;
	private final Workspaces workspaces;
	private final ObjectProvider<ResponseTargets> targets;

	NotificationTriggers(Notifications notifications, JdbcClient jdbc, Workspaces workspaces,
			ObjectProvider<ResponseTargets> targets) {
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.workspaces = workspaces;
		this.targets = targets;
	}

	@EventListener
	void on(ConversationAssigned assigned) {
		if (assigned.assigneeId() != null) {
			notifications.assigned(assigned.workspaceId(), assigned.assigneeId(), assigned.conversationId(),
					assigned.byId(), assigned.at());
		}
	}

	@EventListener
	void on(MessagesStored stored) {
		Map<UUID, MessagesStored.Stored> latestInbound = new LinkedHashMap<>();
		for (MessagesStored.Stored m : stored.messages()) {
			if ("note".equals(m.kind()) && m.authorId() != null) {
				mentions(m);
			}
			else if (m.waitsForAnswer()) {
				latestInbound.merge(m.conversationId(), m, (a, b) -> b.at().isAfter(a.at()) ? b : a);
			}
		}
		if (latestInbound.isEmpty()) {
			return;
		}
		jdbc.sql("select id, assignee_id from conversations where id = any(?::uuid[]) and assignee_id is not null")
			.param(latestInbound.keySet().toArray(UUID[]::new))
			.query(rs -> {
				MessagesStored.Stored m = latestInbound.get(rs.getObject(1, UUID.class));
				notifications.newMessage(m.workspaceId(), rs.getObject(2, UUID.class), m.conversationId(), m.messageId(),
						m.at());
			});
	}

	private void mentions(MessagesStored.Stored note) {
		String body = jdbc.sql("select body_text from messages where id = ?").param(note.messageId())
			.query(String.class).optional().orElse("");
		if (body.indexOf('@') < 0) {
			return;
		}
		var members = notifications.members(note.workspaceId()).values();
		notifications.mentioned(note.workspaceId(), Mentions.in(body, members), note.conversationId(),
				note.messageId(), note.authorId(), note.at());
	}

	@Bean
	RecurringWork responseDeadlines() {
		return RecurringWork.every("inbox-response-deadlines", Duration.ofMinutes(5), () -> warnOfDeadlines(Instant.now()));
	}

	/**
	 * Warns of every open conversation waiting for an answer that has used {@value #WARN_AT} of its channel's
	 * response target in business hours: its member, or when nobody has it, the workspace's managers and owners.
	 * One warning per member and waiting period. Answers how many warnings were new.
	 */
	int warnOfDeadlines(Instant now) {
		ResponseTargets responseTargets = targets.getIfAvailable();
		if (responseTargets == null) {
			return 0;
		}
		record Waiting(UUID id, UUID workspaceId, UUID channelId, UUID assigneeId, Instant since) {
		}
		List<Waiting> waiting = jdbc.sql("""
				select c.id, c.workspace_id, c.channel_id, c.assignee_id, c.waiting_since from conversations c
				where c.status = 'open' and not c.spam and c.waiting_since between ? and ?
				  and not exists (select 1 from notifications n where n.conversation_id = c.id and n.kind = 'deadline'
				    and n.waiting_since = c.waiting_since)
				order by c.waiting_since limit 5000""")
			.params(Timestamp.from(now.minus(WARN_WITHIN)), Timestamp.from(now.minus(Duration.ofMinutes(1))))
			.query((rs, n) -> new Waiting(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant()))
			.list();
		Map<List<UUID>, Optional<Duration>> targetOf = new HashMap<>();
		Map<UUID, Workspace> workspaceOf = new HashMap<>();
		Map<UUID, Map<UUID, Member>> membersOf = new HashMap<>();
		int warned = 0;
		for (Waiting w : waiting) {
			Optional<Duration> target = targetOf.computeIfAbsent(List.of(w.workspaceId(), w.channelId()),
					k -> responseTargets.of(w.workspaceId(), ChannelId.of(w.channelId())));
			if (target.isEmpty() || target.get().isZero()) {
				continue;
			}
			Workspace workspace = workspaceOf.computeIfAbsent(w.workspaceId(), workspaces::get);
			Duration used = workspace.businessHours().between(w.since(), now, workspace.timeZone());
			if (used.toSeconds() < target.get().toSeconds() * WARN_AT) {
				continue;
			}
			Map<UUID, Member> members = membersOf.computeIfAbsent(w.workspaceId(), notifications::members);
			List<UUID> told = w.assigneeId() != null && members.containsKey(w.assigneeId()) ? List.of(w.assigneeId())
					: members.values().stream().filter(m -> m.role().canManage()).map(Member::userId).toList();
			for (UUID memberId : told) {
				if (notifications.deadline(w.workspaceId(), memberId, w.id(), w.since(), Instant.now())) {
					warned++;
				}
			}
		}
		return warned;
	}
}
