package org.rapport.contacts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contacts of a workspace. Identities are matched exactly after normalisation; nothing merges on fuzzy
 * evidence.
 */
@Component
public class Contacts {

	/** The longest name of a contact, in characters: longer ones are refused when entered, shortened when received. */
	public static final int MAX_NAME = 200;

	/**
	 * The most identities a contact may be given by hand, through the API or in an import. A merge keeps all
	 * identities of both contacts, so a merged contact may have more.
	 */
	public static final int MAX_IDENTITIES = 50;

	private final JdbcClient jdbc;
	private final List<TimelineSource> timelineSources;
	private final ErasureBlocks blocks;
	private final PublicProfiles profiles;

	Contacts(JdbcClient jdbc, List<TimelineSource> timelineSources, ErasureBlocks blocks, PublicProfiles profiles) {
		this.jdbc = jdbc;
		this.timelineSources = timelineSources;
		this.blocks = blocks;
		this.profiles = profiles;
	}

	/**
	 * Finds the contact for each claim, creating a contact for each identity seen for the first time. Claims must
	 * be normalised. Runs in the caller's transaction; safe against concurrent callers creating the same identity.
	 * An identifier on the {@link ErasureBlocks erasure block list} gets no contact: its claim maps to {@code null},
	 * and callers drop what it sent. The public profiles the claims carry are stored with their identities.
	 */
	@Transactional
	public Map<IdentityClaim, UUID> resolve(UUID workspaceId, Collection<IdentityClaim> claims) {
		Map<String, IdentityClaim> byKey = new LinkedHashMap<>();
		for (IdentityClaim claim : claims) {
			byKey.putIfAbsent(key(claim.kind(), claim.value()), claim);
		}
		Map<IdentityClaim, UUID> result = new HashMap<>();
		Map<String, UUID> found = lookup(workspaceId, byKey.values());
		List<IdentityClaim> missing = new ArrayList<>();
		for (var entry : byKey.entrySet()) {
			UUID contact = found.get(entry.getKey());
			if (contact != null) {
				result.put(entry.getValue(), contact);
			}
			else {
				missing.add(entry.getValue());
			}
		}
		if (!missing.isEmpty()) {
			missing.removeAll(blocks.blocked(workspaceId, missing));
		}
		if (!missing.isEmpty()) {
			// Sorted, so that concurrent batches insert the same new identities in the same order.
			missing.sort(java.util.Comparator.comparing(IdentityClaim::kind).thenComparing(IdentityClaim::value));
			createFor(workspaceId, missing, result);
		}
		Map<IdentityClaim, UUID> all = new HashMap<>();
		for (IdentityClaim claim : claims) {
			all.put(claim, result.get(byKey.get(key(claim.kind(), claim.value()))));
		}
		profiles.record(workspaceId, claims, java.time.Instant.now());
		return all;
	}

	/**
	 * The contacts that own the claimed identities already, for modules that match people to contacts without
	 * creating any (an attendee list, say). Claims must be normalised; claims nobody owns are left out. One query,
	 * however many claims.
	 */
	public Map<IdentityClaim, UUID> owners(UUID workspaceId, Collection<IdentityClaim> claims) {
		Map<IdentityClaim, UUID> owners = new HashMap<>();
		if (claims.isEmpty()) {
			return owners;
		}
		Map<String, UUID> found = lookup(workspaceId, claims);
		for (IdentityClaim claim : claims) {
			UUID contact = found.get(key(claim.kind(), claim.value()));
			if (contact != null) {
				owners.put(claim, contact);
			}
		}
		return owners;
	}

