package org.rapport.relationships;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.Contacts;
import org.rapport.platform.ContactId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Giving first: recommendations of a contact, introductions between two contacts and shares of a contact's content,
 * recorded so that the team sees who it has given to and who it has only taken from.
 */
@Component
public class Gifts {

	public static final Set<String> KINDS = Set.of("recommendation", "introduction", "share");

	static final int MAX_NOTE = 2000;

	static final int MAX_URL = 2000;

	private static final String SELECT = """
			select g.id, g.kind, g.contact_id, g.other_contact_id, g.url, g.note, g.occurred_at, g.by_name, g.created_at
			from gifts g
			""";

	private final JdbcClient jdbc;
	private final Contacts contacts;

	Gifts(JdbcClient jdbc, Contacts contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	/**
	 * Records a gift.
	 *
	 * @param occurredAt when it happened, {@code null} for now; not in the future
	 * @throws IllegalArgumentException for an unknown kind, an introduction without another contact or to the same
	 *         contact, a share without an http(s) URL, a too long note or a time in the future
	 * @throws NotFoundException when either contact is not in the workspace
	 */
	public Gift record(CurrentUser by, ContactId contact, String kind, ContactId otherContact, String url, String note,
			Instant occurredAt) {
		UUID contactId = contact == null ? null : contact.value();
		UUID otherContactId = otherContact == null ? null : otherContact.value();
		by.requireWorker();
		contacts.get(by.workspaceId(), contact);
		if (kind == null || !KINDS.contains(kind)) {
			throw new IllegalArgumentException("kind must be recommendation, introduction or share; not '" + kind + "'.");
		}
		if (kind.equals("introduction")) {
			if (otherContactId == null) {
				throw new IllegalArgumentException("An introduction needs otherContactId: the contact they were introduced to.");
			}
			if (otherContactId.equals(contactId)) {
				throw new IllegalArgumentException("A contact cannot be introduced to themselves: choose another contact.");
			}
			contacts.get(by.workspaceId(), otherContact);
		}
		else if (otherContactId != null) {
			throw new IllegalArgumentException("otherContactId belongs to introductions only, not to a " + kind + ".");
		}
		String link = url == null ? "" : url.strip();
		if (kind.equals("share") && link.isEmpty()) {
			throw new IllegalArgumentException("A share needs the url of what was shared.");
		}
		if (!link.isEmpty()) {
			checkUrl(link);
		}
		String text = note == null ? "" : note.strip();
		if (text.length() > MAX_NOTE) {
			throw new IllegalArgumentException("A note has at most " + MAX_NOTE + " characters, not " + text.length() + ".");
		}
		Instant at = occurredAt == null ? Instant.now() : occurredAt;
		if (at.isAfter(Instant.now().plusSeconds(300))) {
			throw new IllegalArgumentException("A gift cannot lie in the future (occurredAt " + at + ").");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into gifts(id, workspace_id, contact_id, kind, other_contact_id, url, note, occurred_at, created_by, by_name)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, by.workspaceId(), contactId, kind, otherContactId, link, text, Timestamp.from(at), by.userId(),
					by.displayName() == null ? "" : by.displayName())
			.update();
		return get(by.workspaceId(), id);
	}

	private static void checkUrl(String url) {
		if (url.length() > MAX_URL) {
			throw new IllegalArgumentException("A URL has at most " + MAX_URL + " characters.");
		}
		try {
			URI uri = new URI(url);
			if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
				throw new IllegalArgumentException("'" + url + "' is not an http(s) address.");
			}
		}
		catch (URISyntaxException e) {
			throw new IllegalArgumentException("'" + url + "' is not a valid address: " + e.getReason() + ".");
		}
	}

	public Gift get(UUID workspaceId, UUID id) {
		return named(contacts, workspaceId, jdbc.sql(SELECT + " where g.id = ? and g.workspace_id = ?")
			.params(id, workspaceId)
			.query((rs, n) -> row(rs))
			.list()).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No gift " + id + " in this workspace."));
	}

	/** Everything given to the contact, introductions from either side included, newest first. */
	public List<Gift> of(UUID workspaceId, UUID contactId, int limit) {
		return of(jdbc, contacts, workspaceId, contactId, limit);
	}

	/** The same for {@link GiftTimeline}, which {@link Contacts} needs and so cannot depend on this bean. */
	static List<Gift> of(JdbcClient jdbc, Contacts contacts, UUID workspaceId, UUID contactId, int limit) {
		return named(contacts, workspaceId, jdbc.sql(SELECT + """
				where g.workspace_id = ? and (g.contact_id = ? or g.other_contact_id = ?)
				order by g.occurred_at desc, g.id limit ?""")
			.params(workspaceId, contactId, contactId, limit)
			.query((rs, n) -> row(rs))
			.list());
	}

	/** The gifts with the names of both contacts, asked for all at once; gifts to a contact no longer there are left out. */
	private static List<Gift> named(Contacts contacts, UUID workspaceId, List<Gift> gifts) {
		if (gifts.isEmpty()) {
			return gifts;
		}
		List<UUID> ids = gifts.stream()
			.flatMap(g -> java.util.stream.Stream.of(g.contactId(), g.otherContactId()))
			.filter(java.util.Objects::nonNull)
			.distinct()
			.toList();
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		contacts.all(workspaceId, ContactId.all(ids)).forEach(c -> names.put(c.id(), c.name()));
		return gifts.stream()
			.filter(g -> names.containsKey(g.contactId()))
			.map(g -> new Gift(g.id(), g.kind(), g.contactId(), names.get(g.contactId()), g.otherContactId(),
					g.otherContactId() == null ? null : names.get(g.otherContactId()), g.url(), g.note(), g.occurredAt(),
					g.byName(), g.createdAt()))
			.toList();
	}

	public void delete(CurrentUser by, UUID id) {
		by.requireWorker();
		if (jdbc.sql("delete from gifts where id = ? and workspace_id = ?").params(id, by.workspaceId()).update() == 0) {
			throw new NotFoundException("No gift " + id + " in this workspace.");
		}
	}

	/** A gift as stored, without the contacts' names. */
	static Gift row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Gift(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), null,
				rs.getObject(4, UUID.class), null, rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
				rs.getString(8), rs.getTimestamp(9).toInstant());
	}
}
