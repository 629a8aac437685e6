package org.rapport.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.ControlCharacters;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports contacts from CSV or vCard, all or nothing. A preview parses and checks every line without storing
 * anything; an import stores every row or, if any line has an error, none. An identity that already belongs to a
 * contact attaches the row to that contact instead of creating a duplicate. CSV columns named after a custom field's
 * key fill that field ({@link ImportedFieldValues}).
 */
@Component
public class ContactImports {

	/** Most rows one import may hold. */
	public static final int MAX_ROWS = 10_000;

	private final JdbcClient jdbc;
	private final Contacts contacts;
	private final Tags tags;
	private final ErasureBlocks blocks;
	private final ImportedFieldValues fieldValues;
	private final CustomFields customFields;

	ContactImports(JdbcClient jdbc, Contacts contacts, Tags tags, ErasureBlocks blocks, ImportedFieldValues fieldValues,
			CustomFields customFields) {
		this.fieldValues = fieldValues;
		this.customFields = customFields;
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.tags = tags;
		this.blocks = blocks;
	}

	/** Which CSV column (by its header) holds each field; {@code null} or blank for none. */
	public record Mapping(String name, String email, String phone, String tags, String note) {

		static Mapping guess(List<String> columns) {
			return new Mapping(find(columns, "name", "fn", "full name", "display name", "vollständiger name"),
					find(columns, "emails", "email", "e-mail", "e-mail-adresse", "mail"),
					find(columns, "phones", "phone", "tel", "telephone", "telefon", "mobile", "mobil"),
					find(columns, "tags", "tag", "categories", "kategorien", "labels"),
					find(columns, "note", "notes", "notiz", "notizen"));
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
			return blank(name) && blank(email) && blank(phone) && blank(tags) && blank(note);
		}
	}

	public record LineError(int line, String reason) {
	}

	/** One contact as read, with normalised emails, phones and tags. */
	public record Row(int line, String name, List<String> emails, List<String> phones, List<String> tags, String note) {
	}

	public record Preview(String format, List<String> columns, Mapping mapping, List<Row> rows,
			List<LineError> errors) {

		/** Whether an import of the same content and mapping would store every row. */
		@com.fasterxml.jackson.annotation.JsonProperty("importable")
		public boolean importable() {
			return errors.isEmpty() && !rows.isEmpty();
		}
	}

	public record Result(int rows, int created, int attached) {
	}

	/** Refuses an import; nothing was stored. */
	public static class ImportRefused extends RuntimeException {

		private final transient List<LineError> errors;

		public ImportRefused(List<LineError> errors) {
			super(errors.size() + (errors.size() == 1 ? " line has" : " lines have")
					+ " errors; nothing was imported.");
			this.errors = List.copyOf(errors);
		}

		public List<LineError> errors() {
			return errors;
		}
	}

	/** Normalises a format name: {@code csv} or {@code vcard} ({@code vcf} is accepted). */
	public static String format(String format, String filename) {
		String f = format == null || format.isBlank() ? "" : format.strip().toLowerCase(Locale.ROOT);
		if (f.isEmpty() && filename != null) {
			String lower = filename.toLowerCase(Locale.ROOT);
			f = lower.endsWith(".vcf") || lower.endsWith(".vcard") ? "vcard" : "csv";
		}
		return switch (f) {
			case "csv", "" -> "csv";
			case "vcard", "vcf" -> "vcard";
			default -> throw new IllegalArgumentException("The format must be csv or vcard, not '" + format + "'.");
		};
	}

	/** Parses and checks the content; stores nothing. A {@code null} mapping is guessed from the CSV header. */
	public Preview preview(String format, String content, Mapping mapping) {
		String text = content == null ? "" : content;
		return "vcard".equals(format(format, null)) ? previewVCard(text) : previewCsv(text, mapping);
	}

