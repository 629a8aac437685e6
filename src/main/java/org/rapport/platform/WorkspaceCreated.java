package org.rapport.platform;

import java.util.UUID;

/** A workspace came into being; modules set up what every workspace has (the default channels, for one). */
public record WorkspaceCreated(UUID workspaceId, String slug) {
}
