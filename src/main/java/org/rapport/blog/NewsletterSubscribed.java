package org.rapport.blog;

import java.time.Instant;
import java.util.UUID;

/** A person confirmed their newsletter sign-up (double opt-in). */
public record NewsletterSubscribed(UUID workspaceId, UUID subscriberId, UUID contactId, Instant at) {
}
