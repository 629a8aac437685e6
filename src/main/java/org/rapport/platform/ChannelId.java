package org.rapport.platform;

import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a channel (a mailbox, a form, an account on a network, …). Modules name one another's channels by this
 * type at their boundaries (ports and public APIs), so that an id of one kind cannot be passed where another is
 * meant.
 */
public record ChannelId(UUID value) {

	public ChannelId {
		Objects.requireNonNull(value, "ChannelId needs a value");
	}

	public static ChannelId of(UUID value) {
		return new ChannelId(value);
	}

	/** The raw values, for a query's {@code = any(?)}. */
	public static UUID[] values(Collection<ChannelId> ids) {
		return ids.stream().map(ChannelId::value).distinct().toArray(UUID[]::new);
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
