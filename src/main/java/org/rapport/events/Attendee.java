package org.rapport.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact attending an event.
 *
 * @param source {@code manual} when added by hand, {@code import} from an attendee list
 */
public record Attendee(UUID id, UUID contactId, String name, String organisation, String role, String source,
		Instant addedAt) {
}
