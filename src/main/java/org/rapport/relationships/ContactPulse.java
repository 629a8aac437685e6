package org.rapport.relationships;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.inbox.ContactActivity;
import org.rapport.platform.ContactId;
import org.springframework.stereotype.Component;

/**
 * Where the team stands with a contact at a glance, for the top of the contact page ({@code @contactPulse}): when
 * we were last in touch and which conversations wait for us. Asks the inbox's {@link ContactActivity} as
 * {@link Reminders} does for its rhythm, so that "last contact" means the same in both: the newest message or logged
 * activity, notes left out.
 */
@Component("contactPulse")
public class ContactPulse {

	/** How many open conversations the summary names; the rest are counted. */
	static final int NAMED = 3;

	/** An open conversation as the summary links it. */
	public record OpenConversation(UUID id, String subject, Instant lastMessageAt) {
	}

	/**
	 * @param lastContact the newest message or activity with the contact, {@code null} if there was none
	 * @param openCount how many of the contact's conversations are open (waiting for us)
	 * @param open the newest of them, at most three
	 */
	public record Pulse(Instant lastContact, int openCount, List<OpenConversation> open) {
	}

	private final ContactActivity activity;

	ContactPulse(ContactActivity activity) {
		this.activity = activity;
	}

	public Pulse of(UUID workspaceId, UUID contactId) {
		Instant last = activity.lastContact(workspaceId, List.of(ContactId.of(contactId))).get(ContactId.of(contactId));
		ContactActivity.Open open = activity.open(workspaceId, ContactId.of(contactId), NAMED);
		return new Pulse(last, open.count(), open.newest()
			.stream()
			.map(c -> new OpenConversation(c.id(), c.subject(), c.lastMessageAt()))
			.toList());
	}
}
