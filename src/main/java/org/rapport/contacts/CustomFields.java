package org.rapport.contacts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rapport.platform.ContactId;
import org.rapport.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fields a workspace defines for its contacts (text, number, date, or a choice among options) and each contact's
 * values. Values are checked against the field's type and kept in a normal form, so that segments can compare them:
 * numbers as plain decimals, dates as {@code YYYY-MM-DD}, choices exactly as one of the options.
 */
@Component("customFields")
public class CustomFields {

	public static final List<String> TYPES = List.of("text", "number", "date", "choice");

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	/** A field definition; {@code options} only for {@code choice}. */
	public record Field(UUID id, String key, String label, String type, List<String> options) {
	}

	private final JdbcClient jdbc;

	CustomFields(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The workspace's fields in the order they were defined. */
	public List<Field> fields(UUID workspaceId) {
		return jdbc.sql("select id, key, label, type, options from custom_fields where workspace_id = ? order by created_at, key")
			.param(workspaceId)
			.query((rs, n) -> new Field(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					List.of((String[]) rs.getArray(5).getArray())))
			.list();
	}

	public Optional<Field> field(UUID workspaceId, String key) {
		return fields(workspaceId).stream().filter(f -> f.key().equals(key)).findFirst();
	}

	/**
	 * Defines a field.
	 *
	 * @throws IllegalArgumentException for a malformed key, an unknown type, a blank label, a choice without
	 *         options, or a key the workspace already uses
	 */
	@Transactional
	public Field define(UUID workspaceId, String key, String label, String type, List<String> options) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("A field key is lower-case letters, digits and _ and starts with a letter (at most 40): '"
					+ key + "'.");
		}
		if (type == null || !TYPES.contains(type)) {
			throw new IllegalArgumentException("Unknown field type '" + type + "'; the types are " + String.join(", ", TYPES) + ".");
		}
		if (label == null || label.isBlank() || label.strip().length() > 80) {
			throw new IllegalArgumentException("The field '" + key + "' needs a label of at most 80 characters.");
		}
		List<String> clean = new ArrayList<>(new LinkedHashSet<>((options == null ? List.<String>of() : options).stream()
			.filter(o -> o != null && !o.isBlank()).map(String::strip).toList()));
		if (type.equals("choice")) {
			if (clean.isEmpty()) {
				throw new IllegalArgumentException("The choice field '" + key + "' needs at least one option.");
			}
			if (clean.size() > 100 || clean.stream().anyMatch(o -> o.length() > 100)) {
				throw new IllegalArgumentException("A choice field has at most 100 options of at most 100 characters.");
			}
		}
		else if (!clean.isEmpty()) {
			throw new IllegalArgumentException("Only choice fields have options; '" + key + "' is of type " + type + ".");
		}
		if (field(workspaceId, key).isPresent()) {
			throw new IllegalArgumentException("The workspace already has a field '" + key + "'.");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into custom_fields(id, workspace_id, key, label, type, options) values (?, ?, ?, ?, ?, ?::text[])")
			.params(id, workspaceId, key, label.strip(), type, clean.toArray(String[]::new))
			.update();
		return field(workspaceId, key).orElseThrow();
	}

	/** Removes the field and every contact's value of it. */
	public void remove(UUID workspaceId, String key) {
		if (jdbc.sql("delete from custom_fields where workspace_id = ? and key = ?").params(workspaceId, key).update() == 0) {
			throw new NotFoundException("No custom field '" + key + "' in this workspace.");
		}
	}

	/** A contact's values by field key, in the order the fields were defined; numbers as {@link BigDecimal}. */
	public Map<String, Object> valuesOf(UUID workspaceId, UUID contactId) {
		Map<String, Object> values = new LinkedHashMap<>();
		jdbc.sql("""
				select f.key, f.type, v.value from contact_field_values v join custom_fields f on f.id = v.field_id
				where v.workspace_id = ? and v.contact_id = ? and v.held_for is null order by f.created_at, f.key""")
			.params(workspaceId, contactId)
			.query(rs -> {
				values.put(rs.getString(1), rs.getString(2).equals("number") ? new BigDecimal(rs.getString(3)) : rs.getString(3));
			});
		return values;
	}

