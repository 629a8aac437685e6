package org.rapport.platform;

import java.time.ZoneId;
import java.util.UUID;

/** An organisation served by this installation; an agency has one per client. */
public record Workspace(UUID id, String slug, String name, ZoneId timeZone, BusinessHours businessHours) {
}
