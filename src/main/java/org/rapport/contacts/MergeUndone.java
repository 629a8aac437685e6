package org.rapport.contacts;

import java.util.UUID;

/**
 * A merge was undone: contact {@code restoredId} exists again with what it had before the merge.
 */
public record MergeUndone(UUID workspaceId, UUID mergeId, UUID survivorId, UUID restoredId) {
}
