package org.rapport.inbox;

import java.util.Arrays;
import java.util.List;

import org.rapport.platform.InvalidFieldException;

/**
 * The order of the inbox list.
 * <ul>
 * <li>{@link #NEWEST}: latest activity first (the default).</li>
 * <li>{@link #OLDEST}: conversations waiting for an answer first, the one waiting longest first; those that wait for
 * no answer after them, latest activity first.</li>
 * <li>{@link #PRIORITY}: data requests and complaints first, then questions, then everything else (praise, other, not
 * triaged); within each, negative sentiment first; then as {@link #OLDEST}.</li>
 * </ul>
 */
public enum InboxSort {

	NEWEST("newest"), OLDEST("oldest"), PRIORITY("priority");

	private final String key;

	InboxSort(String key) {
		this.key = key;
	}

	public String key() {
		return key;
	}

	/** The keys, in the order the list offers them. */
	public static final List<String> KEYS = Arrays.stream(values()).map(InboxSort::key).toList();

	/** The sort of this key; null or blank is {@link #NEWEST}, anything else unknown is refused naming {@code sort}. */
	public static InboxSort of(String key) {
		if (key == null || key.isBlank()) {
			return NEWEST;
		}
		for (InboxSort s : values()) {
			if (s.key.equals(key.strip())) {
				return s;
			}
		}
		throw new InvalidFieldException("sort", "sort is one of " + String.join(", ", KEYS) + ", not '" + key + "'.");
	}
}
