package org.rapport.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A meeting the team plans with an attendee, and after the event what came of it.
 *
 * @param memberId the team member responsible, if any
 * @param outcome {@code null} until logged, then {@code met} or {@code not_met}
 * @param conversationId the conversation of the offline activity a met meeting was logged as
 */
public record Meeting(UUID id, UUID eventId, UUID contactId, String contactName, Instant at, String place,
		UUID memberId, String memberName, String goal, String outcome, String summary, UUID conversationId,
		Instant loggedAt) {

	public boolean logged() {
		return outcome != null;
	}
}
