package org.rapport.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An attendee with how much it matters to meet them at the event, and why.
 *
 * @param stage the contact's relationship stage key
 * @param lastTwoWay when the workspace last answered the contact in a conversation the contact started, if ever
 * @param reasons why the contact ranks where it does, most important first
 */
public record RankedAttendee(UUID contactId, String name, String organisation, String role, String stage, int score,
		Instant lastTwoWay, int openConversations, int messages, List<String> tags, int plannedMeetings,
		List<Reason> reasons) {

	/**
	 * One reason: {@code stage} (value: the stage key, not yet met in person), {@code met_already} (value: the stage
	 * key), {@code two_way} (value: the date of the last reply, ISO), {@code open_conversations} (value: how many),
	 * {@code messages} (value: how many), {@code tags} (value: the tags, comma-separated).
	 */
	public record Reason(String code, String value) {
	}
}
