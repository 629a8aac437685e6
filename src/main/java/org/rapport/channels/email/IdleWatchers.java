package org.rapport.channels.email;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.platform.OutboundGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps one virtual thread per mailbox waiting in IMAP IDLE, which has the mailbox read as soon as mail arrives
 * instead of at the next poll. Polling by {@link MailFetcher} goes on regardless, so a server without IDLE, or an
 * IDLE connection that broke, only costs speed: the watcher reconnects with growing pauses and says nothing to the
 * channel's state. Watchers follow the channels: started for new mailboxes, restarted when settings change, stopped
 * when a mailbox is switched off and on shutdown.
 */
@Component
class IdleWatchers {

	/** How long an IDLE connection may be silent; servers end IDLE after 30 minutes, so we reconnect before. */
	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(25);

	private static final Logger log = LoggerFactory.getLogger(IdleWatchers.class);

	private final Channels channels;
	private final MailFetcher fetcher;
	private final OutboundGuard guard;
	private final boolean enabled;
	private final Map<UUID, Watcher> watchers = new ConcurrentHashMap<>();
	private volatile boolean stopped;

	IdleWatchers(Channels channels, MailFetcher fetcher, OutboundGuard guard,
			@Value("${rapport.email.idle:true}") boolean enabled) {
		this.channels = channels;
		this.fetcher = fetcher;
		this.guard = guard;
		this.enabled = enabled;
	}

	/** Starts and stops watchers to match the enabled mailboxes. */
	@Scheduled(fixedDelayString = "${rapport.email.poll-interval:60s}")
	void sync() {
		if (!enabled || stopped) {
			return;
		}
		Map<UUID, Channel> mailboxes = channels.enabledOfKind(EmailConnector.KIND).stream()
			.collect(Collectors.toMap(Channel::id, Function.identity()));
		watchers.values().removeIf(watcher -> {
			Channel now = mailboxes.get(watcher.channel.id());
			boolean outdated = now == null || !now.config().equals(watcher.channel.config());
			if (outdated) {
				watcher.stop();
			}
			return outdated;
		});
		for (Channel mailbox : mailboxes.values()) {
			watchers.computeIfAbsent(mailbox.id(), id -> new Watcher(mailbox).start());
		}
	}

	/** Whether the mailbox's watcher is waiting in IDLE right now. */
	boolean idling(UUID channelId) {
		Watcher watcher = watchers.get(channelId);
		return watcher != null && watcher.idling;
	}

	/**
	 * Stops the watcher of one mailbox (the next {@link #sync} starts a new one if the mailbox is still enabled).
	 *
	 * @return whether its thread ended within {@code wait}
	 */
	boolean stop(UUID channelId, Duration wait) throws InterruptedException {
		Watcher watcher = watchers.remove(channelId);
		if (watcher == null) {
			return true;
		}
		watcher.stop();
		return watcher.thread.join(wait);
	}

	@PreDestroy
	void stopAll() throws InterruptedException {
		stopped = true;
		watchers.values().forEach(Watcher::stop);
		for (UUID channelId : List.copyOf(watchers.keySet())) {
			stop(channelId, Duration.ofSeconds(2));
		}
	}

	/** The IDLE loop of one mailbox. */
	private final class Watcher implements Runnable {

		final Channel channel;
		Thread thread;
		volatile boolean running = true;
		volatile boolean idling;

		Watcher(Channel channel) {
			this.channel = channel;
		}

		Watcher start() {
			thread = Thread.ofVirtual().name("imap-idle-" + channel.id()).start(this);
			return this;
		}

		/** Ends the loop; interrupting a virtual thread closes the socket it waits on. */
		void stop() {
			running = false;
			if (thread != null) {
				thread.interrupt();
			}
		}

		@Override
		public void run() {
			int failures = 0;
			while (running) {
				long started = System.nanoTime();
				try (ImapMailbox mailbox = ImapMailbox.open(EmailSettings.of(channel), guard, IDLE_TIMEOUT)) {
					if (!mailbox.supportsIdle()) {
						log.debug("Mailbox {} has no IMAP IDLE; it is polled", channel.id());
						return;
					}
					// mail that came while no watcher was connected
					fetcher.fetch(channel);
					while (running) {
						idling = true;
						mailbox.idle();
						idling = false;
						if (running) {
							fetcher.fetch(channel);
						}
					}
				}
				catch (Exception e) {
					if (running) {
						log.debug("IDLE on mailbox {} ended: {}", channel.id(), e.getMessage());
					}
				}
				finally {
					idling = false;
				}
				boolean lastedLong = Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(2)) > 0;
				failures = lastedLong ? 0 : failures + 1;
				if (!pause(Duration.ofSeconds(failures == 0 ? 1 : Math.min(300, 30L * failures)))) {
					return;
				}
			}
		}

		private boolean pause(Duration duration) {
			try {
				Thread.sleep(duration);
				return running;
			}
			catch (InterruptedException e) {
				return false;
			}
		}
	}
}
