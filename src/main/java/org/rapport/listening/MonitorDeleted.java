package org.rapport.listening;

import java.util.UUID;

/** A manager deleted a monitor (a topic): what others keep about it can go. */
public record MonitorDeleted(UUID workspaceId, UUID monitorId) {
}
