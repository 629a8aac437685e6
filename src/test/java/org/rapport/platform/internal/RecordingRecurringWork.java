package org.rapport.platform.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.rapport.platform.RecurringWork;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Recurring work for tests of the scheduler: every second, and only while {@link #ENABLED}, it records which node
 * ran it and how many runs overlapped; each run takes longer than the interval, so runs on two nodes would overlap.
 */
@Component
class RecordingRecurringWork {

	static final String NAME = "test-recording-recurring";

	static volatile boolean ENABLED;

	static final AtomicInteger RUNNING = new AtomicInteger();
	static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
	static final Map<Integer, AtomicInteger> RUNS_BY_NODE = new ConcurrentHashMap<>();

	@Bean
	RecurringWork recordingRecurringWorkEverySecond() {
		return RecurringWork.every(NAME, Duration.ofSeconds(1), this::run);
	}

	void run() {
		if (!ENABLED) {
			return;
		}
		MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
		try {
			RUNS_BY_NODE.computeIfAbsent(System.identityHashCode(this), k -> new AtomicInteger()).incrementAndGet();
			Thread.sleep(1500);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		finally {
			RUNNING.decrementAndGet();
		}
	}
}
