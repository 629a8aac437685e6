package org.rapport.platform;

import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one record of the module that keeps it — a conversation, a registration, a comment — where another
 * module holds on to it without knowing its kind: the rows a contact merge moved (to move exactly those back on undo),
 * the records a retention run removes. Only the module that handed it out reads its value.
 */
public record RecordId(UUID value) {

	public RecordId {
		Objects.requireNonNull(value, "RecordId needs a value");
	}

	public static RecordId of(UUID value) {
		return new RecordId(value);
	}

	/** The raw values, for a query's {@code = any(?)}. */
	public static UUID[] values(Collection<RecordId> ids) {
		return ids.stream().map(RecordId::value).distinct().toArray(UUID[]::new);
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
