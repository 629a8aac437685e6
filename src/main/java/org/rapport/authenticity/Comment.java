package org.rapport.authenticity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A comment or message to judge: its text, and optionally who wrote it and when. {@code label} ({@code spam} or
 * {@code ham}) is the team's judgement and is read only when the comment is given to learn from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Comment(String id, String author, String text, Instant postedAt, String label) {
}