	private void createFor(UUID workspaceId, List<IdentityClaim> missing, Map<IdentityClaim, UUID> result) {
		int n = missing.size();
		UUID[] contactIds = new UUID[n];
		UUID[] identityIds = new UUID[n];
		String[] names = new String[n];
		String[] kinds = new String[n];
		String[] values = new String[n];
		for (int i = 0; i < n; i++) {
			IdentityClaim claim = missing.get(i);
			contactIds[i] = UUID.randomUUID();
			identityIds[i] = UUID.randomUUID();
			names[i] = shortened(claim.name() == null || claim.name().isBlank() ? claim.value() : claim.name().strip());
			kinds[i] = claim.kind();
			values[i] = claim.value();
		}
		jdbc.sql("insert into contacts(id, workspace_id, name) select unnest(?::uuid[]), ?, unnest(?::text[])")
			.params(contactIds, workspaceId, names)
			.update();
		List<String> inserted = jdbc.sql("""
				insert into identities(id, workspace_id, contact_id, kind, value)
				select unnest(?::uuid[]), ?, unnest(?::uuid[]), unnest(?::text[]), unnest(?::text[])
				on conflict (workspace_id, kind, value) do nothing
				returning kind || ':' || value""")
			.params(identityIds, workspaceId, contactIds, kinds, values)
			.query(String.class)
			.list();
		var insertedKeys = new java.util.HashSet<>(inserted);
		List<UUID> orphans = new ArrayList<>();
		List<IdentityClaim> lost = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (insertedKeys.contains(key(kinds[i], values[i]))) {
				result.put(missing.get(i), contactIds[i]);
			}
			else {
				orphans.add(contactIds[i]);
				lost.add(missing.get(i));
			}
		}
		if (!orphans.isEmpty()) {
			// Another transaction created these identities meanwhile: use its contacts, drop ours.
			jdbc.sql("delete from contacts where id = any(?::uuid[])").param(orphans.toArray(UUID[]::new)).update();
			Map<String, UUID> now = lookup(workspaceId, lost);
			for (IdentityClaim claim : lost) {
				result.put(claim, now.get(key(claim.kind(), claim.value())));
			}
		}
	}

	private Map<String, UUID> lookup(UUID workspaceId, Collection<IdentityClaim> claims) {
		String[] kinds = claims.stream().map(IdentityClaim::kind).toArray(String[]::new);
		String[] values = claims.stream().map(IdentityClaim::value).toArray(String[]::new);
		Map<String, UUID> found = new HashMap<>();
		jdbc.sql("""
				select i.kind, i.value, i.contact_id from identities i
				join unnest(?::text[], ?::text[]) as c(kind, value) on i.kind = c.kind and i.value = c.value
				where i.workspace_id = ?""")
			.params(kinds, values, workspaceId)
			.query(rs -> {
				found.put(key(rs.getString(1), rs.getString(2)), rs.getObject(3, UUID.class));
			});
		return found;
	}

	private static String key(String kind, String value) {
		return kind + ":" + value;
	}

	/** A name that came with a message, cut to {@link #MAX_NAME} characters (not inside a surrogate pair). */
	static String shortened(String name) {
		if (name.length() <= MAX_NAME) {
			return name;
		}
		int end = Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
		return name.substring(0, end).strip();
	}

	/** Refuses a name that is empty or longer than {@link #MAX_NAME}, naming the field {@code name}. */
	static String requireName(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidFieldException("name", "A contact needs a name.");
		}
		String stripped = name.strip();
		if (stripped.length() > MAX_NAME) {
			throw new InvalidFieldException("name", "A contact's name may have at most " + MAX_NAME + " characters, not "
					+ stripped.length() + ".");
		}
		return stripped;
	}

	/** Creates a contact by hand, with optional identities (at most {@link #MAX_IDENTITIES}). */
	@Transactional
	public Contact create(UUID workspaceId, String name, List<IdentityClaim> identities) {
		name = requireName(name);
		if (identities.size() > MAX_IDENTITIES) {
			throw tooManyIdentities();
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into contacts(id, workspace_id, name) values (?, ?, ?)").params(id, workspaceId, name)
			.update();
		for (IdentityClaim claim : identities) {
			addIdentity(workspaceId, id, claim.kind(), claim.value());
		}
		profiles.record(workspaceId, identities.stream().map(IdentityClaim::normalised).toList(), java.time.Instant.now());
		return get(workspaceId, id);
	}

	public Optional<Contact> find(UUID workspaceId, UUID id) {
		return jdbc.sql("select id, name, note, created_at from contacts where id = ? and workspace_id = ?")
			.params(id, workspaceId)
			.query((rs, n) -> new Contact(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), identitiesOf(id)))
			.optional();
	}

	/**
	 * When the contacts' network accounts were created, where their public profiles tell it (per contact the youngest
	 * account); the others are not in the answer.
	 */
	public Map<ContactId, java.time.Instant> accountsCreated(UUID workspaceId, Collection<ContactId> contacts) {
		Collection<UUID> contactIds = contacts.stream().map(ContactId::value).toList();
		return profiles.accountsCreated(workspaceId, contactIds);
	}

	/** A contact of the workspace, for another module. */
	public Contact get(UUID workspaceId, ContactId id) {
		return get(workspaceId, id == null ? null : id.value());
	}

	/** A contact of the workspace, if there is one, for another module. */
	public Optional<Contact> find(UUID workspaceId, ContactId id) {
		return find(workspaceId, id == null ? null : id.value());
	}

	public Contact get(UUID workspaceId, UUID id) {
		return find(workspaceId, id).orElseThrow(() -> new NotFoundException("No contact " + id + " in this workspace."));
	}

	/** A contact's identities, each with its public profile where a network told one. */
	private List<Contact.Identity> identitiesOf(UUID contactId) {
		java.util.Map<UUID, PublicProfile> shown = profiles.ofIdentities(contactId);
		return jdbc.sql("select id, kind, value from identities where contact_id = ? order by kind, created_at")
			.param(contactId)
			.query((rs, n) -> {
				UUID id = rs.getObject(1, UUID.class);
				return new Contact.Identity(id, rs.getString(2), rs.getString(3), shown.get(id));
			})
			.list();
	}

	/** Contacts whose name or any identity contains the text, by name. */
	public List<Contact> search(UUID workspaceId, String text, int limit, int offset) {
		String pattern = "%" + (text == null ? "" : text.strip().toLowerCase().replace("%", "\\%").replace("_", "\\_")) + "%";
		record Row(UUID id, String name, String note, java.time.Instant createdAt) {
		}
		List<Row> rows = jdbc.sql("""
				select c.id, c.name, c.note, c.created_at from contacts c where c.workspace_id = ? and (lower(c.name) like ?
				  or exists (select 1 from identities i where i.contact_id = c.id and i.value like ?))
				order by lower(c.name), c.id limit ? offset ?""")
			.params(workspaceId, pattern, pattern, limit, offset)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
		// One query for the identities of the whole page, not one per contact.
		Map<UUID, List<Contact.Identity>> identities = new HashMap<>();
		jdbc.sql("select contact_id, id, kind, value from identities where contact_id = any(?::uuid[]) order by kind, created_at")
			.param(rows.stream().map(Row::id).toArray(UUID[]::new))
			.query(rs -> {
				identities.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new Contact.Identity(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)));
			});
		return rows.stream()
			.map(r -> new Contact(r.id(), r.name(), r.note(), r.createdAt(), identities.getOrDefault(r.id(), List.of())))
			.toList();
	}

	/**
	 * The websites among the contacts' identities in the workspace, per contact: http(s) addresses with a host, in
	 * lower case and without trailing slashes. For modules that find out whose site a link comes from.
	 */
	public Map<ContactId, Set<String>> websites(UUID workspaceId) {
		Map<ContactId, Set<String>> sites = new HashMap<>();
		jdbc.sql("""
				select distinct contact_id, rtrim(lower(value), '/') from identities
				where workspace_id = ? and value ~* '^https?://[^/]+'""")
			.param(workspaceId)
			.query(rs -> {
				sites.computeIfAbsent(new ContactId(rs.getObject(1, UUID.class)), k -> new java.util.HashSet<>())
					.add(rs.getString(2));
			});
		return sites;
	}

	/** The workspace's contacts with these ids, in the order given, with their identities, in two queries. */
	public List<Contact> all(UUID workspaceId, Collection<ContactId> contacts) {
		List<UUID> ids = contacts.stream().map(ContactId::value).toList();
		UUID[] array = ids.toArray(UUID[]::new);
		Map<UUID, Contact> byId = new HashMap<>();
		Map<UUID, List<Contact.Identity>> identities = new HashMap<>();
		jdbc.sql("select contact_id, id, kind, value from identities where contact_id = any(?::uuid[]) order by kind, created_at")
			.param(array)
			.query(rs -> {
				identities.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
					.add(new Contact.Identity(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)));
			});
		jdbc.sql("select id, name, note, created_at from contacts where workspace_id = ? and id = any(?::uuid[])")
			.params(workspaceId, array)
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				byId.put(id, new Contact(id, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
						identities.getOrDefault(id, List.of())));
			});
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/**
	 * A contact as a list line shows it: the name, and the first identity (by kind, then the oldest) as the handle,
	 * null for a contact without identities.
	 */
	public record NameAndHandle(UUID id, String name, String handle) {
	}

	/**
	 * The name and handle of each of the workspace's contacts with these ids, in one query; ids of no contact of the
	 * workspace are not in the answer.
	 */
	public Map<ContactId, NameAndHandle> namesAndHandles(UUID workspaceId, Collection<ContactId> contacts) {
		Collection<UUID> ids = contacts.stream().map(ContactId::value).toList();
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<ContactId, NameAndHandle> found = new HashMap<>();
		jdbc.sql("""
				select c.id, c.name,
				  (select i.value from identities i where i.contact_id = c.id order by i.kind, i.created_at limit 1)
				from contacts c where c.workspace_id = ? and c.id = any(?::uuid[])""")
			.params(workspaceId, ids.stream().distinct().toArray(UUID[]::new))
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				found.put(new ContactId(id), new NameAndHandle(id, rs.getString(2), rs.getString(3)));
			});
		return found;
	}

	/**
	 * The contact an identity belongs to, matched exactly as stored: the claim must be normalised (an identity is
	 * unique in its workspace, so there is at most one).
	 */
	public Optional<UUID> withIdentity(UUID workspaceId, IdentityClaim claim) {
		return jdbc.sql("select contact_id from identities where workspace_id = ? and kind = ? and value = ?")
			.params(workspaceId, claim.kind(), claim.value())
			.query(UUID.class)
			.optional();
	}

	public Contact update(UUID workspaceId, ContactId contact, String name, String note) {
		UUID id = contact == null ? null : contact.value();
		name = requireName(name);
		int changed = jdbc.sql("update contacts set name = ?, note = ?, updated_at = now() where id = ? and workspace_id = ?")
			.params(name, note == null ? "" : note, id, workspaceId)
			.update();
		if (changed == 0) {
			throw new NotFoundException("No contact " + id + " in this workspace.");
		}
		return get(workspaceId, id);
	}

	/**
	 * Adds an identity that a person entered; refuses one that already belongs to another contact (that would be a
	 * merge), one of an unknown kind, an email address beyond RFC 5321's limits, and a new one beyond
	 * {@link #MAX_IDENTITIES}.
	 */
	public Contact addIdentity(UUID workspaceId, UUID contactId, String kind, String value) {
		Contact contact = get(workspaceId, contactId);
		String normalised = Identities.normaliseEntered(kind, value);
		Optional<UUID> owner = jdbc.sql("select contact_id from identities where workspace_id = ? and kind = ? and value = ?")
			.params(workspaceId, kind, normalised)
			.query(UUID.class)
			.optional();
		if (owner.isPresent() && !owner.get().equals(contactId)) {
			throw new IllegalStateException("'" + normalised + "' already belongs to another contact.");
		}
		if (owner.isEmpty()) {
			if (contact.identities().size() >= MAX_IDENTITIES) {
				throw tooManyIdentities();
			}
			jdbc.sql("insert into identities(id, workspace_id, contact_id, kind, value) values (?, ?, ?, ?, ?)")
				.params(UUID.randomUUID(), workspaceId, contactId, kind, normalised)
				.update();
		}
		return get(workspaceId, contactId);
	}

	private static InvalidFieldException tooManyIdentities() {
		return new InvalidFieldException("identities", "A contact may have at most " + MAX_IDENTITIES + " identities.");
	}

	/** Removes an identity of the contact; throws {@link NotFoundException} when the contact has no such identity. */
	public void removeIdentity(UUID workspaceId, UUID contactId, UUID identityId) {
		int removed = jdbc.sql("delete from identities where id = ? and contact_id = ? and workspace_id = ?")
			.params(identityId, contactId, workspaceId)
			.update();
		if (removed == 0) {
			throw new NotFoundException("No identity " + identityId + " on contact " + contactId + " in this workspace.");
		}
	}

	/** Everything that happened with a contact on every channel, newest first. */
	public List<TimelineItem> timeline(UUID workspaceId, ContactId contact, int limit) {
		return timeline(workspaceId, contact, limit, null).items();
	}

	/**
	 * A page of a contact's timeline: the newest items before {@code before} (all when null), newest first.
	 *
	 * @param next the {@code before} of the next older page, or null when there is nothing older
	 */
	public record TimelinePage(List<TimelineItem> items, java.time.Instant next) {
	}

	/**
	 * A page of at most {@code limit} items that happened strictly before {@code before}. Items that share the time
	 * of the page's last item stay on the same page (it may then hold a few more than {@code limit}), so that paging
	 * by time never skips any.
	 */
	public TimelinePage timeline(UUID workspaceId, ContactId contact, int limit, java.time.Instant before) {
		UUID contactId = contact == null ? null : contact.value();
		get(workspaceId, contactId);
		int ask = limit + 20;
		List<TimelineItem> merged = new ArrayList<>();
		boolean sourceHasMore = false;
		for (TimelineSource source : timelineSources) {
			List<TimelineItem> items = source.timeline(workspaceId, contact, ask, before);
			sourceHasMore |= items.size() >= ask;
			merged.addAll(items);
		}
		merged.sort(Comparator.comparing(TimelineItem::at).reversed());
		if (merged.size() <= limit) {
			return new TimelinePage(List.copyOf(merged), null);
		}
		int end = limit;
		java.time.Instant last = merged.get(limit - 1).at();
		while (end < merged.size() && merged.get(end).at().equals(last)) {
			end++;
		}
		return new TimelinePage(List.copyOf(merged.subList(0, end)), end < merged.size() || sourceHasMore ? last : null);
	}

	public int count(UUID workspaceId) {
		return jdbc.sql("select count(*) from contacts where workspace_id = ?").param(workspaceId).query(Integer.class).single();
	}
}
