package org.rapport.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing that happened with a contact: a message on some channel, a logged call or visit, a note.
 *
 * @param at when it happened
 * @param type what it is, e.g. {@code message}, {@code reply}, {@code note}, {@code activity}
 * @param channel the channel key or activity kind, e.g. {@code email}, {@code call}
 * @param direction {@code in} from the contact, {@code out} from the workspace
 * @param title a short line (subject)
 * @param excerpt the first words
 * @param conversationId the conversation it belongs to, if any
 */
public record TimelineItem(Instant at, String type, String channel, String direction, String title, String excerpt,
		UUID conversationId) {
}
