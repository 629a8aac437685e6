package org.rapport.channels;

import java.time.Instant;

/** A reply could not be delivered. The message is shown to the person who wrote the reply. */
public class DeliveryException extends Exception {

	private final boolean retryable;

	private final transient Instant notBefore;

	public DeliveryException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.notBefore = null;
	}

	/**
	 * A failure that trying again may mend, but not before the time the network named (a 429's
	 * {@code Retry-After}, Telegram's {@code retry_after}): the next attempt waits at least until then.
	 */
	public DeliveryException(String message, Instant notBefore, Throwable cause) {
		super(message, cause);
		this.retryable = true;
		this.notBefore = notBefore;
	}

	public boolean retryable() {
		return retryable;
	}

	/** When the network allows the next attempt, or {@code null} when it did not say. */
	public Instant notBefore() {
		return notBefore;
	}
}
