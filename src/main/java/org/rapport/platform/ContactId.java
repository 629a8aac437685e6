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

	public static ContactId of(UUID value) {
		return new ContactId(value);
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
