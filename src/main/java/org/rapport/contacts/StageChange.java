package org.rapport.contacts;

import java.time.Instant;

/** One recorded change of a contact's relationship stage: when, who, from, to and why. */
public record StageChange(String from, String to, Instant at, String by, String reason) {
}
