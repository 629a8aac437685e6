package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTests {

	private static final class MovableClock extends Clock {

		Instant now = Instant.parse("2026-12-01T10:00:00Z");

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	private final MovableClock clock = new MovableClock();
	private final LoginThrottle throttle = new LoginThrottle(clock);

	@Test
	void guessesFromAnywhereDoNotKeepTheOwnerOutOnAKnownDevice() {
		for (int i = 0; i < 20; i++) {
			throttle.failed("203.0.113." + i, "owner@example.org");
		}
		assertThat(throttle.wait("198.51.100.7", "owner@example.org", false)).isPositive();
		assertThat(throttle.wait("198.51.100.7", "owner@example.org", true)).isZero();
		assertThat(throttle.wait("198.51.100.7", "someone-else@example.org", false)).isZero();
	}

	@Test
	void waitsDoubleAfterTheFreeAttemptsAndNeverExceedFifteenMinutes() {
		for (int i = 0; i < LoginThrottle.ACCOUNT_FREE - 1; i++) {
			throttle.failed("192.0.2.1", "a@example.org");
		}
		assertThat(throttle.wait("192.0.2.1", "a@example.org", false)).isZero();
		throttle.failed("192.0.2.1", "a@example.org");
		assertThat(throttle.wait("192.0.2.1", "a@example.org", false)).isEqualTo(Duration.ofSeconds(5));
		throttle.failed("192.0.2.1", "a@example.org");
		assertThat(throttle.wait("192.0.2.1", "a@example.org", false)).isEqualTo(Duration.ofSeconds(10));
		for (int i = 0; i < 30; i++) {
			throttle.failed("192.0.2.1", "a@example.org");
		}
		assertThat(throttle.wait("192.0.2.1", "a@example.org", false)).isEqualTo(Duration.ofMinutes(15));
		clock.now = clock.now.plus(Duration.ofMinutes(15));
		assertThat(throttle.wait("192.0.2.1", "a@example.org", false)).isZero();
	}

	@Test
	void anAddressThatGuessesManyAccountsIsSlowedDown() {
		for (int i = 0; i < LoginThrottle.ADDRESS_FREE; i++) {
			throttle.failed("192.0.2.9", "user" + i + "@example.org");
		}
		assertThat(throttle.wait("192.0.2.9", "fresh@example.org", true)).isPositive();
		assertThat(throttle.wait("192.0.2.10", "fresh@example.org", false)).isZero();
	}

	@Test
	void memoryIsBoundedWithoutForgettingEverythingAtOnce() {
		throttle.failed("192.0.2.1", "victim@example.org");
		for (int i = 0; i < LoginThrottle.ACCOUNT_FREE; i++) {
			throttle.failed("192.0.2.1", "victim@example.org");
		}
		for (int i = 0; i < LoginThrottle.MAX_ENTRIES + 10_000; i++) {
			throttle.failed("10.0." + (i >> 8 & 255) + "." + (i & 255), "spray" + i + "@example.org");
			if (i % 1000 == 0) {
				throttle.wait("192.0.2.1", "victim@example.org", false);
			}
		}
		assertThat(throttle.remembered()).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES);
		assertThat(throttle.remembered()).isGreaterThan(LoginThrottle.MAX_ENTRIES / 2);
	}

	@Test
	void wrongSecondFactorCodesCountApartAndACorrectPasswordDoesNotWipeThem() {
		for (int i = 0; i < LoginThrottle.ACCOUNT_FREE; i++) {
			throttle.codeFailed("192.0.2.1", "a@example.org");
		}
		assertThat(throttle.codeWait("192.0.2.1", "A@example.org", false)).isEqualTo(Duration.ofSeconds(5));
		assertThat(throttle.wait("192.0.2.1", "a@example.org", false)).as("the password step is not slowed").isZero();
		throttle.succeeded("a@example.org");
		assertThat(throttle.codeWait("192.0.2.1", "a@example.org", false)).as("a correct password again").isPositive();
		throttle.codeSucceeded("a@example.org");
		assertThat(throttle.codeWait("192.0.2.1", "a@example.org", false)).isZero();
	}
}