	/** A contact's values by field key in their stored text form, as forms show them. */
	public Map<String, String> storedValuesOf(UUID workspaceId, UUID contactId) {
		Map<String, String> values = new LinkedHashMap<>();
		valuesOf(workspaceId, contactId).forEach((k, v) -> values.put(k, v instanceof BigDecimal d ? d.toPlainString() : v.toString()));
		return values;
	}

	/**
	 * Sets the given values of a contact; a {@code null} or empty value removes the field's value. Either every
	 * value is valid and all are stored, or nothing changes.
	 *
	 * @throws IllegalArgumentException naming the field, for an unknown field or a value that does not fit its type
	 */
	@Transactional
	public Map<String, Object> set(UUID workspaceId, ContactId contact, Map<String, ?> changes) {
		UUID contactId = contact == null ? null : contact.value();
		Map<String, Field> byKey = new LinkedHashMap<>();
		fields(workspaceId).forEach(f -> byKey.put(f.key(), f));
		Map<Field, String> normalised = new LinkedHashMap<>();
		for (var change : changes.entrySet()) {
			Field field = byKey.get(change.getKey());
			if (field == null) {
				throw new IllegalArgumentException("Unknown custom field '" + change.getKey() + "'"
						+ (byKey.isEmpty() ? "; the workspace defines none." : "; the fields are " + String.join(", ", byKey.keySet()) + "."));
			}
			normalised.put(field, normalise(field, change.getValue()));
		}
		boolean exists = jdbc.sql("select count(*) from contacts where id = ? and workspace_id = ?")
			.params(contactId, workspaceId).query(Integer.class).single() > 0;
		if (!exists) {
			throw new NotFoundException("No contact " + contactId + " in this workspace.");
		}
		for (var entry : normalised.entrySet()) {
			if (entry.getValue() == null) {
				jdbc.sql("delete from contact_field_values where contact_id = ? and field_id = ? and held_for is null")
					.params(contactId, entry.getKey().id())
					.update();
			}
			else {
				jdbc.sql("""
						insert into contact_field_values(id, workspace_id, contact_id, field_id, value) values (?, ?, ?, ?, ?)
						on conflict (contact_id, field_id) where held_for is null do update set value = excluded.value""")
					.params(UUID.randomUUID(), workspaceId, contactId, entry.getKey().id(), entry.getValue())
					.update();
			}
		}
		return valuesOf(workspaceId, contactId);
	}

	/**
	 * The stored form of a value for the field, or {@code null} for no value.
	 *
	 * @throws IllegalArgumentException naming the field when the value does not fit its type
	 */
	public static String normalise(Field field, Object value) {
		if (value == null || (value instanceof String s && s.isBlank())) {
			return null;
		}
		String where = "The custom field '" + field.key() + "' (" + field.type() + ")";
		switch (field.type()) {
			case "number" -> {
				if (value instanceof Number || value instanceof String) {
					try {
						BigDecimal number = new BigDecimal(value.toString().strip());
						return number.stripTrailingZeros().scale() < 0 ? number.setScale(0).toPlainString()
								: number.stripTrailingZeros().toPlainString();
					}
					catch (NumberFormatException e) {
						// fall through to the error below
					}
				}
				throw new IllegalArgumentException(where + " needs a number, not '" + value + "'.");
			}
			case "date" -> {
				if (value instanceof String s) {
					try {
						return LocalDate.parse(s.strip()).toString();
					}
					catch (DateTimeParseException e) {
						// fall through
					}
				}
				throw new IllegalArgumentException(where + " needs a date as YYYY-MM-DD, not '" + value + "'.");
			}
			case "choice" -> {
				if (value instanceof String s && field.options().contains(s.strip())) {
					return s.strip();
				}
				throw new IllegalArgumentException(where + " needs one of " + String.join(", ", field.options()) + ", not '"
						+ value + "'.");
			}
			default -> {
				if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
					throw new IllegalArgumentException(where + " needs text, not a list or an object.");
				}
				String text = value.toString().strip();
				if (text.length() > 2000) {
					throw new IllegalArgumentException(where + " has at most 2000 characters.");
				}
				return text;
			}
		}
	}
}
