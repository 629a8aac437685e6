package org.rapport.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Counts the messages the inbox stores, so that operators see the ingestion rate in {@code /actuator/prometheus}. */
@Component
class InboxMetrics {

	private final Counter received;

	InboxMetrics(MeterRegistry meters) {
		this.received = Counter.builder("rapport.messages.received")
			.description("Messages stored in the inbox (duplicates not counted)")
			.register(meters);
	}

	@EventListener
	void on(MessageReceived message) {
		received.increment();
	}
}
