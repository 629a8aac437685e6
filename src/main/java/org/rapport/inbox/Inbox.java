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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox's one way in: {@link #receive} takes a channel's batch of messages and, in the caller's transaction,
 * drops what is stored already, finds or makes each sender's contact, threads each message into its conversation
 * and appends the whole batch with a handful of set-based statements. Connectors reach it through the channels
 * module's ingestion, which normalises and sanitises first. Changes a sender makes later (an edited or deleted
 * Fediverse note) come in through {@link #replaceBody}.
 */
@Component
public class Inbox {

	private final Contacts contacts;
	private final InboxWriter writer;
	private final JdbcClient jdbc;

	Inbox(Contacts contacts, InboxWriter writer, JdbcClient jdbc) {
		this.contacts = contacts;
		this.writer = writer;
		this.jdbc = jdbc;
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
	public Received receive(UUID workspaceId, UUID channelId, List<Incoming> batch) {
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
					m.attachments(), m.automated()));
		}
		InboxWriter.Appended appended = writer.append(rows);
		return new Received(appended.messageIds().size(), batch.size() - appended.messageIds().size(),
				appended.messageIds(), appended.conversationIds(), contactIds);
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
