package org.rapport.channels.email;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.channels.email.MailParser.Parsed;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Reads new mail from every enabled mailbox into the inbox. Each mailbox is read by one node at a time (a
 * PostgreSQL advisory lock) and one thread of that node; mailboxes are read in parallel on virtual threads.
 * Progress is kept as IMAP UIDVALIDITY and last UID, advanced only after a batch was ingested: a crash in between
 * reads the batch again, which ingestion ignores as duplicates. Mails that cannot be read go to the quarantine.
 */
@Component
public class MailFetcher {

	/** The most mails handed to {@link Ingestion#ingest} at once. */
	static final int BATCH = 200;

	/** A batch is also handed over once its raw mails add up to this many bytes. */
	static final long BATCH_BYTES = 64L * 1024 * 1024;

	/** The largest mail taken in; larger ones are quarantined without their content and stay in the mailbox. */
	static final long MAX_MAIL = 50L * 1024 * 1024;

	/** Mailboxes read at the same time by this node; each holds two database connections while it runs. */
	static final int PARALLEL = 3;

	private static final Logger log = LoggerFactory.getLogger(MailFetcher.class);

	private final Channels channels;
	private final Ingestion ingestion;
	private final MailboxCursors cursors;
	private final Quarantine quarantine;
	private final DataSource dataSource;
	private final OutboundGuard guard;
	private final Map<UUID, ReentrantLock> running = new ConcurrentHashMap<>();
	private final Semaphore slots = new Semaphore(PARALLEL);
	private volatile boolean stopping;

	MailFetcher(Channels channels, Ingestion ingestion, MailboxCursors cursors, Quarantine quarantine,
			DataSource dataSource, OutboundGuard guard) {
		this.channels = channels;
		this.ingestion = ingestion;
		this.cursors = cursors;
		this.quarantine = quarantine;
		this.dataSource = dataSource;
		this.guard = guard;
	}

