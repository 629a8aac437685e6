package org.rapport.channels;

/** A reply could not be delivered. The message is shown to the person who wrote the reply. */
public class DeliveryException extends Exception {

	private final boolean retryable;

	public DeliveryException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	public boolean retryable() {
		return retryable;
	}
}
