package org.rapport.blog;

import java.time.Instant;
import java.util.UUID;

/**
 * A post became public: published at once, or its scheduled time came.
 *
 * @param url the post's public address
 */
public record PostPublished(UUID workspaceId, UUID postId, String title, String url, Instant publishedAt) {
}
