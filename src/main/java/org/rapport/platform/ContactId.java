package org.rapport.platform;

import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a contact (a person the workspace keeps in touch with). Modules name one another's contacts by this type
 * at their boundaries (ports and public APIs), so that an id of one kind cannot be passed where another is meant.
 */
public record ContactId(UUID value) {

	public ContactId {
		Objects.requireNonNull(value, "ContactId needs a value");
	}

	/** The id of a raw value; {@code null} for none (an optional reference, or input still to be checked). */
	public static ContactId of(UUID value) {
		return value == null ? null : new ContactId(value);
	}

	/** The ids of raw values, for a call into another module. */
	public static java.util.List<ContactId> all(Collection<UUID> values) {
		return values.stream().map(ContactId::new).toList();
	}

	/**
	 * An answer keyed by contact, keyed by the raw values instead (in the answer's order): for the asking module's own
	 * queries and arrays.
	 */
	public static <V> java.util.Map<UUID, V> byValue(java.util.Map<ContactId, V> keyed) {
		java.util.Map<UUID, V> raw = new java.util.LinkedHashMap<>();
		keyed.forEach((id, v) -> raw.put(id.value(), v));
		return raw;
	}

	/** The raw values, for a query's {@code = any(?)}. */
	public static UUID[] values(Collection<ContactId> ids) {
		return ids.stream().map(ContactId::value).distinct().toArray(UUID[]::new);
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
