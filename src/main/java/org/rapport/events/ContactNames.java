package org.rapport.events;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The names of the contacts on an event's lists, asked of the contacts module for a whole list at once, and the
 * alphabetical order of those names.
 */
@Component
class ContactNames {

	private final JdbcClient jdbc;
	private final Contacts contacts;

	ContactNames(JdbcClient jdbc, Contacts contacts) {
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	/**
	 * The names of contacts, and where each stands alphabetically (by lower-case name; the same name, the same place).
	 * Contacts that are not in the workspace (any more) have neither.
	 */
	record Names(Map<UUID, String> byContact, Map<UUID, Integer> places) {

		boolean has(UUID contactId) {
			return byContact.containsKey(contactId);
		}

		String of(UUID contactId) {
			return byContact.get(contactId);
		}

		/** Contacts in alphabetical order of their names; contacts of the same name in no particular order. */
		Comparator<UUID> alphabetical() {
			return Comparator.comparing(id -> places.getOrDefault(id, Integer.MAX_VALUE));
		}
	}

	/** In at most three queries, however many contacts. */
	Names of(UUID workspaceId, Collection<UUID> contactIds) {
		if (contactIds.isEmpty()) {
			return new Names(Map.of(), Map.of());
		}
		Map<UUID, String> names = new HashMap<>();
		for (Contact contact : contacts.all(workspaceId, ContactId.all(contactIds.stream().distinct().toList()))) {
			names.put(contact.id(), contact.name());
		}
		Map<UUID, Integer> places = new HashMap<>();
		if (names.size() == 1) {
			places.put(names.keySet().iterator().next(), 1);
		}
		else if (!names.isEmpty()) {
			// The database sorts, as it did when these lists were one query with the contacts: its collation orders
			// "Ärztin" and "Zoë" as the lists always showed them, whatever Java's default would do.
			List<UUID> ids = List.copyOf(names.keySet());
			jdbc.sql("""
					select n.id, dense_rank() over (order by lower(n.name)) from unnest(?::uuid[], ?::text[]) as n(id, name)""")
				.params(ids.toArray(UUID[]::new), ids.stream().map(names::get).toArray(String[]::new))
				.query(rs -> {
					places.put(rs.getObject(1, UUID.class), rs.getInt(2));
				});
		}
		return new Names(Map.copyOf(names), Map.copyOf(places));
	}
}
