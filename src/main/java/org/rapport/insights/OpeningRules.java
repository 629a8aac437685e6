package org.rapport.insights;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.rapport.inbox.ConversationStatusChanged;
import org.rapport.inbox.InboxHistory.ConversationHistory;
import org.rapport.inbox.MessagesStored.Stored;
import org.rapport.platform.BusinessHours;

/**
 * Cuts a conversation's history into openings and measures each, as {@code docs/metrics.md} defines. A pure
 * function of the history: the live figures and a rebuild give the same rows.
 */
final class OpeningRules {

	private OpeningRules() {
	}

	/** A clock for business time: the workspace's hours in its zone, less its holidays. */
	interface BusinessClock {

		Duration between(Instant from, Instant to);

		static BusinessClock of(BusinessHours hours, ZoneId zone) {
			return (from, to) -> hours.between(from, to, zone);
		}
	}

	private sealed interface Step permits MessageStep, StatusStep {

		Instant at();

		int order();

		UUID id();
	}

	private record MessageStep(Stored message) implements Step {

		public Instant at() {
			return message.at();
		}

		/** At the same instant, what they wrote comes before our answer. */
		public int order() {
			return message.inbound() ? 0 : 1;
		}

		public UUID id() {
			return message.messageId();
		}
	}

	private record StatusStep(ConversationStatusChanged change) implements Step {

		public Instant at() {
			return change.at();
		}

		public int order() {
			return 2;
		}

		public UUID id() {
			return change.conversationId();
		}
	}

	static List<Opening> openings(UUID workspaceId, ConversationHistory history, BusinessClock clock) {
		List<Step> steps = new ArrayList<>();
		history.messages().stream().filter(m -> !"note".equals(m.kind())).map(MessageStep::new).forEach(steps::add);
		history.statusChanges().stream().map(StatusStep::new).forEach(steps::add);
		steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order).thenComparing(Step::id));
		List<Opening> openings = new ArrayList<>();
		Draft current = null;
		for (Step step : steps) {
			if (step instanceof StatusStep status) {
				if (current != null) {
					current.resolvedAt = status.change().done() ? status.at() : null;
				}
				continue;
			}
			Stored m = ((MessageStep) step).message();
			if (current == null || (current.resolvedAt != null && m.inbound())) {
				if (current != null) {
					openings.add(current.finish(clock));
				}
				current = new Draft(workspaceId, history.conversationId(), openings.size(), m);
			}
			current.add(m);
		}
		if (current != null) {
			openings.add(current.finish(clock));
		}
		return openings;
	}

	private static final class Draft {

		final UUID workspaceId;
		final UUID conversationId;
		final int seq;
		final UUID channelId;
		final UUID contactId;
		final Instant openedAt;
		Instant waitingSince;
		Instant answeredAt;
		UUID answeredBy;
		Instant resolvedAt;
		int inbound;
		int replies;
		int turns;
		Boolean lastInbound;

		Draft(UUID workspaceId, UUID conversationId, int seq, Stored first) {
			this.workspaceId = workspaceId;
			this.conversationId = conversationId;
			this.seq = seq;
			this.channelId = first.channelId();
			this.contactId = first.contactId();
			this.openedAt = first.at();
		}

		void add(Stored m) {
			if (m.inbound()) {
				inbound++;
				if (m.waitsForAnswer() && waitingSince == null) {
					waitingSince = m.at();
				}
			}
			else if (m.answers()) {
				replies++;
				if (waitingSince != null && answeredAt == null) {
					answeredAt = m.at();
					answeredBy = m.authorId();
				}
			}
			else {
				return;
			}
			if (lastInbound == null || lastInbound != m.inbound()) {
				turns++;
				lastInbound = m.inbound();
			}
		}

		Opening finish(BusinessClock clock) {
			Long response = answeredAt == null ? null : Duration.between(waitingSince, answeredAt).toSeconds();
			Long responseBusiness = answeredAt == null ? null : clock.between(waitingSince, answeredAt).toSeconds();
			Long resolution = resolvedAt == null ? null : Duration.between(openedAt, resolvedAt).toSeconds();
			Long resolutionBusiness = resolvedAt == null ? null : clock.between(openedAt, resolvedAt).toSeconds();
			return new Opening(workspaceId, conversationId, seq, channelId, contactId, openedAt, waitingSince != null,
					waitingSince, answeredAt, answeredBy, response, responseBusiness, resolvedAt, resolution,
					resolutionBusiness, inbound, replies, turns);
		}
	}
}
