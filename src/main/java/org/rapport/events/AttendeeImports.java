package org.rapport.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.Csv;
import org.rapport.contacts.ErasureBlocks;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads an attendee list (CSV: name, email, phone, organisation, role) into an event, all or nothing. A row matches
 * a contact only by an exact, normalised email address or phone number, never by name. Rows that match nobody
 * create contacts only when asked to; otherwise they are reported as unmatched. A preview checks every line and
 * stores nothing; an import with any line in error stores nothing either.
 */
@Component
public class AttendeeImports {

	public static final int MAX_ROWS = 10_000;

	private final JdbcClient jdbc;
	private final Events events;
	private final Attendees attendees;
	private final Contacts contacts;
	private final ErasureBlocks blocks;

	AttendeeImports(JdbcClient jdbc, Events events, Attendees attendees, Contacts contacts, ErasureBlocks blocks) {
		this.jdbc = jdbc;
		this.events = events;
		this.attendees = attendees;
		this.contacts = contacts;
		this.blocks = blocks;
	}

	/** Which column (by its header) holds each field; {@code null} or blank for none. */
	public record Mapping(String name, String email, String phone, String organisation, String role) {

		static Mapping guess(List<String> columns) {
			return new Mapping(find(columns, "name", "full name", "vollständiger name", "teilnehmer", "teilnehmerin", "person"),
					find(columns, "email", "e-mail", "mail", "e-mail-adresse", "email address"),
					find(columns, "phone", "telefon", "tel", "telephone", "mobile", "mobil", "handy"),
					find(columns, "organisation", "organization", "company", "firma", "unternehmen", "institution", "einrichtung"),
					find(columns, "role", "rolle", "position", "funktion", "title", "job title"));
		}

		private static String find(List<String> columns, String... candidates) {
			for (String candidate : candidates) {
				for (String column : columns) {
					if (column.strip().equalsIgnoreCase(candidate)) {
						return column;
					}
				}
			}
			return null;
		}

		boolean isEmpty() {
			return blank(name) && blank(email) && blank(phone) && blank(organisation) && blank(role);
		}

		List<String> columns() {
			List<String> all = new ArrayList<>();
			for (String c : new String[] { name, email, phone, organisation, role }) {
				if (!blank(c)) {
					all.add(c);
				}
			}
			return all;
		}
	}

	public record LineError(int line, String reason) {
	}

	/**
	 * One attendee as read.
	 *
	 * @param status {@code matched} (an existing contact), {@code attending} (already on the list), {@code new} (a
	 *        contact will be created), {@code unmatched} (no contact, none created) or {@code duplicate} (the same
	 *        person as an earlier line)
	 * @param contactId the matched contact, if any
	 */
	public record Row(int line, String name, String email, String phone, String organisation, String role,
			String status, UUID contactId, String contactName) {
	}

	public record Preview(List<String> columns, Mapping mapping, boolean createContacts, List<Row> rows,
			List<LineError> errors) {

		/** Whether importing the same content with the same choices would store every row. */
		@com.fasterxml.jackson.annotation.JsonProperty("importable")
		public boolean importable() {
			return errors.isEmpty() && !rows.isEmpty();
		}

		public long count(String status) {
			return rows.stream().filter(r -> r.status().equals(status)).count();
		}
	}

	/** What an import did; {@code unmatched} lists the rows that matched no contact and created none. */
	public record Result(int rows, int added, int alreadyAttending, int created, List<Row> unmatched) {
	}

	/** Refuses an import; nothing was stored. */
	public static class ImportRefused extends RuntimeException {

		private final transient List<LineError> errors;

		public ImportRefused(List<LineError> errors) {
			super(errors.size() + (errors.size() == 1 ? " line has" : " lines have") + " errors; nothing was imported.");
			this.errors = List.copyOf(errors);
		}

		public List<LineError> errors() {
			return errors;
		}
	}

