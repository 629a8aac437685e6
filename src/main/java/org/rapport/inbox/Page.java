package org.rapport.inbox;

import java.util.List;

/** A slice of a list and the cursor that continues it, or {@code null} at the end. */
public record Page<T>(List<T> items, String next) {
}
