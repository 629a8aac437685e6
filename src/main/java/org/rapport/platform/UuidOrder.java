package org.rapport.platform;

import java.util.Comparator;
import java.util.UUID;

/**
 * The order PostgreSQL sorts {@code uuid} values in (byte by byte, unsigned), which {@link UUID#compareTo} (signed)
 * does not keep: for modules that sort in Java what they used to sort in SQL and must keep the same ties.
 */
public final class UuidOrder {

	/** Unsigned, most significant bits first: the database's order. */
	public static final Comparator<UUID> DATABASE = (x, y) -> {
		int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
		return high != 0 ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
	};

	private UuidOrder() {
	}
}