	/** Runs {@link #fetchAll} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork fetchAllRecurring(@Value("${rapport.email.poll-interval:60s}") Duration interval) {
		return RecurringWork.every("email-fetch-all", interval, this::fetchAll);
	}

	/** Reads every enabled mailbox; a mailbox this node is reading already is left to that run. */
	public void fetchAll() {
		List<Channel> mailboxes = channels.enabledOfKind(EmailConnector.KIND);
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Channel mailbox : mailboxes) {
				threads.submit(() -> {
					ReentrantLock lock = lockOf(mailbox);
					if (lock.tryLock()) {
						try {
							fetchLocked(mailbox);
						}
						finally {
							lock.unlock();
						}
					}
				});
			}
		}
	}

	/**
	 * Reads the new mail of one mailbox now, waiting for a run of this node on the same mailbox to end first. Returns
	 * 0 without reading when another node holds the mailbox. Problems are recorded as the channel's state, which is
	 * cleared after a successful run.
	 *
	 * @return how many new messages were ingested
	 */
	public int fetch(Channel channel) {
		ReentrantLock lock = lockOf(channel);
		lock.lock();
		try {
			return fetchLocked(channel);
		}
		finally {
			lock.unlock();
		}
	}

	@PreDestroy
	void stop() {
		stopping = true;
	}

	private ReentrantLock lockOf(Channel channel) {
		return running.computeIfAbsent(channel.id(), id -> new ReentrantLock());
	}

	private int fetchLocked(Channel channel) {
		if (stopping) {
			return 0;
		}
		slots.acquireUninterruptibly();
		Run run = new Run(channel);
		try {
			Optional<MailboxLock> lock = MailboxLock.tryAcquire(dataSource, channel.id());
			if (lock.isEmpty()) {
				log.debug("Mailbox {} is being read by another node", channel.id());
				return 0;
			}
			try (MailboxLock held = lock.get()) {
				run.read();
			}
			channels.state(channel.id(), "");
		}
		catch (MessagingException | IOException | RuntimeException | SQLException e) {
			if (Thread.currentThread().isInterrupted()) {
				log.debug("Reading mailbox {} was interrupted by shutdown", channel.id());
				return run.ingested;
			}
			String problem = FetchProblems.describe(channel, e);
			log.warn("Mailbox {} ({}) not read: {}", channel.key(), channel.id(), problem,
					e instanceof DataAccessException || e instanceof SQLException ? e : null);
			recordState(channel, problem);
		}
		finally {
			slots.release();
		}
		return run.ingested;
	}

	private void recordState(Channel channel, String problem) {
		try {
			channels.state(channel.id(), problem);
		}
		catch (DataAccessException e) {
			log.warn("Could not record the state of mailbox {}: {}", channel.id(), e.getMessage());
		}
	}

	/** One reading of one mailbox, in batches. */
	private final class Run {

		private final Channel channel;
		private final List<InboundMessage> messages = new ArrayList<>();
		private final List<byte[]> raws = new ArrayList<>();
		private long bytes;
		private long lastUid;
		private long handledUid;
		int ingested;

		Run(Channel channel) {
			this.channel = channel;
		}

		void read() throws MessagingException, IOException {
			EmailSettings settings = EmailSettings.of(channel);
			try (ImapMailbox mailbox = ImapMailbox.open(settings, guard, MailSessions.TIMEOUT)) {
				long uidValidity = mailbox.uidValidity();
				lastUid = cursors.of(channel.id()).map(c -> c.lastUidFor(settings.imapFolder(), uidValidity)).orElse(0L);
				handledUid = lastUid;
				for (Message mail : mailbox.after(lastUid)) {
					if (stopping) {
						break;
					}
					long uid = mailbox.uidOf(mail);
					take(mailbox, mail, "<" + uidValidity + "." + uid + "@imap.rapport.invalid>");
					handledUid = uid;
					if (messages.size() >= BATCH || bytes >= BATCH_BYTES) {
						flush(settings.imapFolder(), uidValidity);
					}
				}
				flush(settings.imapFolder(), uidValidity);
			}
		}

		private void take(ImapMailbox mailbox, Message mail, String syntheticId) throws MessagingException, IOException {
			if (mail.getSize() > MAX_MAIL) {
				quarantine.keep(channel, syntheticId, "The mail has " + mail.getSize() / (1024 * 1024)
						+ " MB, more than Rapport takes in; it stays in the mailbox.", null);
				return;
			}
			byte[] raw = mailbox.raw(mail);
			switch (MailParser.parse(raw, syntheticId, Instant.now())) {
				case Parsed.Readable readable -> {
					messages.add(readable.message());
					raws.add(raw);
					bytes += raw.length;
				}
				case Parsed.Unreadable unreadable -> {
					log.warn("Mail {} of mailbox {} quarantined: {}", unreadable.externalId(), channel.id(), unreadable.reason());
					quarantine.keep(channel, unreadable.externalId(), unreadable.reason(), raw);
				}
			}
		}

		/** Ingests the batch, then advances the cursor past every mail handled so far. */
		private void flush(String folder, long uidValidity) {
			if (!messages.isEmpty()) {
				ingested += ingest();
			}
			if (handledUid != lastUid) {
				cursors.advance(channel.id(), new MailboxCursors.Cursor(folder, uidValidity, handledUid));
				lastUid = handledUid;
			}
			messages.clear();
			raws.clear();
			bytes = 0;
		}

		/**
		 * The batch at once; if the pipeline refuses it because of one mail's data, mail by mail, with the refused
		 * ones quarantined.
		 */
		private int ingest() {
			try {
				return ingestion.ingest(channel, List.copyOf(messages)).accepted();
			}
			catch (IllegalArgumentException | DataIntegrityViolationException batchRefused) {
				int accepted = 0;
				for (int i = 0; i < messages.size(); i++) {
					InboundMessage message = messages.get(i);
					try {
						accepted += ingestion.ingest(channel, List.of(message)).accepted();
					}
					catch (IllegalArgumentException | DataIntegrityViolationException refused) {
						quarantine.keep(channel, message.externalId(),
								"The inbox refused the mail: " + FetchProblems.messageOf(FetchProblems.rootCause(refused)), raws.get(i));
					}
				}
				return accepted;
			}
		}
	}
}
