package org.rapport.blog;

import java.util.UUID;

/** A post that is public was changed (its text, title or terms); copies elsewhere should follow. */
public record PostUpdated(UUID workspaceId, UUID postId, String url) {
}
