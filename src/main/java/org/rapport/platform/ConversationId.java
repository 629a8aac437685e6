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

	public static ConversationId of(UUID value) {
		return new ConversationId(value);
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
