package org.rapport.platform;

import java.util.UUID;

/** A workspace's name, time zone or business hours were changed. */
public record WorkspaceSettingsChanged(UUID workspaceId) {
}
