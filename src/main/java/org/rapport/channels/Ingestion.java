package org.rapport.channels;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.rapport.inbox.InboxWriter;
import org.rapport.inbox.Messages;
import org.rapport.inbox.NewMessage;
import org.springframework.stereotype.Component;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The ingestion pipeline: dedup, identity, contact, conversation threading, sanitising, then one set-based write
 * of the whole batch, which indexes the messages for search and announces each with {@code MessageReceived}.
 * When {@link #ingest} returns, every accepted message is durably stored.
 */
@Component
public class Ingestion {

	/** The most messages one call may carry. */
	public static final int MAX_BATCH = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Contacts contacts;
	private final InboxWriter writer;
	private final TransactionTemplate tx;

	Ingestion(Contacts contacts, InboxWriter writer, TransactionTemplate tx) {
		this.contacts = contacts;
		this.writer = writer;
		this.tx = tx;
	}

	/** How a batch went: new messages by external id (with their conversation), and how many were known already. */
	public record Result(int accepted, int duplicates, Map<String, UUID> messageIds, Map<String, UUID> conversationIds,
			Map<String, UUID> contactIds) {
	}

	/**
	 * Ingests a batch in one transaction. Called outside a transaction, a batch that lost a deadlock or a
	 * serialisation conflict to a concurrent one is simply run again (ingestion is idempotent); inside a caller's
	 * transaction it runs once.
	 */
	public Result ingest(Channel channel, List<InboundMessage> batch) {
		return inOneTransaction(() -> ingestOnce(channel, batch));
	}

	/**
	 * Ingests the batches of several channels of one workspace in one transaction: all are stored or none is. The
	 * result adds up the channels' counts. Retried like {@link #ingest}.
	 */
	public Result ingestAll(Map<Channel, List<InboundMessage>> batches) {
		int size = batches.values().stream().mapToInt(List::size).sum();
		if (size > MAX_BATCH) {
			throw new IllegalArgumentException("At most " + MAX_BATCH + " messages per call, not " + size + ".");
		}
		return inOneTransaction(() -> {
			int accepted = 0;
			int duplicates = 0;
			Map<String, UUID> messageIds = new HashMap<>();
			Map<String, UUID> conversationIds = new HashMap<>();
			Map<String, UUID> contactIds = new HashMap<>();
			for (var batch : batches.entrySet()) {
				Result result = ingestOnce(batch.getKey(), batch.getValue());
				accepted += result.accepted();
				duplicates += result.duplicates();
				messageIds.putAll(result.messageIds());
				conversationIds.putAll(result.conversationIds());
				contactIds.putAll(result.contactIds());
			}
			return new Result(accepted, duplicates, messageIds, conversationIds, contactIds);
		});
	}

	private Result inOneTransaction(java.util.function.Supplier<Result> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		for (int attempt = 1;; attempt++) {
			try {
				return tx.execute(status -> work.get());
			}
			catch (PessimisticLockingFailureException e) {
				if (attempt == 3) {
					throw e;
				}
				try {
					Thread.sleep(ThreadLocalRandom.current().nextLong(10, 60L * attempt));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw e;
				}
			}
		}
	}

	private Result ingestOnce(Channel channel, List<InboundMessage> batch) {
		if (batch.size() > MAX_BATCH) {
			throw new IllegalArgumentException("At most " + MAX_BATCH + " messages per call, not " + batch.size() + ".");
		}
		List<InboundMessage> fresh = dedup(channel, batch);
		if (fresh.isEmpty()) {
			return new Result(0, batch.size(), Map.of(), Map.of(), Map.of());
		}
		Map<IdentityClaim, UUID> senders = identify(channel, fresh);
		Map<String, InboxWriter.Thread> threads = thread(channel, fresh);
		List<NewMessage> rows = new ArrayList<>(fresh.size());
		Map<String, UUID> contactIds = new HashMap<>();
		for (InboundMessage m : fresh) {
			UUID contact = m.contactId() != null ? m.contactId() : senders.get(m.from().normalised());
			if (contact == null) {
				continue; // the sender was erased and asked not to be recorded again (contacts' erasure blocks)
			}
			contactIds.put(m.externalId(), contact);
			String html = m.html() ? HtmlSanitizing.sanitize(m.body()) : Messages.textToHtml(m.body());
			String text = m.html() ? HtmlSanitizing.toText(m.body()) : m.body().strip();
			InboxWriter.Thread thread = threads.get(m.externalId());
			rows.add(new NewMessage(channel.workspaceId(), channel.id(), thread.threadKey(), thread.channelId(), contact,
					m.externalId(), m.direction(), m.kind(), m.activityKind(), clean(m.subject()), html, text,
					m.from() == null ? "" : m.from().value(), m.from() != null ? clean(m.from().name()) : authorOf(m),
					m.headers() == null || m.headers().isEmpty() ? null : JSON.writeValueAsString(m.headers()),
					(m.sentAt() == null ? Instant.now() : m.sentAt()).truncatedTo(ChronoUnit.MICROS),
					m.attachments().stream()
						.map(a -> new NewMessage.NewAttachment(clean(a.fileName()), a.contentType(), a.content()))
						.toList()));
		}
		InboxWriter.Appended appended = writer.append(rows);
		return new Result(appended.messageIds().size(), batch.size() - appended.messageIds().size(),
				appended.messageIds(), appended.conversationIds(), contactIds);
	}

	/** Drops messages already stored, and repeats within the batch. */
	private List<InboundMessage> dedup(Channel channel, List<InboundMessage> batch) {
		Map<String, InboundMessage> unique = new LinkedHashMap<>();
		for (InboundMessage m : batch) {
			if (m.externalId() == null || m.externalId().isBlank()) {
				throw new IllegalArgumentException("Every message needs an externalId.");
			}
			unique.putIfAbsent(m.externalId(), m);
		}
		Set<String> known = new HashSet<>(writer.known(channel.id(), new ArrayList<>(unique.keySet())));
		return unique.values().stream().filter(m -> !known.contains(m.externalId())).toList();
	}

	private Map<IdentityClaim, UUID> identify(Channel channel, List<InboundMessage> messages) {
		List<IdentityClaim> claims = messages.stream().filter(m -> m.contactId() == null)
			.map(m -> m.from().normalised())
			.toList();
		return claims.isEmpty() ? Map.of() : contacts.resolve(channel.workspaceId(), claims);
	}

	/**
	 * A message joins the conversation of its thread key; without one, the conversation of the newest message it
	 * references (earlier in the batch or stored); failing that, it starts its own.
	 */
	private Map<String, InboxWriter.Thread> thread(Channel channel, List<InboundMessage> messages) {
		List<String> referenced = messages.stream().filter(m -> m.threadKey() == null && m.references() != null)
			.flatMap(m -> m.references().stream())
			.distinct()
			.toList();
		Map<String, InboxWriter.Thread> stored = referenced.isEmpty() ? Map.of()
				: writer.threadsOf(channel.workspaceId(), channel.id(), referenced);
		Map<String, InboxWriter.Thread> threads = new HashMap<>();
		for (InboundMessage m : messages) {
			InboxWriter.Thread thread = m.threadKey() == null ? null : new InboxWriter.Thread(channel.id(), m.threadKey());
			if (thread == null && m.references() != null) {
				for (int i = m.references().size() - 1; i >= 0 && thread == null; i--) {
					String ref = m.references().get(i);
					thread = threads.containsKey(ref) ? threads.get(ref) : stored.get(ref);
				}
			}
			threads.put(m.externalId(), thread != null ? thread : new InboxWriter.Thread(channel.id(), m.externalId()));
		}
		return threads;
	}

	/** Who wrote a message logged for a known contact: the member named in its metadata. */
	private static String authorOf(InboundMessage m) {
		if (m.headers() == null) {
			return "";
		}
		return clean(m.headers().getOrDefault("author", m.headers().getOrDefault("loggedBy", "")));
	}

	private static String clean(String text) {
		if (text == null) {
			return "";
		}
		String stripped = text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
		return stripped.length() > 998 ? stripped.substring(0, 998) : stripped;
	}
}
