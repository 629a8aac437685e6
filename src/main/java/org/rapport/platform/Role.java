package org.rapport.platform;

/**
 * What a member may do in a workspace. Ordered from most to least power.
 */
public enum Role {

	OWNER, MANAGER, AGENT, TRAINEE, VIEWER;

	/** Whether this role may answer, note, assign and change conversations and contacts. */
	public boolean canWork() {
		return this != VIEWER;
	}

	/** Whether this role may change workspace settings, channels, members and tokens. */
	public boolean canManage() {
		return this == OWNER || this == MANAGER;
	}

	/** Whether this role holds at least the power of {@code minimum} (owner ⊇ manager ⊇ agent ⊇ trainee ⊇ viewer). */
	public boolean includes(Role minimum) {
		return ordinal() <= minimum.ordinal();
	}

	public String key() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public static Role of(String key) {
		return valueOf(key.toUpperCase(java.util.Locale.ROOT));
	}
}
