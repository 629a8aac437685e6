package org.rapport.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.platform.ContactId;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations the workspace deals with (partner organisations, companies, authorities, press, …) and the contacts
 * who hold a role in them. A contact has at most one role per organisation; linking again changes the role.
 */
@Component("organisations")
public class Organisations {

	/** The kinds of organisation, in the order the UI offers them. */
	public static final List<String> KINDS = List.of("partner", "company", "authority", "press", "association",
			"education", "other");

	/** An organisation; {@code members} counts current and past roles. */
	public record Organisation(UUID id, String name, String kind, String website, String notes, Instant createdAt,
			int members) {
	}

	/** A contact's role in an organisation. {@code since} and {@code until} are optional. */
	public record Role(UUID organisationId, String organisationName, String organisationKind, UUID contactId,
			String contactName, String role, LocalDate since, LocalDate until) {

		/** Whether the role holds today (it has no end, or ends today or later). */
		public boolean current() {
			return until == null || !until.isBefore(LocalDate.now());
		}
	}

	/** A conversation of one of the organisation's people, for the organisation page. */
	public record Conversation(UUID id, String subject, String status, String channelKind, Instant lastMessageAt,
			UUID contactId, String contactName) {
	}

	private static final String SELECT = """
			select o.id, o.name, o.kind, o.website, o.notes, o.created_at,
			  (select count(*) from organisation_members m where m.organisation_id = o.id and m.held_for is null)
			from organisations o""";

	private final JdbcClient jdbc;
	private final ContactConversations conversations;
	private final ChannelDirectory channels;

	Organisations(JdbcClient jdbc, ContactConversations conversations, ChannelDirectory channels) {
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.channels = channels;
	}

	/** Organisations whose name contains the text (all when blank), optionally of one kind, by name. */
	public List<Organisation> list(UUID workspaceId, String text, String kind) {
		String pattern = "%" + (text == null ? "" : text.strip().toLowerCase().replace("%", "\\%").replace("_", "\\_")) + "%";
		return jdbc.sql(SELECT + " where o.workspace_id = ? and lower(o.name) like ? and (? = '' or o.kind = ?)"
				+ " order by lower(o.name), o.id")
			.params(workspaceId, pattern, kind == null ? "" : kind, kind == null ? "" : kind)
			.query((rs, n) -> organisation(rs))
			.list();
	}

	public Optional<Organisation> find(UUID workspaceId, UUID id) {
		return jdbc.sql(SELECT + " where o.workspace_id = ? and o.id = ?").params(workspaceId, id)
			.query((rs, n) -> organisation(rs))
			.optional();
	}

	public Organisation get(UUID workspaceId, UUID id) {
		return find(workspaceId, id).orElseThrow(() -> new NotFoundException("No organisation " + id + " in this workspace."));
	}

