package org.rapport.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #LIMIT} failed logins within 15 minutes for one account, or
 * {@value #ADDRESS_LIMIT} from one address (offices share addresses), further attempts are refused until the window
 * has passed. Each node counts for itself.
 */
@Component
class LoginThrottle {

	static final int LIMIT = 10;

	static final int ADDRESS_LIMIT = 100;

	private static final Duration WINDOW = Duration.ofMinutes(15);

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle() {
		this(Clock.systemUTC());
	}

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	boolean blocked(String ip, String account) {
		return count("ip:" + ip) >= ADDRESS_LIMIT || (account != null && count("account:" + account.toLowerCase()) >= LIMIT);
	}

	void failed(String ip, String account) {
		add("ip:" + ip);
		if (account != null) {
			add("account:" + account.toLowerCase());
		}
		if (failures.size() > 100_000) {
			failures.clear();
		}
	}

	void succeeded(String account) {
		if (account != null) {
			failures.remove("account:" + account.toLowerCase());
		}
	}

	private int count(String key) {
		Deque<Instant> times = failures.get(key);
		if (times == null) {
			return 0;
		}
		synchronized (times) {
			Instant horizon = clock.instant().minus(WINDOW);
			while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
				times.pollFirst();
			}
			return times.size();
		}
	}

	private void add(String key) {
		Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (times) {
			times.addLast(clock.instant());
			if (times.size() > ADDRESS_LIMIT * 2) {
				times.pollFirst();
			}
		}
	}
}
