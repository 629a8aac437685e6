package org.rapport.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down without locking the owner out. After {@value #ACCOUNT_FREE} failed logins for one
 * account, or {@value #ADDRESS_FREE} from one address (offices share addresses), each further attempt must wait
 * twice as long as the one before (5 s, 10 s, 20 s … at most 15 minutes). The account's wait does not apply on a
 * device where the account signed in successfully before ({@link KnownDevices}), so an attacker elsewhere cannot
 * keep its owner out. Failures are forgotten an hour after the last one; at most {@value #MAX_ENTRIES} addresses and
 * accounts are remembered, the least used forgotten first. Each node counts for itself.
 */
@Component
class LoginThrottle {

	static final int ACCOUNT_FREE = 5;

	static final int ADDRESS_FREE = 100;

	static final Duration FIRST_WAIT = Duration.ofSeconds(5);

	static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

	static final int MAX_ENTRIES = 100_000;

	private record Failures(int count, Instant last) {

		Instant nextAttempt(int free) {
			if (count < free) {
				return Instant.MIN;
			}
			int doublings = Math.min(count - free, 20);
			Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
			return last.plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
		}
	}

	private final Cache<String, Failures> failures;

	private final Clock clock;

	@Autowired
	LoginThrottle() {
		this(Clock.systemUTC());
	}

	LoginThrottle(Clock clock) {
		this.clock = clock;
		this.failures = Caffeine.newBuilder()
			.maximumSize(MAX_ENTRIES)
			.expireAfterWrite(Duration.ofHours(1))
			.ticker(() -> clock.millis() * 1_000_000L)
			.build();
	}

	/**
	 * How long this attempt has to wait; zero when it may go ahead.
	 *
	 * @param knownDevice whether the request comes from a device the account signed in on before
	 */
	Duration wait(String ip, String account, boolean knownDevice) {
		return waitFor(ip, account == null ? null : accountKey(account), knownDevice);
	}

	/** The wait for the address and, from an unknown device, for the account's failures counted under its key. */
	private Duration waitFor(String ip, String key, boolean knownDevice) {
		Instant now = clock.instant();
		Instant next = nextAttempt("ip:" + ip, ADDRESS_FREE);
		if (key != null && !knownDevice) {
			Instant forAccount = nextAttempt(key, ACCOUNT_FREE);
			next = forAccount.isAfter(next) ? forAccount : next;
		}
		return next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
	}

	void failed(String ip, String account) {
		add("ip:" + ip);
		if (account != null) {
			add(accountKey(account));
		}
	}

	void succeeded(String account) {
		if (account != null) {
			failures.invalidate(accountKey(account));
		}
	}

	/**
	 * How long an attempt at the second factor (a code after a correct password) has to wait. Wrong codes count
	 * apart from wrong passwords, under the same rules, so that a correct password does not wipe them out.
	 */
	Duration codeWait(String ip, String account, boolean knownDevice) {
		return waitFor(ip, account == null ? null : codeKey(account), knownDevice);
	}

	void codeFailed(String ip, String account) {
		add("ip:" + ip);
		add(codeKey(account));
	}

	void codeSucceeded(String account) {
		failures.invalidate(codeKey(account));
		succeeded(account);
	}

	private static String codeKey(String account) {
		return "code:" + account.strip().toLowerCase(java.util.Locale.ROOT);
	}

	long remembered() {
		failures.cleanUp();
		return failures.estimatedSize();
	}

	private Instant nextAttempt(String key, int free) {
		Failures f = failures.getIfPresent(key);
		return f == null ? Instant.MIN : f.nextAttempt(free);
	}

	private void add(String key) {
		Instant now = clock.instant();
		failures.asMap().merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
	}

	private static String accountKey(String account) {
		return "account:" + account.strip().toLowerCase(java.util.Locale.ROOT);
	}
}