	private static Organisation organisation(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Organisation(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7));
	}

	@Transactional
	public Organisation create(UUID workspaceId, String name, String kind, String website, String notes) {
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into organisations(id, workspace_id, name, kind, website, notes) values (?, ?, ?, ?, ?, ?)")
			.params(id, workspaceId, name(name), kind(kind), website(website), notes(notes))
			.update();
		return get(workspaceId, id);
	}

	/** Changes the given fields; {@code null} keeps a field as it is. */
	@Transactional
	public Organisation update(UUID workspaceId, UUID id, String name, String kind, String website, String notes) {
		Organisation current = get(workspaceId, id);
		jdbc.sql("update organisations set name = ?, kind = ?, website = ?, notes = ?, updated_at = now() where id = ? and workspace_id = ?")
			.params(name == null ? current.name() : name(name), kind == null ? current.kind() : kind(kind),
					website == null ? current.website() : website(website), notes == null ? current.notes() : notes(notes),
					id, workspaceId)
			.update();
		return get(workspaceId, id);
	}

	/** What a deletion removed, enough to {@link #restore} it. */
	public record Removed(UUID id, String name, String kind, String website, String notes, List<Member> members) {
	}

	/** A role as kept for a restore; dates as {@code YYYY-MM-DD} or {@code null}. */
	public record Member(UUID contactId, String role, String since, String until) {
	}

	/** Deletes the organisation with every role in it; the contacts stay. Returns what went, for an undo. */
	@Transactional
	public Removed delete(UUID workspaceId, UUID id) {
		Organisation o = get(workspaceId, id);
		List<Member> members = membersOf(workspaceId, id).stream()
			.map(r -> new Member(r.contactId(), r.role(), r.since() == null ? null : r.since().toString(),
					r.until() == null ? null : r.until().toString()))
			.toList();
		jdbc.sql("delete from organisations where id = ? and workspace_id = ?").params(id, workspaceId).update();
		return new Removed(o.id(), o.name(), o.kind(), o.website(), o.notes(), members);
	}

	/**
	 * Puts a deleted organisation back with its id and the roles of those of its people who still exist.
	 *
	 * @throws IllegalStateException when an organisation with that id exists (again)
	 */
	@Transactional
	public Organisation restore(UUID workspaceId, Removed removed) {
		int inserted = jdbc.sql("""
				insert into organisations(id, workspace_id, name, kind, website, notes) values (?, ?, ?, ?, ?, ?)
				on conflict (id) do nothing""")
			.params(removed.id(), workspaceId, name(removed.name()), kind(removed.kind()), website(removed.website()),
					notes(removed.notes()))
			.update();
		if (inserted == 0) {
			throw new IllegalStateException("The organisation " + removed.id() + " exists already.");
		}
		for (Member m : removed.members() == null ? List.<Member>of() : removed.members()) {
			boolean exists = jdbc.sql("select count(*) from contacts where id = ? and workspace_id = ?")
				.params(m.contactId(), workspaceId).query(Integer.class).single() > 0;
			if (exists) {
				link(workspaceId, removed.id(), ContactId.of(m.contactId()), m.role(), m.since() == null ? null : LocalDate.parse(m.since()),
						m.until() == null ? null : LocalDate.parse(m.until()));
			}
		}
		return get(workspaceId, removed.id());
	}

	/**
	 * Gives the contact a role in the organisation, or changes the role it has there.
	 *
	 * @throws IllegalArgumentException when the role is longer than 120 characters or ends before it begins
	 * @throws NotFoundException when the organisation or the contact is not in the workspace
	 */
	@Transactional
	public Role link(UUID workspaceId, UUID organisationId, ContactId contact, String role, LocalDate since, LocalDate until) {
		UUID contactId = contact == null ? null : contact.value();
		get(workspaceId, organisationId);
		if (contactId == null) {
			throw new IllegalArgumentException("Linking a contact needs contactId.");
		}
		boolean contactExists = jdbc.sql("select count(*) from contacts where id = ? and workspace_id = ?")
			.params(contactId, workspaceId).query(Integer.class).single() > 0;
		if (!contactExists) {
			throw new NotFoundException("No contact " + contactId + " in this workspace.");
		}
		String title = role == null ? "" : role.strip();
		if (title.length() > 120) {
			throw new IllegalArgumentException("A role has at most 120 characters.");
		}
		if (since != null && until != null && until.isBefore(since)) {
			throw new IllegalArgumentException("A role cannot end (" + until + ") before it begins (" + since + ").");
		}
		jdbc.sql("""
				insert into organisation_members(id, workspace_id, organisation_id, contact_id, role, since, until)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict (organisation_id, contact_id) where held_for is null
				do update set role = excluded.role, since = excluded.since, until = excluded.until""")
			.params(UUID.randomUUID(), workspaceId, organisationId, contactId, title, since, until)
			.update();
		return membersOf(workspaceId, organisationId).stream().filter(r -> r.contactId().equals(contactId)).findFirst()
			.orElseThrow();
	}

	/** Removes the contact's role in the organisation. */
	public void unlink(UUID workspaceId, UUID organisationId, UUID contactId) {
		get(workspaceId, organisationId);
		int removed = jdbc.sql("""
				delete from organisation_members where organisation_id = ? and contact_id = ? and workspace_id = ?
				  and held_for is null""")
			.params(organisationId, contactId, workspaceId)
			.update();
		if (removed == 0) {
			throw new NotFoundException("Contact " + contactId + " has no role in organisation " + organisationId + ".");
		}
	}

	private static final String ROLES = """
			select o.id, o.name, o.kind, c.id, c.name, m.role, m.since, m.until
			from organisation_members m join organisations o on o.id = m.organisation_id join contacts c on c.id = m.contact_id
			where m.workspace_id = ? and m.held_for is null""";

	/** The people of an organisation with their roles, current ones first, then by name. */
	public List<Role> membersOf(UUID workspaceId, UUID organisationId) {
		return jdbc.sql(ROLES + " and m.organisation_id = ? order by (m.until is not null and m.until < current_date), lower(c.name), c.id")
			.params(workspaceId, organisationId)
			.query((rs, n) -> role(rs))
			.list();
	}

	/** The organisations a contact has a role in, by organisation name. */
	public List<Role> ofContact(UUID workspaceId, UUID contactId) {
		return jdbc.sql(ROLES + " and m.contact_id = ? order by lower(o.name), o.id")
			.params(workspaceId, contactId)
			.query((rs, n) -> role(rs))
			.list();
	}

	private static Role role(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Role(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
				rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class));
	}

	/**
	 * The newest conversations and logged activities of the organisation's people, at most {@code limit}: the
	 * people from this module, their conversations from the inbox and the channels' kinds from the channels, one
	 * query each.
	 */
	public List<Conversation> recentConversations(UUID workspaceId, UUID organisationId, int limit) {
		List<UUID> people = jdbc.sql("select distinct m.contact_id from organisation_members m where m.organisation_id = ? and m.held_for is null")
			.param(organisationId)
			.query(UUID.class)
			.list();
		List<ContactConversations.Summary> newest = conversations.newest(workspaceId,
				people.stream().map(ContactId::of).toList(), limit);
		if (newest.isEmpty()) {
			return List.of();
		}
		Map<ChannelId, String> kinds = new HashMap<>();
		for (ChannelDirectory.Entry channel : channels.of(workspaceId)) {
			kinds.put(channel.id(), channel.kind());
		}
		Map<ContactId, String> names = new HashMap<>();
		jdbc.sql("select id, name from contacts where id = any(?)")
			.param(ContactId.values(newest.stream().map(ContactConversations.Summary::contactId).toList()))
			.query(rs -> {
				names.put(ContactId.of(rs.getObject(1, UUID.class)), rs.getString(2));
			});
		return newest.stream()
			.filter(c -> kinds.containsKey(c.channelId()) && names.containsKey(c.contactId()))
			.map(c -> new Conversation(c.id().value(), c.subject(), c.status(), kinds.get(c.channelId()),
					c.lastMessageAt(), c.contactId().value(), names.get(c.contactId())))
			.toList();
	}

	private static String name(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("An organisation needs a name.");
		}
		if (name.strip().length() > 200) {
			throw new IllegalArgumentException("An organisation's name has at most 200 characters.");
		}
		return name.strip();
	}

	/** The kind's key; throws with the list of kinds when unknown. */
	public static String kind(String kind) {
		String k = kind == null || kind.isBlank() ? "other" : kind.strip();
		if (!KINDS.contains(k)) {
			throw new IllegalArgumentException("Unknown organisation kind '" + k + "'; the kinds are " + String.join(", ", KINDS) + ".");
		}
		return k;
	}

	private static final Set<String> SCHEMES = Set.of("http", "https");

	private static String website(String website) {
		String w = website == null ? "" : website.strip();
		if (w.isEmpty()) {
			return w;
		}
		if (!w.contains("://")) {
			w = "https://" + w;
		}
		try {
			java.net.URI uri = new java.net.URI(w);
			if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
				throw new IllegalArgumentException("The website '" + website + "' is not an http(s) address.");
			}
		}
		catch (java.net.URISyntaxException e) {
			throw new IllegalArgumentException("The website '" + website + "' is not an address.");
		}
		if (w.length() > 500) {
			throw new IllegalArgumentException("A website address has at most 500 characters.");
		}
		return w;
	}

	private static String notes(String notes) {
		String n = notes == null ? "" : notes;
		if (n.length() > 10_000) {
			throw new IllegalArgumentException("Notes have at most 10,000 characters.");
		}
		return n;
	}
}
