package org.rapport.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rapport.platform.Members;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends batches of messages to conversations with a handful of set-based statements, whatever the batch size:
 * conversations are upserted by (channel, thread key), messages inserted unless their (channel, external id) is
 * known, counters and waiting times updated, and {@link MessageReceived} published for each new inbound message.
 */
@Component
class InboxWriter {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Members members;

	InboxWriter(JdbcClient jdbc, ApplicationEventPublisher events, Members members) {
		this.jdbc = jdbc;
		this.events = events;
		this.members = members;
	}

	/** The ids of the new messages by external id; messages already stored are left out. */
	record Appended(Map<String, UUID> messageIds, Map<String, UUID> conversationIds) {
	}

	/** External ids of a channel that are already stored, among those given. */
	List<String> known(UUID channelId, List<String> externalIds) {
		return jdbc.sql("select external_id from messages where channel_id = ? and external_id = any(?::text[])")
			.params(channelId, externalIds.toArray(String[]::new))
			.query(String.class)
			.list();
	}

	/** Where a stored message lives: the channel of its conversation and the conversation's thread key. */
	record Thread(UUID channelId, String threadKey) {
	}

	/**
	 * The conversations the given messages belong to, by external id, looking across the workspace's channels (a
	 * reply sent for a web form leaves by mail); a message on the given channel wins over one elsewhere.
	 */
	Map<String, Thread> threadsOf(UUID workspaceId, UUID channelId, List<String> externalIds) {
		Map<String, Thread> threads = new HashMap<>();
		jdbc.sql("""
				select m.external_id, c.channel_id, c.thread_key from messages m join conversations c on c.id = m.conversation_id
				where m.workspace_id = ? and m.external_id = any(?::text[]) order by (m.channel_id = ?)""")
			.params(workspaceId, externalIds.toArray(String[]::new), channelId)
			.query(rs -> {
				threads.put(rs.getString(1), new Thread(rs.getObject(2, UUID.class), rs.getString(3)));
			});
		return threads;
	}

	@Transactional
	Appended append(List<NewMessage> messages) {
		if (messages.isEmpty()) {
			return new Appended(Map.of(), Map.of());
		}
		Set<UUID> spamConversations = new HashSet<>();
		Set<UUID> begun = new HashSet<>();
		Map<String, UUID> conversations = upsertConversations(messages, spamConversations, begun);
		// Spam: what the filter judged spam, and every message a person sent into a conversation that is spam.
		Set<NewMessage> spam = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		for (NewMessage m : messages) {
			if (m.screenedSpam() || m.fromPerson() && spamConversations.contains(conversations.get(m.conversationKey()))) {
				spam.add(m);
			}
		}
		Map<String, UUID> inserted = insertMessages(messages, conversations, spam);
		List<NewMessage> accepted = messages.stream().filter(m -> inserted.containsKey(m.channelId() + "\0" + m.externalId())).toList();
		// A conversation the batch began was written with its counters; only should one of its messages have been
		// stored meanwhile by another call are they counted again, from what this batch did store.
		Set<UUID> recount = new HashSet<>();
		for (NewMessage m : messages) {
			UUID conversation = conversations.get(m.conversationKey());
			if (begun.contains(conversation) && !inserted.containsKey(m.channelId() + "\0" + m.externalId())) {
				recount.add(conversation);
			}
		}
		if (!recount.isEmpty()) {
			jdbc.sql("""
					update conversations set message_count = 0, last_message_at = created_at, preview = '', waiting_since = null,
					  last_inbound_at = null, triaged_at = null, triage_kind = null, triage_sentiment = null, triage_language = null
					where id = any(?::uuid[])""")
				.param(recount.toArray(UUID[]::new))
				.update();
		}
		updateCounters(accepted.stream().filter(m -> {
			UUID conversation = conversations.get(m.conversationKey());
			return !begun.contains(conversation) || recount.contains(conversation);
		}).toList(), conversations, spam);
		route(begun);
		insertAttachments(accepted, inserted);
		Map<String, UUID> messageIds = new LinkedHashMap<>();
		Map<String, UUID> conversationIds = new LinkedHashMap<>();
		List<MessagesStored.Stored> stored = new ArrayList<>(accepted.size());
		for (NewMessage m : accepted) {
			UUID messageId = inserted.get(m.channelId() + "\0" + m.externalId());
			UUID conversationId = conversations.get(m.conversationKey());
			messageIds.put(m.externalId(), messageId);
			conversationIds.put(m.externalId(), conversationId);
			if (m.inbound()) {
				events.publishEvent(new MessageReceived(m.workspaceId(), conversationId, messageId, m.contactId(), m.channelId()));
			}
			stored.add(new MessagesStored.Stored(m.workspaceId(), conversationId, messageId, m.threadChannelId(), m.contactId(),
					m.inbound(), m.kind(), null, m.automated(), spam.contains(m), m.sentAt(), m.subject(), m.bodyText(),
					m.triage()));
		}
		if (!stored.isEmpty()) {
			events.publishEvent(new MessagesStored(stored));
		}
		return new Appended(messageIds, conversationIds);
	}

