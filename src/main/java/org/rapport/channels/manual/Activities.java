package org.rapport.channels.manual;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.CurrentUser;
import org.springframework.stereotype.Component;

/** Logs an offline contact as a conversation on the workspace's {@code offline} channel. */
@Component
public class Activities {

	public static final Set<String> KINDS = Set.of("call", "visit", "letter", "event", "note");

	private final Channels channels;
	private final Ingestion ingestion;
	private final Contacts contacts;

	Activities(Channels channels, Ingestion ingestion, Contacts contacts) {
		this.channels = channels;
		this.ingestion = ingestion;
		this.contacts = contacts;
	}

	/**
	 * @param contactId a known contact, or null when {@code fromHandle} names the person
	 * @param fromHandle an email address, phone number or other handle of the person
	 */
	public record Logged(UUID messageId, UUID conversationId, UUID contactId) {
	}

	public Logged log(CurrentUser user, UUID contactId, String fromHandle, String fromName, String kind,
			String direction, String summary, Instant occurredAt) {
		user.requireWorker();
		if (kind == null || !KINDS.contains(kind)) {
			throw new IllegalArgumentException("kind must be one of call, visit, letter, event, note; not '" + kind + "'.");
		}
		if (!"in".equals(direction) && !"out".equals(direction)) {
			throw new IllegalArgumentException("direction must be 'in' or 'out', not '" + direction + "'.");
		}
		if (summary == null || summary.isBlank()) {
			throw new IllegalArgumentException("An activity needs a summary of what was said.");
		}
		if (summary.length() > 20_000) {
			throw new IllegalArgumentException("The summary has " + summary.length() + " characters; at most 20000 are allowed.");
		}
		if (occurredAt != null && occurredAt.isAfter(Instant.now().plusSeconds(300))) {
			throw new IllegalArgumentException("An activity cannot lie in the future (occurredAt " + occurredAt + ").");
		}
		IdentityClaim from = null;
		if (contactId != null) {
			contacts.get(user.workspaceId(), ContactId.of(contactId));
		}
		else if (fromHandle != null && !fromHandle.isBlank()) {
			from = new IdentityClaim(kindOf(fromHandle), fromHandle, fromName);
			from = from.normalised();
		}
		else {
			throw new IllegalArgumentException("Say who it was: a contactId, or from.handle (email, phone or handle).");
		}
		Channel offline = channels.byKey(user.workspaceId(), "offline").orElseThrow();
		String id = "activity:" + UUID.randomUUID();
		InboundMessage message = new InboundMessage(id, id, List.of(), from, contactId, subject(kind, summary),
				summary, false, occurredAt, direction, "activity", kind, List.of(), Map.of("loggedBy", user.displayName()));
		Ingestion.Result result = ingestion.ingest(offline, List.of(message));
		UUID conversation = result.conversationIds().get(id);
		if (conversation == null) {
			throw new IllegalArgumentException("This person asked for their data to be erased; Rapport does not store new "
					+ "contacts with them.");
		}
		return new Logged(result.messageIds().get(id), conversation, result.contactIds().get(id));
	}

	static String kindOf(String handle) {
		if (Identities.isEmail(handle)) {
			return IdentityKind.EMAIL;
		}
		if (Identities.looksLikePhone(handle)) {
			return IdentityKind.PHONE;
		}
		return IdentityKind.handle("offline");
	}

	private static String subject(String kind, String summary) {
		String firstLine = summary.strip().lines().findFirst().orElse("");
		return firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine;
	}
}
