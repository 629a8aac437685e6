package org.rapport.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fair, congress, conference or meetup the team goes to.
 *
 * @param kind one of {@link Events#KINDS}
 */
public record Event(UUID id, String name, String kind, Instant startsAt, Instant endsAt, String place, String city,
		String website, String notes, Instant createdAt) {

	/** Whether the event is over at {@code now}. */
	public boolean isPast(Instant now) {
		return endsAt.isBefore(now);
	}
}
