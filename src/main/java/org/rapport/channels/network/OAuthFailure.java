package org.rapport.channels.network;

import java.time.Instant;

/**
 * A call that did not work to a network whose accounts sign in with OAuth 2: with the reason the network gave and
 * whether it refused the sign-in for good.
 */
public class OAuthFailure extends NetworkFailure {

	/** The network's error code ({@code error} of an OAuth answer, or the API's own), or {@code ""}. */
	public final String reason;

	/** Whether the access was refused for good: the account must be signed in again. */
	public final boolean accessRejected;

	protected OAuthFailure(int status, boolean retryable, boolean mayHaveWorked, Instant pauseUntil, String reason,
			boolean accessRejected, String message) {
		super(status, retryable, mayHaveWorked, pauseUntil, message);
		this.reason = reason;
		this.accessRejected = accessRejected;
	}

	/** A 401 of the API: the access token is not (or no longer) taken; a fresh one may help. */
	public boolean tokenExpired() {
		return status == 401 && !accessRejected;
	}
}