	/**
	 * Finds or makes the conversations of the batch. A conversation the batch begins is spam when every message a
	 * person sent in it was judged spam (and there is one); one that exists stays as it is. Adds the ids of the
	 * conversations that are spam to {@code spam}.
	 */
	private Map<String, UUID> upsertConversations(List<NewMessage> messages, Set<UUID> spam, Set<UUID> begun) {
		// Sorted, so that concurrent batches lock the same conversations in the same order and never deadlock.
		Map<String, NewMessage> first = new java.util.TreeMap<>();
		Map<String, Instant> last = new HashMap<>();
		Map<String, Boolean> allSpam = new HashMap<>();
		for (NewMessage m : messages) {
			String key = m.conversationKey();
			first.merge(key, m, (a, b) -> b.sentAt().isBefore(a.sentAt()) ? b : a);
			last.merge(key, m.sentAt(), (a, b) -> a.isAfter(b) ? a : b);
			if (m.fromPerson()) {
				allSpam.merge(key, m.screenedSpam(), Boolean::logicalAnd);
			}
		}
		// What a conversation the batch begins holds once the batch is stored (its spam is what the filter judged).
		Set<NewMessage> screenedSpam = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		messages.stream().filter(NewMessage::screenedSpam).forEach(screenedSpam::add);
		Map<String, Tally> tallies = tallies(messages, NewMessage::conversationKey, screenedSpam);
		int n = first.size();
		UUID[] ids = new UUID[n];
		UUID[] workspaces = new UUID[n];
		UUID[] channels = new UUID[n];
		UUID[] contacts = new UUID[n];
		String[] threads = new String[n];
		String[] subjects = new String[n];
		String[] createdAt = new String[n];
		String[] lastAt = new String[n];
		Boolean[] spams = new Boolean[n];
		TallyColumns counters = new TallyColumns(n);
		int i = 0;
		for (var entry : first.entrySet()) {
			NewMessage m = entry.getValue();
			ids[i] = UUID.randomUUID();
			workspaces[i] = m.workspaceId();
			channels[i] = m.threadChannelId();
			contacts[i] = m.contactId();
			threads[i] = m.threadKey();
			subjects[i] = m.subject() == null ? "" : m.subject();
			createdAt[i] = m.sentAt().toString();
			lastAt[i] = last.get(entry.getKey()).toString();
			spams[i] = allSpam.getOrDefault(entry.getKey(), false);
			counters.put(i, tallies.get(entry.getKey()));
			i++;
		}
		Map<String, UUID> result = new HashMap<>();
		jdbc.sql("""
				insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, subject, created_at, last_message_at, spam,
				  message_count, preview, waiting_since, last_inbound_at, triaged_at, triage_kind, triage_sentiment, triage_language)
				select v.id, v.workspace_id, v.channel_id, v.contact_id, v.thread_key, v.subject, v.created_at, v.last_at, v.spam,
				  v.n, coalesce(v.preview, ''), v.wait_from, case when v.arrived then clock_timestamp() end, v.triaged_at, v.triage_kind,
				  v.triage_sentiment, v.triage_language
				from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
				  ?::boolean[], ?::int[], ?::text[], ?::timestamptz[], ?::boolean[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
				  as v(id, workspace_id, channel_id, contact_id, thread_key, subject, created_at, last_at, spam, n, preview,
				  wait_from, arrived, triaged_at, triage_kind, triage_sentiment, triage_language)
				on conflict (channel_id, thread_key) do update
				  set subject = case
				        when excluded.subject <> '' and (conversations.subject = '' or excluded.created_at < conversations.created_at)
				        then excluded.subject else conversations.subject end,
				      created_at = least(conversations.created_at, excluded.created_at)
				returning id, channel_id, thread_key, spam, (xmax = 0) as begun""")
			.params(ids, workspaces, channels, contacts, threads, subjects, createdAt, lastAt, spams, counters.counts,
					counters.previews, counters.waitFrom, counters.arrived, counters.triagedAt, counters.triageKinds,
					counters.triageSentiments, counters.triageLanguages)
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				result.put(rs.getObject(2, UUID.class) + "\0" + rs.getString(3), id);
				if (rs.getBoolean(4)) {
					spam.add(id);
				}
				if (rs.getBoolean(5)) {
					begun.add(id);
				}
			});
		return result;
	}

	private Map<String, UUID> insertMessages(List<NewMessage> messages, Map<String, UUID> conversations,
			Set<NewMessage> spam) {
		int n = messages.size();
		UUID[] ids = new UUID[n];
		UUID[] workspaces = new UUID[n];
		UUID[] conversationIds = new UUID[n];
		UUID[] channels = new UUID[n];
		String[] externalIds = new String[n];
		String[] directions = new String[n];
		String[] kinds = new String[n];
		String[] activityKinds = new String[n];
		String[] handles = new String[n];
		String[] names = new String[n];
		String[] subjects = new String[n];
		String[] html = new String[n];
		String[] text = new String[n];
		String[] headers = new String[n];
		String[] sentAt = new String[n];
		Boolean[] automated = new Boolean[n];
		Float[] spamScores = new Float[n];
		Boolean[] spams = new Boolean[n];
		String[] triageKinds = new String[n];
		String[] triageSentiments = new String[n];
		String[] triageLanguages = new String[n];
		for (int i = 0; i < n; i++) {
			NewMessage m = messages.get(i);
			if (m.triage() != null) {
				triageKinds[i] = m.triage().kind();
				triageSentiments[i] = m.triage().sentiment();
				triageLanguages[i] = m.triage().language();
			}
			ids[i] = UUID.randomUUID();
			workspaces[i] = m.workspaceId();
			conversationIds[i] = conversations.get(m.conversationKey());
			channels[i] = m.channelId();
			externalIds[i] = m.externalId();
			directions[i] = m.direction();
			kinds[i] = m.kind();
			activityKinds[i] = m.activityKind();
			handles[i] = m.senderHandle() == null ? "" : m.senderHandle();
			names[i] = m.senderName() == null ? "" : m.senderName();
			subjects[i] = m.subject() == null ? "" : m.subject();
			html[i] = m.bodyHtml();
			text[i] = m.bodyText();
			headers[i] = m.headersJson();
			sentAt[i] = m.sentAt().toString();
			automated[i] = m.automated();
			spamScores[i] = m.spamScore() == null ? null : m.spamScore().floatValue();
			spams[i] = spam.contains(m);
		}
		Map<String, UUID> inserted = new HashMap<>();
		jdbc.sql("""
				insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind,
				  activity_kind, sender_handle, sender_name, subject, body_html, body_text, headers, sent_at, automated,
				  spam_score, spam, triage_kind, triage_sentiment, triage_language, delivery)
				select v.*, case when v.direction = 'out' and v.kind = 'activity' then 'logged' else 'none' end
				from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
				  ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::timestamptz[], ?::boolean[],
				  ?::real[], ?::boolean[], ?::text[], ?::text[], ?::text[])
				  as v(id, workspace_id, conversation_id, channel_id, external_id, direction, kind, activity_kind,
				  sender_handle, sender_name, subject, body_html, body_text, headers, sent_at, automated, spam_score, spam,
				  triage_kind, triage_sentiment, triage_language)
				on conflict (channel_id, external_id) do nothing
				returning id, channel_id, external_id""")
			.params(ids, workspaces, conversationIds, channels, externalIds, directions, kinds, activityKinds, handles,
					names, subjects, html, text, headers, sentAt, automated, spamScores, spams, triageKinds, triageSentiments,
					triageLanguages)
			.query(rs -> {
				inserted.put(rs.getObject(2, UUID.class) + "\0" + rs.getString(3), rs.getObject(1, UUID.class));
			});
		return inserted;
	}

	/** What a batch changes about one conversation. */
	private static final class Tally {

		int count;
		Instant last = Instant.MIN;
		Instant previewAt = Instant.MIN;
		String preview;
		Instant lastAnswer;
		Instant lastIn;
		Instant waitFrom;
		Instant triagedAt;
		Triage triage;

		void add(NewMessage m) {
			if (m.triage() != null && (triagedAt == null || !m.sentAt().isBefore(triagedAt))) {
				triagedAt = m.sentAt();
				triage = m.triage();
			}
			count++;
			if (m.sentAt().isAfter(last)) {
				last = m.sentAt();
			}
			if (!"note".equals(m.kind()) && !m.sentAt().isBefore(previewAt)) {
				previewAt = m.sentAt();
				preview = preview(m.bodyText());
			}
		}

		/** Messages in time order: waiting starts with the first message after the last answer; spam waits not. */
		void waiting(List<NewMessage> inOrder, Set<NewMessage> spam) {
			for (NewMessage m : inOrder) {
				if (m.fromPerson() && !spam.contains(m)) {
					lastIn = m.sentAt();
					if (waitFrom == null) {
						waitFrom = m.sentAt();
					}
				}
				else if (!m.inbound() && ("reply".equals(m.kind()) || "activity".equals(m.kind()))) {
					lastAnswer = m.sentAt();
					waitFrom = null;
				}
			}
		}
	}

	/** Tallies as the array parameters of one statement, a conversation per index. */
	private static final class TallyColumns {

		final Integer[] counts;
		final String[] lasts;
		final String[] previews;
		final String[] waitFrom;
		final String[] lastAnswer;
		final Boolean[] arrived;
		final String[] triagedAt;
		final String[] triageKinds;
		final String[] triageSentiments;
		final String[] triageLanguages;

		TallyColumns(int n) {
			counts = new Integer[n];
			lasts = new String[n];
			previews = new String[n];
			waitFrom = new String[n];
			lastAnswer = new String[n];
			arrived = new Boolean[n];
			triagedAt = new String[n];
			triageKinds = new String[n];
			triageSentiments = new String[n];
			triageLanguages = new String[n];
		}

		void put(int i, Tally t) {
			counts[i] = t.count;
			lasts[i] = t.last.toString();
			previews[i] = t.preview;
			waitFrom[i] = t.waitFrom == null ? null : t.waitFrom.toString();
			lastAnswer[i] = t.lastAnswer == null ? null : t.lastAnswer.toString();
			arrived[i] = t.lastIn != null;
			if (t.triage != null) {
				triagedAt[i] = t.triagedAt.toString();
				triageKinds[i] = t.triage.kind();
				triageSentiments[i] = t.triage.sentiment();
				triageLanguages[i] = t.triage.language();
			}
		}
	}

	/** What each conversation's messages of the batch change about it, by the conversation's key. */
	private static <K> Map<K, Tally> tallies(List<NewMessage> messages, java.util.function.Function<NewMessage, K> key,
			Set<NewMessage> spam) {
		Map<K, Tally> tallies = new HashMap<>();
		Map<K, List<NewMessage>> byConversation = new HashMap<>();
		for (NewMessage m : messages) {
			K conversation = key.apply(m);
			tallies.computeIfAbsent(conversation, c -> new Tally()).add(m);
			byConversation.computeIfAbsent(conversation, c -> new ArrayList<>()).add(m);
		}
		byConversation.forEach((conversation, list) -> {
			list.sort(java.util.Comparator.comparing(NewMessage::sentAt));
			tallies.get(conversation).waiting(list, spam);
		});
		return tallies;
	}

	private void updateCounters(List<NewMessage> accepted, Map<String, UUID> conversations, Set<NewMessage> spam) {
		// Sorted by id, so that concurrent batches lock the same conversations in the same order.
		Map<UUID, Tally> tallies = new java.util.TreeMap<>(tallies(accepted, m -> conversations.get(m.conversationKey()), spam));
		if (tallies.isEmpty()) {
			return;
		}
		UUID[] ids = tallies.keySet().toArray(UUID[]::new);
		TallyColumns columns = new TallyColumns(ids.length);
		int i = 0;
		for (Tally t : tallies.values()) {
			columns.put(i++, t);
		}
		jdbc.sql("""
				update conversations c set
				  message_count = c.message_count + v.n,
				  last_message_at = greatest(c.last_message_at, v.last_at),
				  preview = case when v.last_at >= c.last_message_at then coalesce(v.preview, c.preview) else c.preview end,
				  waiting_since = case
				    when v.last_at < c.last_message_at and v.last_answer is null
				      then case when c.waiting_since is null then c.waiting_since else least(c.waiting_since, v.wait_from) end
				    when v.wait_from is null and v.last_answer is not null then null
				    when v.wait_from is null then c.waiting_since
				    when v.last_answer is not null then v.wait_from
				    else least(coalesce(c.waiting_since, v.wait_from), v.wait_from) end,
				  first_response_at = case when c.first_response_at is null and v.last_answer is not null
				    and c.waiting_since is not null then v.last_answer else c.first_response_at end,
				  status = case when v.wait_from is not null and c.status in ('done', 'snoozed') then 'open' else c.status end,
				  snoozed_until = case when v.wait_from is not null then null else c.snoozed_until end,
				  resolved_at = case when v.wait_from is not null then null else c.resolved_at end,
				  last_inbound_at = case when v.arrived then clock_timestamp() else c.last_inbound_at end,
				  triage_kind = case when v.triaged_at >= coalesce(c.triaged_at, '-infinity') then v.triage_kind else c.triage_kind end,
				  triage_sentiment = case when v.triaged_at >= coalesce(c.triaged_at, '-infinity') then v.triage_sentiment
				    else c.triage_sentiment end,
				  triage_language = case when v.triaged_at >= coalesce(c.triaged_at, '-infinity') then v.triage_language
				    else c.triage_language end,
				  triaged_at = greatest(c.triaged_at, v.triaged_at)
				from unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::boolean[],
				  ?::timestamptz[], ?::text[], ?::text[], ?::text[])
				  as v(id, n, last_at, preview, wait_from, last_answer, arrived, triaged_at, triage_kind, triage_sentiment,
				  triage_language)
				where c.id = v.id""")
			.params(ids, columns.counts, columns.lasts, columns.previews, columns.waitFrom, columns.lastAnswer,
					columns.arrived, columns.triagedAt, columns.triageKinds, columns.triageSentiments, columns.triageLanguages)
			.update();
	}

	/**
	 * The workspace's routing rules ({@link TriageRoutes}): a conversation the batch began, unassigned and not spam,
	 * whose triage is a routed kind, goes to the rule's member.
	 */
	private void route(Set<UUID> begun) {
		if (begun.isEmpty()) {
			return;
		}
		UUID[] ids = begun.toArray(UUID[]::new);
		record Route(UUID workspaceId, String kind, UUID assignee) {
		}
		List<Route> routes = jdbc.sql("""
				select distinct r.workspace_id, r.kind, r.assignee_id from conversations c
				join inbox_triage_routes r on r.workspace_id = c.workspace_id and r.kind = c.triage_kind
				where c.id = any(?::uuid[]) and c.assignee_id is null and not c.spam""")
			.param(ids)
			.query((rs, n) -> new Route(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)))
			.list();
		for (Route r : routes) {
			// a member who left the workspace or may now only read is given nothing; the rule waits for a manager
			if (members.of(r.workspaceId(), r.assignee()).filter(m -> m.role().canWork()).isEmpty()) {
				continue;
			}
			List<UUID> routed = jdbc.sql("""
					update conversations c set assignee_id = ? where c.id = any(?::uuid[]) and c.workspace_id = ?
					  and c.assignee_id is null and not c.spam and c.triage_kind = ? returning c.id""")
				.params(r.assignee(), ids, r.workspaceId(), r.kind())
				.query(UUID.class)
				.list();
			Instant now = Instant.now();
			for (UUID conversationId : routed) {
				events.publishEvent(new ConversationAssigned(r.workspaceId(), conversationId, r.assignee(), null, now));
			}
		}
	}

	private void insertAttachments(List<NewMessage> accepted, Map<String, UUID> inserted) {
		for (NewMessage m : accepted) {
			if (m.attachments() == null) {
				continue;
			}
			for (NewMessage.NewAttachment a : m.attachments()) {
				jdbc.sql("""
						insert into attachments(id, workspace_id, message_id, file_name, content_type, size_bytes, content)
						values (?, ?, ?, ?, ?, ?, ?)""")
					.params(UUID.randomUUID(), m.workspaceId(), inserted.get(m.channelId() + "\0" + m.externalId()),
							a.fileName(), a.contentType(), a.content().length, a.content())
					.update();
			}
		}
	}

	private static final Pattern SPACES = Pattern.compile("\\s+");

	static String preview(String text) {
		String oneLine = text == null ? "" : SPACES.matcher(text).replaceAll(" ").strip();
		return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 159) + "…";
	}
}
