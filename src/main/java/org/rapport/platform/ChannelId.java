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

	/** The id of a raw value; {@code null} for none (an optional reference, or input still to be checked). */
	public static ChannelId of(UUID value) {
		return value == null ? null : new ChannelId(value);
	}

	/** The ids of raw values, for a call into another module. */
	public static java.util.List<ChannelId> all(Collection<UUID> values) {
		return values.stream().map(ChannelId::new).toList();
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
