package org.rapport.channels;

import java.time.Instant;

/**
 * A channel could not listen now: the network or feed gave no answer, refused, or answered with something that
 * cannot be read. {@link #retryAt()} is the time the source named for asking again (a rate limit's reset), or
 * {@code null}. The message says in words what went wrong, for the channel's health. A connector never waits or
 * retries by itself: the reader keeps its cursor and asks again at its next turn.
 */
public class ListeningUnavailable extends Exception {

	private final transient Instant retryAt;

	public ListeningUnavailable(String message, Instant retryAt, Throwable cause) {
		super(message, cause);
		this.retryAt = retryAt;
	}

	public Instant retryAt() {
		return retryAt;
	}
}
