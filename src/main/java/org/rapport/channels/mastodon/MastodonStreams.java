package org.rapport.channels.mastodon;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.network.JsonHttp;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;

/**
 * Mentions as they happen: one stream of the account's notifications per connected Mastodon channel
 * ({@code user:notification}) on the host the instance names for streaming, opened and watched by the background
 * work {@code mastodon-streams}. Each time a
 * stream opens, what came since the cursor is fetched through the REST API first (the catch-up after a gap: a
 * restart, a dropped connection, a stream that went quiet for 90 seconds). While a channel's stream is open, the
 * minutely poll leaves it alone; when it closes, the next check (every 60 seconds) opens it again. An instance that
 * does not offer streaming (any other 4xx) is polled as before and asked again after an hour. A stream that breaks
 * off again and again is opened less often: after the n-th break in a row it waits n² checks' worth (at most 15
 * minutes), and is polled meanwhile; a stream that the instance accepts starts the count anew. Every mention enters
 * ingestion with its status id, so a mention that both the stream and a catch-up bring is stored once; with several
 * nodes, each may hold a stream of its own for the same reason.
 */
@Component
class MastodonStreams implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MastodonStreams.class);

	/** How long an instance that refused streaming is only polled. */
	static final Duration UNSUPPORTED_PAUSE = Duration.ofHours(1);

	/** The longest wait before a stream that keeps breaking off is opened again. */
	static final Duration LONGEST_BACKOFF = Duration.ofMinutes(15);

	private final Channels channels;
	private final MastodonClient client;
	private final MastodonAccounts accounts;
	private final MastodonPolling polling;
	private final boolean enabled;
	private final Map<UUID, Handle> open = new ConcurrentHashMap<>();
	private final Map<UUID, Instant> unsupportedUntil = new ConcurrentHashMap<>();
	private final Map<UUID, Integer> breaksInARow = new ConcurrentHashMap<>();
	private final Map<String, StreamingHost> hosts = new ConcurrentHashMap<>();
	private final Duration interval;

	MastodonStreams(Channels channels, MastodonClient client, MastodonAccounts accounts, MastodonPolling polling,
			@Value("${rapport.mastodon.streaming:true}") boolean enabled,
			@Value("${rapport.mastodon.stream-check:60s}") Duration interval) {
		this.interval = interval;
		this.channels = channels;
		this.client = client;
		this.accounts = accounts;
		this.polling = polling;
		this.enabled = enabled;
	}

	@Bean
	RecurringWork mastodonStreamsRecurring() {
		return RecurringWork.every("mastodon-streams", interval, this::supervise);
	}

	/** Whether the channel's stream is open on this node. */
	boolean live(UUID channelId) {
		return open.containsKey(channelId);
	}

	/** How many streams are open on this node. */
	int openCount() {
		return open.size();
	}

	/** Opens the streams that should be open and closes those of channels that were switched off or removed. */
	void supervise() {
		Set<UUID> wanted = new HashSet<>();
		Instant now = Instant.now();
		for (Channel channel : channels.enabledOfKind(MastodonConnector.KIND)) {
			wanted.add(channel.id());
			if (!enabled || open.containsKey(channel.id()) || unsupportedUntil.getOrDefault(channel.id(), now).isAfter(now)) {
				continue;
			}
			Optional<MastodonAccounts.Account> account = accounts.of(channel.id());
			if (account.isPresent() && account.get().state().connected() && !account.get().state().paused(now)) {
				start(channel);
			}
		}
		open.keySet().stream().filter(id -> !wanted.contains(id)).toList().forEach(this::stop);
	}

	/** An open stream: stopping it before its request exists cancels the request as soon as it does. */
	private static final class Handle {

		private Runnable cancel;
		private boolean stopped;

		synchronized void set(Runnable cancel) {
			if (stopped) {
				cancel.run();
			}
			this.cancel = cancel;
		}

		synchronized void stop() {
			stopped = true;
			if (cancel != null) {
				cancel.run();
			}
		}
	}

	private void start(Channel channel) {
		Handle handle = new Handle();
		open.put(channel.id(), handle);
		Thread.ofVirtual().name("mastodon-stream-" + channel.id()).start(() -> run(channel, handle));
	}

	/** Where an instance streams, as it said at {@code askedAt}. */
	private record StreamingHost(String base, Instant askedAt) {
	}

	/**
	 * The instance's streaming host, kept for an hour once the instance named it; an instance that did not answer
	 * is streamed from itself and asked again at the next stream.
	 */
	private String streamingBase(String instance) {
		Instant now = Instant.now();
		StreamingHost known = hosts.get(instance);
		if (known != null && known.askedAt().isAfter(now.minus(Duration.ofHours(1)))) {
			return known.base();
		}
		var named = client.streamingBase(instance);
		named.ifPresent(base -> hosts.put(instance, new StreamingHost(base, now)));
		return named.orElse(instance);
	}

	private void run(Channel channel, Handle handle) {
		try {
			client.streamNotifications(streamingBase(channel.setting("instance", "")), channel.setting("accessToken", ""),
					() -> {
						breaksInARow.remove(channel.id());
						polling.poll(channel);
					}, (type, data) -> {
						if ("notification".equals(type)) {
							try {
								polling.take(channel, JsonHttp.JSON.readTree(data));
							}
							catch (JacksonException e) {
								log.info("Mastodon channel {}: a streamed notification was not JSON; skipped.", channel.id());
							}
						}
					}, handle::set);
			log.info("Mastodon channel {}: the instance ended the stream; it is opened again at the next check.",
					channel.id());
		}
		catch (MastodonClient.Failure e) {
			if (e.tokenRejected() || e.pauseUntil != null) {
				accounts.refused(channel.id(), e.pauseUntil, e.tokenRejected(), e.getMessage());
			}
			else if (e.status >= 400 && e.status < 500) {
				unsupportedUntil.put(channel.id(), Instant.now().plus(UNSUPPORTED_PAUSE));
				log.info("Mastodon channel {}: the instance offers no stream ({}); polling instead.", channel.id(),
						e.getMessage());
			}
			else {
				int breaks = breaksInARow.merge(channel.id(), 1, Integer::sum);
				Duration wait = backoff(interval, breaks);
				unsupportedUntil.put(channel.id(), Instant.now().plus(wait));
				log.info("Mastodon channel {}: the stream broke off ({} in a row): {}; opened again in {} s", channel.id(),
						breaks, e.getMessage(), wait.toSeconds());
			}
		}
		catch (RuntimeException e) {
			log.warn("Mastodon channel {}: the stream failed", channel.id(), e);
		}
		finally {
			open.remove(channel.id(), handle);
		}
	}

	/** How long to wait after the given number of breaks in a row: the check interval times its square, capped. */
	static Duration backoff(Duration interval, int breaks) {
		Duration wait = interval.multipliedBy((long) breaks * breaks);
		return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
	}

	private void stop(UUID channelId) {
		Handle handle = open.remove(channelId);
		if (handle != null) {
			handle.stop();
		}
	}

	@Override
	public void destroy() {
		open.keySet().forEach(this::stop);
	}
}
