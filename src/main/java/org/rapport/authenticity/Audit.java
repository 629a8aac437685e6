package org.rapport.authenticity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A follower audit as it stands: how far reading got, and the share of likely bought followers among those read so
 * far (final once {@code status} is {@code done}) with its 95 % Wilson interval.
 *
 * @param channelId the channel whose followers were read, or {@code null} for an audit of a CSV of profiles (or a
 * channel removed since)
 * @param source {@code channel} or {@code csv}
 * @param account what was audited: the channel's name, or the name given with the CSV
 * @param network the network of the followers, where known
 * @param status {@code queued}, {@code running}, {@code done} or {@code failed}
 * @param pausedUntil until when the network asked for a pause, while reading waits for it
 * @param changeSinceLast the comparison with the previous finished audit of the same account, once this one is done
 * @param error why the audit failed, or why the last attempt did (reading then goes on by itself)
 */
public record Audit(UUID id, UUID channelId, String source, String account, String network, String status,
		Progress progress, Instant pausedUntil, Instant createdAt, Instant startedAt, Instant finishedAt, int followers,
		int bought, double share, Confidence confidence, Change changeSinceLast, String error) {

	public static final String QUEUED = "queued";
	public static final String RUNNING = "running";
	public static final String DONE = "done";
	public static final String FAILED = "failed";

	/** Whether the audit still reads followers. */
	public boolean underWay() {
		return QUEUED.equals(status) || RUNNING.equals(status);
	}

	/**
	 * @param done followers read and judged
	 * @param total how many followers the network counts, where it says
	 */
	public record Progress(int done, Long total) {

		/** Done as a share of the total, 0..1, or {@code null} when the total is unknown. */
		public Double fraction() {
			return total == null || total <= 0 ? null : Math.min(1.0, (double) done / total);
		}
	}

	/** The range in which the true share lies with probability {@code level}. */
	public record Confidence(double low, double high, double level) {
	}

	/**
	 * @param shareDelta this audit's share minus the previous one's (0.05 = five points more)
	 * @param followersDelta followers now minus followers then
	 * @param newFollowers followers now who were not among the followers then
	 * @param goneFollowers followers then who are not among the followers now
	 */
	public record Change(UUID previousAuditId, Instant previousFinishedAt, double previousShare, double shareDelta,
			int followersDelta, int newFollowers, int goneFollowers) {
	}

	/** Followers whose accounts were created on one day, and how many of them are likely bought. */
	public record Day(LocalDate day, int count, int bought) {
	}

	/**
	 * One follower with the verdict it was given in the audit.
	 *
	 * @param bought how likely the account was bought, 0..1
	 * @param label the team's own judgement of the account ({@code bought} or {@code genuine}), if it made one
	 * @param profile the profile as it was read, to judge it with {@code POST /api/v1/authenticity/profiles/labels}
	 */
	public record Item(String id, String handle, String name, String network, String verdict, double bought,
			List<Reason> reasons, Boolean bot, String label, @JsonRawValue String profile) {
	}
}
