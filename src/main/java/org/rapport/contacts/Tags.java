package org.rapport.contacts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Free-form tags on contacts: lower case, single spaces, at most 50 characters, no commas or semicolons (those
 * separate values in CSV and vCard). Scoped to a workspace.
 */
@Component("tags")
public class Tags {

	private final JdbcClient jdbc;

	Tags(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The normal form of a tag; throws {@link IllegalArgumentException} with a readable reason when invalid. */
	public static String normalise(String tag) {
		String t = tag == null ? "" : tag.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
		if (t.isEmpty()) {
			throw new IllegalArgumentException("A tag may not be empty.");
		}
		if (t.length() > 50) {
			throw new IllegalArgumentException("The tag '" + t + "' is longer than 50 characters.");
		}
		if (t.indexOf(',') >= 0 || t.indexOf(';') >= 0) {
			throw new IllegalArgumentException("The tag '" + t + "' contains a comma or semicolon.");
		}
		return t;
	}

	/** Normalises every tag, drops blanks and duplicates, keeps the order. */
	public static List<String> normaliseAll(Collection<String> tags) {
		Set<String> result = new LinkedHashSet<>();
		for (String tag : tags) {
			if (tag != null && !tag.isBlank()) {
				result.add(normalise(tag));
			}
		}
		return List.copyOf(result);
	}

	public List<String> of(UUID workspaceId, UUID contactId) {
		return jdbc.sql("select tag from contact_tags where workspace_id = ? and contact_id = ? order by tag")
			.params(workspaceId, contactId)
			.query(String.class)
			.list();
	}

	/** The tags of many contacts at once, each list sorted; contacts without tags are left out. */
	public Map<ContactId, List<String>> ofEach(UUID workspaceId, Collection<ContactId> contacts) {
		Collection<UUID> contactIds = contacts.stream().map(ContactId::value).toList();
		Map<ContactId, List<String>> tags = new HashMap<>();
		if (contactIds.isEmpty()) {
			return tags;
		}
		jdbc.sql("select contact_id, tag from contact_tags where workspace_id = ? and contact_id = any(?) order by tag")
			.params(workspaceId, contactIds.stream().distinct().toArray(UUID[]::new))
			.query(rs -> {
				tags.computeIfAbsent(new ContactId(rs.getObject(1, UUID.class)), k -> new ArrayList<>()).add(rs.getString(2));
			});
		return tags;
	}

	/**
	 * The contacts of the workspace that carry any of the given tags, each with those of its tags that are among them,
	 * sorted: for modules that look for people interested in given topics, however many contacts there are.
	 */
	public Map<ContactId, List<String>> withAnyOf(UUID workspaceId, Collection<String> tags) {
		Map<ContactId, List<String>> tagged = new HashMap<>();
		if (tags.isEmpty()) {
			return tagged;
		}
		jdbc.sql("select contact_id, tag from contact_tags where workspace_id = ? and tag = any(?) order by tag")
			.params(workspaceId, tags.stream().distinct().toArray(String[]::new))
			.query(rs -> {
				tagged.computeIfAbsent(new ContactId(rs.getObject(1, UUID.class)), k -> new ArrayList<>()).add(rs.getString(2));
			});
		return tagged;
	}

	/** Replaces the tags of a contact. */
	@Transactional
	public List<String> set(UUID workspaceId, ContactId contact, Collection<String> tags) {
		UUID contactId = contact == null ? null : contact.value();
		List<String> normalised = normaliseAll(tags);
		requireContact(workspaceId, contactId);
		jdbc.sql("delete from contact_tags where workspace_id = ? and contact_id = ?").params(workspaceId, contactId).update();
		add(workspaceId, contactId, normalised);
		return of(workspaceId, contactId);
	}

	/** Adds tags to a contact, keeping those it has. */
	@Transactional
	public List<String> add(UUID workspaceId, UUID contactId, Collection<String> tags) {
		List<String> normalised = normaliseAll(tags);
		requireContact(workspaceId, contactId);
		if (!normalised.isEmpty()) {
			jdbc.sql("""
					insert into contact_tags(workspace_id, contact_id, tag) select ?, ?, unnest(?::text[])
					on conflict do nothing""")
				.params(workspaceId, contactId, normalised.toArray(String[]::new))
				.update();
		}
		return of(workspaceId, contactId);
	}

	public void remove(UUID workspaceId, UUID contactId, String tag) {
		jdbc.sql("delete from contact_tags where workspace_id = ? and contact_id = ? and tag = ?")
			.params(workspaceId, contactId, tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT))
			.update();
	}

	/** The ids of the contacts with a tag, by name. */
	public List<UUID> tagged(UUID workspaceId, String tag, int limit, int offset) {
		return jdbc.sql("""
				select c.id from contacts c join contact_tags t on t.contact_id = c.id
				where t.workspace_id = ? and c.workspace_id = ? and t.tag = ?
				order by lower(c.name), c.id limit ? offset ?""")
			.params(workspaceId, workspaceId, normalise(tag), limit, offset)
			.query(UUID.class)
			.list();
	}

	private void requireContact(UUID workspaceId, UUID contactId) {
		boolean exists = jdbc.sql("select count(*) from contacts where id = ? and workspace_id = ?")
			.params(contactId, workspaceId)
			.query(Integer.class)
			.single() > 0;
		if (!exists) {
			throw new NotFoundException("No contact " + contactId + " in this workspace.");
		}
	}
}
