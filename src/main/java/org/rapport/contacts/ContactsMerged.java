package org.rapport.contacts;

import java.util.UUID;

/**
 * Contact {@code absorbedId} was merged into contact {@code survivorId} and no longer exists; everything that
 * belonged to it now belongs to the survivor.
 */
public record ContactsMerged(UUID workspaceId, UUID mergeId, UUID survivorId, UUID absorbedId) {
}
