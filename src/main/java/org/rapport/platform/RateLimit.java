package org.rapport.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} events per key within a sliding window, counted in memory on each node. For flood
 * protection of public forms, where a per-node limit is good enough.
 */
public final class RateLimit {

	private final int limit;
	private final Duration window;
	private final Clock clock;
	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	public RateLimit(int limit, Duration window) {
		this(limit, window, Clock.systemUTC());
	}

	RateLimit(int limit, Duration window, Clock clock) {
		this.limit = limit;
		this.window = window;
		this.clock = clock;
	}

	/** Counts an event for the key and says whether it may go through; refused events are not counted. */
	public boolean allow(String key) {
		Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (times) {
			Instant now = clock.instant();
			while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
				times.pollFirst();
			}
			if (times.size() >= limit) {
				return false;
			}
			times.addLast(now);
		}
		if (recent.size() > 100_000) {
			recent.clear();
		}
		return true;
	}
}
