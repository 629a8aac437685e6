package org.rapport.blog;

import java.util.UUID;

/**
 * A post was deleted. When it had been public, its address answers 410 Gone from now on.
 *
 * @param url the address it had
 * @param wasPublic whether readers could see it when it was deleted
 */
public record PostDeleted(UUID workspaceId, UUID postId, String url, boolean wasPublic) {
}
