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

import org.rapport.contacts.Contacts;
import org.rapport.contacts.IdentityClaim;
import org.rapport.platform.ChannelId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox's one way in: {@link #receive} takes a channel's batch of messages and, in the caller's transaction,
 * drops what is stored already, finds or makes each sender's contact, threads each message into its conversation
 * and appends the whole batch with a handful of set-based statements. Connectors reach it through the channels
 * module's ingestion, which normalises and sanitises first. Changes a sender makes later (an edited or deleted
 * Fediverse note) come in through {@link #replaceBody}. Each message a person sent is screened for spam on the
 * way in, where a {@link SpamScreen} exists, and triaged (kind, sentiment, language) where a {@link TriageScreen}
 * exists.
 */
@Component
public class Inbox {

	/** The most characters of a message the spam filter reads. */
	static final int SCREENED_CHARS = 20_000;

	private final Contacts contacts;
	private final InboxWriter writer;
	private final JdbcClient jdbc;
	private final ObjectProvider<SpamScreen> screens;
	private final ObjectProvider<TriageScreen> triages;
	private volatile boolean screening;
	private volatile boolean triaging;

	Inbox(Contacts contacts, InboxWriter writer, JdbcClient jdbc, ObjectProvider<SpamScreen> screens,
			ObjectProvider<TriageScreen> triages, @Value("${rapport.inbox.spam-screening:true}") boolean screening,
			@Value("${rapport.inbox.triage:true}") boolean triaging) {
		this.contacts = contacts;
		this.writer = writer;
		this.jdbc = jdbc;
		this.screens = screens;
		this.triages = triages;
		this.screening = screening;
		this.triaging = triaging;
	}

	/**
	 * Whether inbound messages are triaged (kind, sentiment, language) as they arrive ({@code rapport.inbox.triage},
	 * default on, and only where a {@link TriageScreen} exists).
	 */
	public void triaging(boolean on) {
		this.triaging = on;
	}

	/**
	 * Whether inbound messages are screened for spam as they arrive ({@code rapport.inbox.spam-screening}, default
	 * on, and only where a {@link SpamScreen} exists). The benchmark compares ingestion with and without it.
	 */
	public void screening(boolean on) {
		this.screening = on;
	}

	/**
	 * A message as a channel hands it over, its body already sanitised.
	 *
	 * @param threadKey groups messages into one conversation; when null, the message joins the conversation of the
	 * newest message it references (earlier in the batch or stored), and failing that starts its own
	 * @param references channel ids of messages this one answers, newest last
	 * @param from who sent it, normalised; ignored when {@code contactId} is given
	 * @param contactId the contact, when a person logged the message for a known contact
	 * @param senderHandle the sender's address as the channel gave it, shown with the message
	 */
	public record Incoming(String externalId, String threadKey, List<String> references, IdentityClaim from,
			UUID contactId, String direction, String kind, String activityKind, String subject, String bodyHtml,
			String bodyText, String senderHandle, String senderName, String headersJson, Instant sentAt,
			List<NewMessage.NewAttachment> attachments, boolean automated) {
	}

	/** How a batch went: new messages, their conversations and contacts by external id; how many were known. */
	public record Received(int accepted, int duplicates, Map<String, UUID> messageIds,
			Map<String, UUID> conversationIds, Map<String, UUID> contactIds) {
	}

	/**
	 * Receives a channel's batch: all of it is stored or, if the caller's transaction rolls back, none. Messages
	 * whose external id the channel stored before, and repeats within the batch, are counted as duplicates; a
	 * message from an identifier on the erasure block list is dropped.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Received receive(UUID workspaceId, ChannelId channel, List<Incoming> batch) {
		UUID channelId = channel == null ? null : channel.value();
		Map<String, Incoming> unique = new LinkedHashMap<>();
		batch.forEach(m -> unique.putIfAbsent(m.externalId(), m));
		Set<String> known = new HashSet<>(writer.known(channelId, new ArrayList<>(unique.keySet())));
		List<Incoming> fresh = unique.values().stream().filter(m -> !known.contains(m.externalId())).toList();
		if (fresh.isEmpty()) {
			return new Received(0, batch.size(), Map.of(), Map.of(), Map.of());
		}
		List<IdentityClaim> claims = fresh.stream().filter(m -> m.contactId() == null).map(Incoming::from).toList();
		Map<IdentityClaim, UUID> senders = claims.isEmpty() ? Map.of() : contacts.resolve(workspaceId, claims);
		Map<String, InboxWriter.Thread> threads = thread(workspaceId, channelId, fresh);
		Map<String, Double> spamScores = screen(workspaceId, fresh);
		Map<String, Triage> triaged = triage(workspaceId, fresh);
		List<NewMessage> rows = new ArrayList<>(fresh.size());
		Map<String, UUID> contactIds = new HashMap<>();
		for (Incoming m : fresh) {
			UUID contact = m.contactId() != null ? m.contactId() : senders.get(m.from());
			if (contact == null) {
				continue; // the sender was erased and asked not to be recorded again (contacts' erasure blocks)
			}
			contactIds.put(m.externalId(), contact);
			InboxWriter.Thread thread = threads.get(m.externalId());
			rows.add(new NewMessage(workspaceId, channelId, thread.threadKey(), thread.channelId(), contact,
					m.externalId(), m.direction(), m.kind(), m.activityKind(), m.subject(), m.bodyHtml(), m.bodyText(),
					m.senderHandle(), m.senderName(), m.headersJson(), m.sentAt(),
					m.attachments(), m.automated(), spamScores.get(m.externalId()), triaged.get(m.externalId())));
		}
		InboxWriter.Appended appended = writer.append(rows);
		return new Received(appended.messageIds().size(), batch.size() - appended.messageIds().size(),
				appended.messageIds(), appended.conversationIds(), contactIds);
	}

	/**
	 * The spam filter's probability for each message a person sent (inbound, not automated), by external id, asked
	 * once for the batch; empty without a filter.
	 */
	private Map<String, Double> screen(UUID workspaceId, List<Incoming> messages) {
		SpamScreen screen = screening ? screens.getIfAvailable() : null;
		if (screen == null) {
			return Map.of();
		}
		List<Incoming> scored = fromPeople(messages);
		if (scored.isEmpty()) {
			return Map.of();
		}
		List<String> texts = texts(scored);
		double[] p = screen.spamProbabilities(workspaceId, texts);
		if (p.length != texts.size()) {
			throw new IllegalStateException("The spam screen answered " + p.length + " probabilities for " + texts.size()
					+ " messages.");
		}
		Map<String, Double> scores = new HashMap<>();
		for (int i = 0; i < p.length; i++) {
			scores.put(scored.get(i).externalId(), p[i]);
		}
		return scores;
	}

	/** The messages a person sent (inbound, not automated): what is screened and triaged. */
	private static List<Incoming> fromPeople(List<Incoming> messages) {
		return messages.stream()
			.filter(m -> "in".equals(m.direction()) && "message".equals(m.kind()) && !m.automated())
			.toList();
	}

	private static List<String> texts(List<Incoming> messages) {
		return messages.stream().map(m -> {
			String text = m.bodyText() == null ? "" : m.bodyText();
			return text.length() <= SCREENED_CHARS ? text : text.substring(0, SCREENED_CHARS);
		}).toList();
	}

	/** The triage of each message a person sent, by external id, asked once for the batch; empty without a triage. */
	private Map<String, Triage> triage(UUID workspaceId, List<Incoming> messages) {
		TriageScreen screen = triaging ? triages.getIfAvailable() : null;
		if (screen == null) {
			return Map.of();
		}
		List<Incoming> triaged = fromPeople(messages);
		if (triaged.isEmpty()) {
			return Map.of();
		}
		List<Triage> result = screen.triage(workspaceId, texts(triaged));
		if (result.size() != triaged.size()) {
			throw new IllegalStateException("The triage answered " + result.size() + " results for " + triaged.size()
					+ " messages.");
		}
		Map<String, Triage> byId = new HashMap<>();
		for (int i = 0; i < result.size(); i++) {
			byId.put(triaged.get(i).externalId(), result.get(i));
		}
		return byId;
	}

	/**
	 * A message joins the conversation of its thread key; without one, the conversation of the newest message it
	 * references (earlier in the batch or stored); failing that, it starts its own.
	 */
	private Map<String, InboxWriter.Thread> thread(UUID workspaceId, UUID channelId, List<Incoming> messages) {
		List<String> referenced = messages.stream().filter(m -> m.threadKey() == null && m.references() != null)
			.flatMap(m -> m.references().stream())
			.distinct()
			.toList();
		Map<String, InboxWriter.Thread> stored = referenced.isEmpty() ? Map.of()
				: writer.threadsOf(workspaceId, channelId, referenced);
		Map<String, InboxWriter.Thread> threads = new HashMap<>();
		for (Incoming m : messages) {
			InboxWriter.Thread thread = m.threadKey() == null ? null : new InboxWriter.Thread(channelId, m.threadKey());
			if (thread == null && m.references() != null) {
				for (int i = m.references().size() - 1; i >= 0 && thread == null; i--) {
					String ref = m.references().get(i);
					thread = threads.containsKey(ref) ? threads.get(ref) : stored.get(ref);
				}
			}
			threads.put(m.externalId(), thread != null ? thread : new InboxWriter.Thread(channelId, m.externalId()));
		}
		return threads;
	}

	/**
	 * Replaces the body of a received message because its sender changed or withdrew it; the conversation stays.
	 *
	 * @param bodyHtml sanitised HTML
	 * @return how many messages changed (0 when the channel has no such message)
	 */
	@Transactional
	public int replaceBody(UUID channelId, String externalId, String bodyHtml, String bodyText) {
		return jdbc.sql("update messages set body_html = ?, body_text = ? where channel_id = ? and external_id = ?")
			.params(bodyHtml, bodyText, channelId, externalId)
			.update();
	}
}
