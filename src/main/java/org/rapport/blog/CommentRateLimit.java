package org.rapport.blog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** At most {@value #LIMIT} comments from one address to one blog in ten minutes (kept in memory, per node). */
@Component
class CommentRateLimit {

	static final int LIMIT = 5;

	private static final Duration WINDOW = Duration.ofMinutes(10);

	private final Clock clock = Clock.systemUTC();
	private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

	/** Counts a comment from the key and says whether it may go through. */
	boolean allow(String key) {
		Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (times) {
			Instant now = clock.instant();
			while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
				times.pollFirst();
			}
			if (times.size() >= LIMIT) {
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
