package org.rapport.relationships;

import java.time.Instant;
import java.util.UUID;

/**
 * A reminder to get in touch with a contact.
 *
 * @param dueAt when it is due: the fixed time of a one-off reminder, or for "every N weeks" N weeks after the last
 *        message or activity with the contact (or after it was created or last marked done, whichever is later)
 * @param everyWeeks the rhythm of a "stay in touch" reminder, {@code null} for a one-off
 * @param assigneeId who is reminded; {@code null} means the member who created it
 * @param due whether {@code dueAt} has passed and it is not done
 * @param mailedAt when the last reminder mail went out, if any
 * @param mailError why the last mail could not be sent, if it failed
 */
public record Reminder(UUID id, UUID contactId, String contactName, String note, Instant dueAt, Integer everyWeeks,
		UUID assigneeId, String assigneeName, UUID createdBy, Instant createdAt, Instant doneAt, boolean due,
		Instant mailedAt, String mailError) {

	public boolean recurring() {
		return everyWeeks != null;
	}
}
