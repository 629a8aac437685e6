package org.rapport.inbox;

import java.time.Instant;

/**
 * A conversation with its timers, for the conversation view.
 *
 * @param triageCorrected who last corrected the triage by hand, and when; null while no one did
 */
public record ConversationDetail(ConversationSummary summary, Instant createdAt, Instant firstResponseAt,
		Long firstResponseBusinessSeconds, Instant resolvedAt, Long resolutionBusinessSeconds,
		TriageCorrection triageCorrected) {

	/** The same conversation without a correction of its triage. */
	public ConversationDetail(ConversationSummary summary, Instant createdAt, Instant firstResponseAt,
			Long firstResponseBusinessSeconds, Instant resolvedAt, Long resolutionBusinessSeconds) {
		this(summary, createdAt, firstResponseAt, firstResponseBusinessSeconds, resolvedAt, resolutionBusinessSeconds, null);
	}

	/**
	 * A member's correction of the triage.
	 *
	 * @param memberId the member, or null when their account is gone
	 * @param by the member's name as shown, or null when their account is gone
	 */
	public record TriageCorrection(java.util.UUID memberId, String by, Instant at) {
	}
}