	private Preview previewCsv(String text, Mapping requested) {
		Csv.Parsed parsed = Csv.parse(text);
		List<LineError> errors = new ArrayList<>();
		parsed.problems().forEach(p -> errors.add(new LineError(p.line(), p.reason())));
		if (parsed.rows().isEmpty()) {
			if (errors.isEmpty()) {
				errors.add(new LineError(1, "The file is empty: it needs a header line and at least one contact."));
			}
			return new Preview("csv", List.of(), requested, List.of(), errors);
		}
		List<String> columns = parsed.rows().getFirst().fields().stream().map(String::strip).toList();
		Mapping mapping = requested == null || requested.isEmpty() ? Mapping.guess(columns) : requested;
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < columns.size(); i++) {
			index.putIfAbsent(columns.get(i), i);
		}
		for (String column : new String[] { mapping.name(), mapping.email(), mapping.phone(), mapping.tags(),
				mapping.note() }) {
			if (!blank(column) && !index.containsKey(column)) {
				throw new IllegalArgumentException("The mapping names a column '" + column
						+ "' that is not in the header: " + String.join(", ", columns) + ".");
			}
		}
		if (blank(mapping.name())) {
			errors.add(new LineError(1, "Missing name: no column is mapped to the name."));
		}
		List<Row> rows = new ArrayList<>();
		for (Csv.Row record : parsed.rows().subList(1, parsed.rows().size())) {
			int line = record.line();
			if (record.fields().size() != columns.size()) {
				errors.add(new LineError(line, "The line has " + record.fields().size() + " fields; the header has "
						+ columns.size() + "."));
				continue;
			}
			String name = cell(record, index, mapping.name());
			List<String> emails = multi(cell(record, index, mapping.email()));
			List<String> phones = multi(cell(record, index, mapping.phone()));
			List<String> rowTags = multi(cell(record, index, mapping.tags()));
			rows.add(check(line, name, emails.stream().map(e -> new VCards.Value(line, e)).toList(),
					phones.stream().map(p -> new VCards.Value(line, p)).toList(), rowTags,
					cell(record, index, mapping.note()), errors));
		}
		limit(rows, errors);
		return new Preview("csv", columns, mapping, rows, sorted(errors));
	}

	private Preview previewVCard(String text) {
		VCards.Parsed parsed = VCards.parse(text);
		List<LineError> errors = new ArrayList<>();
		parsed.problems().forEach(p -> errors.add(new LineError(p.line(), p.reason())));
		List<Row> rows = new ArrayList<>();
		for (VCards.Card card : parsed.cards()) {
			if (card.name().isBlank()) {
				continue; // reported by the parser
			}
			rows.add(check(card.line(), card.name(), card.emails(), card.phones(), card.categories(), card.note(),
					errors));
		}
		if (rows.isEmpty() && errors.isEmpty()) {
			errors.add(new LineError(1, "The file holds no vCard."));
		}
		limit(rows, errors);
		return new Preview("vcard", List.of("FN", "EMAIL", "TEL", "CATEGORIES", "NOTE"), null, rows, sorted(errors));
	}

	private static void limit(List<Row> rows, List<LineError> errors) {
		if (rows.size() > MAX_ROWS) {
			errors.add(new LineError(rows.get(MAX_ROWS).line(),
					"Too many contacts: one import may hold at most " + MAX_ROWS + "."));
		}
	}

	private static List<LineError> sorted(List<LineError> errors) {
		return errors.stream().sorted(java.util.Comparator.comparingInt(LineError::line)).toList();
	}

	private Row check(int line, String name, List<VCards.Value> emails, List<VCards.Value> phones, List<String> rowTags,
			String note, List<LineError> errors) {
		if (name == null || name.isBlank()) {
			errors.add(new LineError(line, "Missing name."));
		}
		else if (name.strip().length() > Contacts.MAX_NAME) {
			errors.add(new LineError(line, "A contact's name may have at most " + Contacts.MAX_NAME + " characters, not "
					+ name.strip().length() + "."));
		}
		refuseControlCharacters(line, "name", name, errors);
		refuseControlCharacters(line, "note", note, errors);
		rowTags.forEach(tag -> refuseControlCharacters(line, "tags", tag, errors));
		Set<String> goodEmails = new LinkedHashSet<>();
		for (VCards.Value email : emails) {
			if (!email.value().isBlank()) {
				if (Identities.isEmail(email.value())) {
					try {
						goodEmails.add(Identities.normaliseEntered(IdentityKind.EMAIL, email.value()));
					}
					catch (IllegalArgumentException e) {
						errors.add(new LineError(email.line(), e.getMessage()));
					}
				}
				else if (ControlCharacters.present(email.value())) {
					refuseControlCharacters(email.line(), "email", email.value(), errors);
				}
				else {
					errors.add(new LineError(email.line(), "Invalid email address '" + email.value() + "'."));
				}
			}
		}
		Set<String> goodPhones = new LinkedHashSet<>();
		for (VCards.Value phone : phones) {
			if (!phone.value().isBlank()) {
				try {
					goodPhones.add(Identities.normalise(IdentityKind.PHONE, phone.value()));
				}
				catch (IllegalArgumentException e) {
					errors.add(new LineError(phone.line(), "Unparsable phone number '" + ControlCharacters.visible(phone.value())
							+ "'."));
				}
			}
		}
		if (goodEmails.size() + goodPhones.size() > Contacts.MAX_IDENTITIES) {
			errors.add(new LineError(line, "A contact may have at most " + Contacts.MAX_IDENTITIES + " identities; this one has "
					+ (goodEmails.size() + goodPhones.size()) + "."));
		}
		List<String> goodTags = new ArrayList<>();
		for (String tag : rowTags) {
			try {
				goodTags.addAll(Tags.normaliseAll(List.of(tag)));
			}
			catch (IllegalArgumentException e) {
				errors.add(new LineError(line, e.getMessage()));
			}
		}
		return new Row(line, name == null ? "" : name.strip(), List.copyOf(goodEmails), List.copyOf(goodPhones),
				List.copyOf(new LinkedHashSet<>(goodTags)), note == null ? "" : note);
	}

	private static void refuseControlCharacters(int line, String field, String value, List<LineError> errors) {
		int at = ControlCharacters.find(value);
		if (at >= 0) {
			errors.add(new LineError(line, ControlCharacters.refusal(field, value.charAt(at))));
		}
	}

	/** The preview, with the custom field cells of a CSV also checked against the workspace's fields. */
	public Preview preview(UUID workspaceId, String format, String content, Mapping mapping) {
		Preview preview = preview(format, content, mapping);
		if (!"csv".equals(preview.format()) || preview.mapping() == null) {
			return preview;
		}
		List<LineError> errors = new ArrayList<>(preview.errors());
		fieldValues.read(workspaceId, content, mappedColumns(preview.mapping()), errors);
		return new Preview(preview.format(), preview.columns(), preview.mapping(), preview.rows(), sorted(errors));
	}

	private static Set<String> mappedColumns(Mapping m) {
		Set<String> mapped = new java.util.HashSet<>();
		for (String column : new String[] { m.name(), m.email(), m.phone(), m.tags(), m.note() }) {
			if (!blank(column)) {
				mapped.add(column);
			}
		}
		return mapped;
	}

	/** Imports every row, or none: throws {@link ImportRefused} with the errors of every line that has one. */
	@Transactional
	public Result importAll(UUID workspaceId, String format, String content, Mapping mapping) {
		Preview preview = preview(format, content, mapping);
		if (!preview.errors().isEmpty()) {
			throw new ImportRefused(preview.errors());
		}
		if (preview.rows().isEmpty()) {
			throw new ImportRefused(List.of(new LineError(1, "The file holds no contacts.")));
		}
		List<LineError> errors = new ArrayList<>();
		Map<Integer, Map<String, String>> values = Map.of();
		if ("csv".equals(preview.format())) {
			values = fieldValues.read(workspaceId, content, mappedColumns(preview.mapping()), errors);
			if (!errors.isEmpty()) {
				throw new ImportRefused(sorted(errors));
			}
		}
		int created = 0;
		int attached = 0;
		for (Row row : preview.rows()) {
			List<IdentityClaim> claims = new ArrayList<>();
			row.emails().forEach(e -> claims.add(new IdentityClaim(IdentityKind.EMAIL, e, row.name())));
			row.phones().forEach(p -> claims.add(new IdentityClaim(IdentityKind.PHONE, p, row.name())));
			if (!claims.isEmpty() && !blocks.blocked(workspaceId, claims).isEmpty()) {
				errors.add(new LineError(row.line(), "A person with this address or number asked to be erased; "
						+ "their data may not be imported again."));
				continue;
			}
			Set<UUID> owners = owners(workspaceId, claims);
			if (owners.size() > 1) {
				errors.add(new LineError(row.line(), "Its email addresses and phone numbers belong to "
						+ owners.size() + " different contacts; merge them first."));
				continue;
			}
			UUID contactId;
			try {
				if (owners.isEmpty()) {
					contactId = contacts.create(workspaceId, row.name(), claims).id();
					if (!row.note().isBlank()) {
						contacts.update(workspaceId, ContactId.of(contactId), row.name(), row.note());
					}
					created++;
				}
				else {
					contactId = owners.iterator().next();
					for (IdentityClaim claim : claims) {
						contacts.addIdentity(workspaceId, contactId, claim.kind(), claim.value());
					}
					Contact existing = contacts.get(workspaceId, contactId);
					if (!row.note().isBlank() && (existing.note() == null || existing.note().isBlank())) {
						contacts.update(workspaceId, ContactId.of(contactId), existing.name(), row.note());
					}
					attached++;
				}
				tags.add(workspaceId, contactId, row.tags());
				Map<String, String> rowValues = values.get(row.line());
				if (rowValues != null) {
					customFields.set(workspaceId, ContactId.of(contactId), rowValues);
				}
			}
			catch (IllegalArgumentException e) {
				// Say which line could not be taken (a contact that would get too many identities, say).
				errors.add(new LineError(row.line(), e.getMessage()));
			}
		}
		if (!errors.isEmpty()) {
			throw new ImportRefused(errors);
		}
		return new Result(preview.rows().size(), created, attached);
	}

	private Set<UUID> owners(UUID workspaceId, List<IdentityClaim> claims) {
		if (claims.isEmpty()) {
			return Set.of();
		}
		return new LinkedHashSet<>(jdbc.sql("""
				select distinct i.contact_id from identities i
				join unnest(?::text[], ?::text[]) as c(kind, value) on i.kind = c.kind and i.value = c.value
				where i.workspace_id = ?""")
			.params(claims.stream().map(IdentityClaim::kind).toArray(String[]::new),
					claims.stream().map(IdentityClaim::value).toArray(String[]::new), workspaceId)
			.query(UUID.class)
			.list());
	}

	private static String cell(Csv.Row record, Map<String, Integer> index, String column) {
		if (blank(column)) {
			return "";
		}
		return record.fields().get(index.get(column)).strip();
	}

	/** A cell with several values separated by semicolons. */
	private static List<String> multi(String cell) {
		List<String> values = new ArrayList<>();
		for (String v : cell.split(";")) {
			if (!v.isBlank()) {
				values.add(v.strip());
			}
		}
		return values;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
