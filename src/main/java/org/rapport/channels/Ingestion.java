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

import org.rapport.inbox.Inbox;
import org.rapport.inbox.Messages;
import org.rapport.inbox.NewMessage;
import org.rapport.platform.ChannelId;
import org.springframework.stereotype.Component;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The ingestion pipeline: what connectors receive is checked, sanitised and handed to the inbox in one call,
 * {@link Inbox#receive}, which dedups, finds contacts, threads and writes the whole batch set-based, indexing the
 * messages for search and announcing each with {@code MessageReceived}. When {@link #ingest} returns, every
 * accepted message is durably stored; several channels' batches go in one transaction with {@link #ingestAll}.
 */
@Component
public class Ingestion {

	/** The most messages one call may carry. */
	public static final int MAX_BATCH = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Inbox inbox;
	private final TransactionTemplate tx;
	private final ChannelPosts posts;

	Ingestion(Inbox inbox, TransactionTemplate tx, ChannelPosts posts) {
		this.inbox = inbox;
		this.tx = tx;
		this.posts = posts;
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
		List<Inbox.Incoming> incoming = new ArrayList<>(batch.size());
		Set<String> seen = new HashSet<>();
		for (InboundMessage m : batch) {
			if (m.externalId() == null || m.externalId().isBlank()) {
				throw new IllegalArgumentException("Every message needs an externalId.");
			}
			if (!seen.add(m.externalId())) {
				continue;
			}
			String html = m.html() ? HtmlSanitizing.sanitize(m.body()) : Messages.textToHtml(m.body());
			String text = m.html() ? HtmlSanitizing.toText(m.body()) : m.body().strip();
			incoming.add(new Inbox.Incoming(m.externalId(), m.threadKey(), m.references(),
					m.contactId() == null ? m.from().normalised() : m.from(), m.contactId(), m.direction(), m.kind(),
					m.activityKind(), clean(m.subject()), html, text, m.from() == null ? "" : m.from().value(),
					m.from() != null ? clean(m.from().name()) : authorOf(m),
					m.headers() == null || m.headers().isEmpty() ? null : JSON.writeValueAsString(m.headers()),
					(m.sentAt() == null ? Instant.now() : m.sentAt()).truncatedTo(ChronoUnit.MICROS),
					m.attachments().stream()
						.map(a -> new NewMessage.NewAttachment(clean(a.fileName()), a.contentType(), a.content()))
						.toList(),
					m.automated()));
		}
		Inbox.Received received = inbox.receive(channel.workspaceId(), ChannelId.of(channel.id()), incoming);
		posts.commented(channel, batch.stream().filter(m -> m.post() != null)
			.filter(m -> received.messageIds().containsKey(m.externalId())).toList());
		return new Result(received.accepted(), batch.size() - received.accepted(), received.messageIds(),
				received.conversationIds(), received.contactIds());
	}

	/** Who wrote a message logged for a known contact: the member named in its metadata. */
	private static String authorOf(InboundMessage m) {
		if (m.headers() == null) {
			return "";
		}
		return clean(m.headers().getOrDefault("author", m.headers().getOrDefault("loggedBy", "")));
	}

	/** Control characters but line breaks and tabs. */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

	private static String clean(String text) {
		if (text == null) {
			return "";
		}
		String stripped = CONTROL.matcher(text).replaceAll("").strip();
		return stripped.length() > 998 ? stripped.substring(0, 998) : stripped;
	}
}