	/** Parses and checks the list against the workspace's contacts; stores nothing. */
	public Preview preview(UUID workspaceId, UUID eventId, String content, Mapping requested, boolean createContacts) {
		events.get(workspaceId, eventId);
		Csv.Parsed parsed = Csv.parse(content == null ? "" : content);
		List<LineError> errors = new ArrayList<>();
		parsed.problems().forEach(p -> errors.add(new LineError(p.line(), p.reason())));
		if (parsed.rows().isEmpty()) {
			if (errors.isEmpty()) {
				errors.add(new LineError(1, "The file is empty: it needs a header line and at least one attendee."));
			}
			return new Preview(List.of(), requested, createContacts, List.of(), errors);
		}
		List<String> columns = parsed.rows().getFirst().fields().stream().map(String::strip).toList();
		Mapping mapping = requested == null || requested.isEmpty() ? Mapping.guess(columns) : requested;
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			index.putIfAbsent(columns.get(i), i);
		}
		for (String column : mapping.columns()) {
			if (!index.containsKey(column)) {
				throw new IllegalArgumentException("The mapping names a column '" + column + "' that is not in the header: "
						+ String.join(", ", columns) + ".");
			}
		}
		if (blank(mapping.email()) && blank(mapping.phone()) && !createContacts) {
			errors.add(new LineError(1, "No column is mapped to email or phone, so no attendee can be matched to a contact."));
		}
		if (blank(mapping.name()) && createContacts) {
			errors.add(new LineError(1, "No column is mapped to the name, which new contacts need."));
		}
		List<Read> read = new ArrayList<>();
		List<Csv.Row> records = parsed.rows().subList(1, parsed.rows().size());
		if (records.size() > MAX_ROWS) {
			errors.add(new LineError(records.get(MAX_ROWS).line(), "Too many attendees: one import may hold at most " + MAX_ROWS + "."));
			records = records.subList(0, MAX_ROWS);
		}
		for (Csv.Row record : records) {
			int line = record.line();
			if (record.fields().size() != columns.size()) {
				errors.add(new LineError(line, "The line has " + record.fields().size() + " fields; the header has "
						+ columns.size() + "."));
				continue;
			}
			read.add(read(record, index, mapping, errors));
		}
		List<Row> rows = match(workspaceId, eventId, read, createContacts, errors);
		return new Preview(columns, mapping, createContacts, rows,
				errors.stream().sorted(Comparator.comparingInt(LineError::line)).toList());
	}

	private record Read(int line, String name, String email, String phone, String organisation, String role, boolean ok) {

		List<IdentityClaim> claims() {
			List<IdentityClaim> claims = new ArrayList<>();
			if (!email.isEmpty()) {
				claims.add(new IdentityClaim(IdentityKind.EMAIL, email, name));
			}
			if (!phone.isEmpty()) {
				claims.add(new IdentityClaim(IdentityKind.PHONE, phone, name));
			}
			return claims;
		}
	}

	private static Read read(Csv.Row record, Map<String, Integer> index, Mapping mapping, List<LineError> errors) {
		int line = record.line();
		boolean ok = true;
		String name = cell(record, index, mapping.name());
		String email = cell(record, index, mapping.email());
		String phone = cell(record, index, mapping.phone());
		if (!email.isEmpty()) {
			if (Identities.isEmail(email)) {
				email = Identities.normalise(IdentityKind.EMAIL, email);
			}
			else {
				errors.add(new LineError(line, "Invalid email address '" + email + "'."));
				ok = false;
			}
		}
		if (!phone.isEmpty()) {
			try {
				phone = Identities.normalise(IdentityKind.PHONE, phone);
			}
			catch (IllegalArgumentException e) {
				errors.add(new LineError(line, "Unparsable phone number '" + phone + "'."));
				ok = false;
			}
		}
		if (name.isEmpty() && email.isEmpty() && phone.isEmpty()) {
			errors.add(new LineError(line, "The line has no name, email address or phone number."));
			ok = false;
		}
		String organisation = cell(record, index, mapping.organisation());
		String role = cell(record, index, mapping.role());
		if (name.length() > 200 || organisation.length() > 300 || role.length() > 300) {
			errors.add(new LineError(line, "A name has at most 200, organisation and role at most 300 characters."));
			ok = false;
		}
		return new Read(line, name, email, phone, organisation, role, ok);
	}

	/** Matches every row in one query for all identities, not one per row. */
	private List<Row> match(UUID workspaceId, UUID eventId, List<Read> read, boolean createContacts,
			List<LineError> errors) {
		List<IdentityClaim> all = read.stream().filter(Read::ok).flatMap(r -> r.claims().stream()).toList();
		Map<String, UUID> owners = new HashMap<>();
		Map<UUID, String> names = new HashMap<>();
		if (!all.isEmpty()) {
			contacts.owners(workspaceId, all).forEach((claim, contact) -> owners.put(claim.kind() + ":" + claim.value(), contact));
			for (Contact contact : contacts.all(workspaceId, ContactId.all(owners.values().stream().distinct().toList()))) {
				names.put(contact.id(), contact.name());
			}
		}
		Set<UUID> attending = new HashSet<>(jdbc.sql("select contact_id from event_attendees where event_id = ?")
			.param(eventId).query(UUID.class).list());
		Map<String, Integer> seen = new HashMap<>();
		Set<UUID> seenContacts = new HashSet<>();
		List<Row> rows = new ArrayList<>();
		for (Read r : read) {
			if (!r.ok()) {
				continue;
			}
			Set<UUID> found = new LinkedHashSet<>();
			Integer earlier = null;
			for (IdentityClaim claim : r.claims()) {
				String key = claim.kind() + ":" + claim.value();
				if (owners.containsKey(key)) {
					found.add(owners.get(key));
				}
				if (earlier == null && seen.containsKey(key)) {
					earlier = seen.get(key);
				}
			}
			if (found.size() > 1) {
				errors.add(new LineError(r.line(), "Its email address and phone number belong to two different contacts; "
						+ "merge them first."));
				continue;
			}
			for (IdentityClaim claim : r.claims()) {
				seen.putIfAbsent(claim.kind() + ":" + claim.value(), r.line());
			}
			UUID contactId = found.isEmpty() ? null : found.iterator().next();
			String status;
			if (contactId != null) {
				status = attending.contains(contactId) ? "attending" : seenContacts.add(contactId) ? "matched" : "duplicate";
			}
			else if (earlier != null) {
				status = "duplicate";
			}
			else if (createContacts) {
				status = "new";
				if (r.name().isEmpty()) {
					errors.add(new LineError(r.line(), "Missing name: a new contact needs one."));
				}
				for (IdentityClaim claim : r.claims()) {
					if (blocks.isBlocked(workspaceId, claim.kind(), claim.value())) {
						errors.add(new LineError(r.line(), "A person with this address or number asked to be erased; "
								+ "their data may not be imported again."));
						break;
					}
				}
			}
			else {
				status = "unmatched";
			}
			rows.add(new Row(r.line(), r.name(), r.email(), r.phone(), r.organisation(), r.role(), status, contactId,
					contactId == null ? null : names.get(contactId)));
		}
		return rows;
	}

	/**
	 * Imports every row, or none: throws {@link ImportRefused} with the errors of every line that has one. Matched
	 * rows become attendees; new rows become contacts and attendees; unmatched rows are returned.
	 */
	@Transactional
	public Result importAll(UUID workspaceId, UUID eventId, String content, Mapping mapping, boolean createContacts) {
		events.get(workspaceId, eventId);
		// Imports into one event one after the other, so that the preview below stays true until the end.
		jdbc.sql("select id from events where id = ? for update").param(eventId).query(UUID.class).single();
		Preview preview = preview(workspaceId, eventId, content, mapping, createContacts);
		if (!preview.errors().isEmpty()) {
			throw new ImportRefused(preview.errors());
		}
		if (preview.rows().isEmpty()) {
			throw new ImportRefused(List.of(new LineError(1, "The file holds no attendees.")));
		}
		int added = 0;
		int created = 0;
		List<Row> unmatched = new ArrayList<>();
		for (Row row : preview.rows()) {
			switch (row.status()) {
				case "matched" -> {
					attendees.add(workspaceId, eventId, ContactId.of(row.contactId()), row.organisation(), row.role(), "import");
					added++;
				}
				case "new" -> {
					List<IdentityClaim> claims = new Read(row.line(), row.name(), row.email(), row.phone(), "", "", true).claims();
					UUID contactId = contacts.create(workspaceId, row.name(), claims).id();
					attendees.add(workspaceId, eventId, ContactId.of(contactId), row.organisation(), row.role(), "import");
					created++;
					added++;
				}
				case "unmatched" -> unmatched.add(row);
				default -> {
					// attending already, or the same person as an earlier line
				}
			}
		}
		return new Result(preview.rows().size(), added, (int) preview.count("attending"), created, unmatched);
	}

	private static String cell(Csv.Row record, Map<String, Integer> index, String column) {
		if (blank(column)) {
			return "";
		}
		return record.fields().get(index.get(column)).strip();
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
