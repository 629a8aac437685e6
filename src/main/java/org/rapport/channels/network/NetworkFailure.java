package org.rapport.channels.network;

import java.time.Instant;

import org.rapport.channels.DeliveryException;

/**
 * A call to a network that did not work, as each network's client words it. Every caller can tell from it whether to
 * try again, whether the call may have been carried out although no answer said so, and until when the network asked
 * to be left alone.
 */
public class NetworkFailure extends Exception {

	/** The HTTP status, or 0 when no answer came. */
	public final int status;

	/** Whether trying again later may help (no answer, a 5xx, a 429). */
	public final boolean retryable;

	/** Whether the network may have carried the call out although no answer said so (no answer after sending, a 5xx). */
	public final boolean mayHaveWorked;

	/** Until when the network asked to be left alone, or {@code null}. */
	public final transient Instant pauseUntil;

	/**
	 * The kind of call a pause holds for when the network limits it apart from the account's other calls (e.g.
	 * {@code media}), or {@code null} when the pause holds for the whole account ({@link CallPauses}).
	 */
	public final String calls;

	protected NetworkFailure(int status, boolean retryable, boolean mayHaveWorked, Instant pauseUntil, String message) {
		this(status, retryable, mayHaveWorked, pauseUntil, null, message);
	}

	protected NetworkFailure(int status, boolean retryable, boolean mayHaveWorked, Instant pauseUntil, String calls,
			String message) {
		super(message);
		this.status = status;
		this.retryable = retryable;
		this.mayHaveWorked = mayHaveWorked;
		this.pauseUntil = pauseUntil;
		this.calls = calls;
	}

	/**
	 * The failure as a reply's failed delivery: tried again after the pause the network asked for, or later when
	 * trying again may help.
	 *
	 * @param whereToLook what to look at before sending again when the network may have taken the reply although no
	 * answer said so, or {@code null}
	 */
	public DeliveryException undelivered(String whereToLook) {
		if (retryable && pauseUntil != null) {
			return new DeliveryException(getMessage(), pauseUntil, this);
		}
		return new DeliveryException(mayHaveWorked && whereToLook != null ? getMessage() + " " + whereToLook : getMessage(),
				retryable, this);
	}
}
