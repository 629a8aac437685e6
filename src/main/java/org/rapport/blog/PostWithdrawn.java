package org.rapport.blog;

import java.util.UUID;

/**
 * A post that was public is no longer: taken back to draft or rescheduled. Copies elsewhere should be removed.
 *
 * @param url the address it had while it was public
 */
public record PostWithdrawn(UUID workspaceId, UUID postId, String url) {
}
