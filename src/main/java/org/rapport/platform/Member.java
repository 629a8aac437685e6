package org.rapport.platform;

import java.util.UUID;

/** A user as seen from one workspace. */
public record Member(UUID userId, String email, String displayName, Role role) {
}
