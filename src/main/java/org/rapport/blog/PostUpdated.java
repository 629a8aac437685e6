package org.rapport.blog;

import java.util.UUID;

/**
 * A public post was changed and stays public.
 *
 * @param url the post's public address
 */
public record PostUpdated(UUID workspaceId, UUID postId, String url) {
}
