package org.rapport.blog;

import java.util.UUID;

/**
 * A public post is no longer public (taken back to draft or rescheduled); its address answers 410 Gone until it is
 * published again.
 *
 * @param url the address it had
 */
public record PostWithdrawn(UUID workspaceId, UUID postId, String url) {
}
