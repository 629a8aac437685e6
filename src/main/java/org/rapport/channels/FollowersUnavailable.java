package org.rapport.channels;

import java.time.Instant;

/**
 * A page of followers could not be read. {@link #retryable()} says whether asking again for the same cursor may
 * help (no answer, a server error, a rate limit); {@link #retryAt()} is the time the network named for it (the
 * reset of its rate limit), or {@code null}. A connector never waits or retries by itself: the caller keeps the
 * cursor and asks again later.
 */
public class FollowersUnavailable extends Exception {

	private final boolean retryable;
	private final transient Instant retryAt;

	public FollowersUnavailable(String message, boolean retryable, Instant retryAt, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.retryAt = retryAt;
	}

	public boolean retryable() {
		return retryable;
	}

	public Instant retryAt() {
		return retryAt;
	}
}
