package org.rapport.platform;

import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a conversation in the inbox. Modules name one another's conversations by this type at their boundaries
 * (ports and public APIs), so that an id of one kind cannot be passed where another is meant.
 */
public record ConversationId(UUID value) {

	public ConversationId {
		Objects.requireNonNull(value, "ConversationId needs a value");
	}

	/** The id of a raw value; {@code null} for none (an optional reference, or input still to be checked). */
	public static ConversationId of(UUID value) {
		return value == null ? null : new ConversationId(value);
	}

	/** The ids of raw values, for a call into another module. */
	public static java.util.List<ConversationId> all(Collection<UUID> values) {
		return values.stream().map(ConversationId::new).toList();
	}

	/** The raw values, for a query's {@code = any(?)}. */
	public static UUID[] values(Collection<ConversationId> ids) {
		return ids.stream().map(ConversationId::value).distinct().toArray(UUID[]::new);
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
