package org.rapport.relationships;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.rapport.contacts.Contacts;
import org.rapport.contacts.TimelineItem;
import org.rapport.contacts.TimelineSource;
import org.rapport.platform.ContactId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts what we gave a contact on their timeline, as type {@code gift} with the kind as channel; an introduction
 * appears on the timelines of both people, each naming the other. The title is the other person or the shared
 * address; the excerpt repeats it with the note, so the contact page shows both.
 */
@Component
class GiftTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	/** Asked when needed: {@link Contacts} collects the timeline sources, this one among them. */
	private final ObjectProvider<Contacts> contacts;

	GiftTimeline(JdbcClient jdbc, ObjectProvider<Contacts> contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	@Override
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contact, int limit) {
		UUID contactId = contact.value();
		return Gifts.of(jdbc, contacts.getObject(), workspaceId, contactId, limit).stream().map(g -> {
			String title = switch (g.kind()) {
				case "introduction" -> "→ " + g.counterpartNameOf(contactId);
				case "share" -> g.url();
				default -> g.url();
			};
			String excerpt = Stream.of(title, g.note()).filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" · "));
			return new TimelineItem(g.occurredAt(), "gift", g.kind(), "out", title, excerpt, null);
		}).toList();
	}
}
