package org.rapport.blog;

import java.time.Instant;
import java.util.List;

/**
 * What a member sends to write or change a post. When changing, a field left {@code null} stays as it is.
 *
 * @param status {@code draft}, {@code published} or {@code scheduled}
 * @param publishAt for {@code scheduled}: when to publish; for {@code published}: the date to show (back-dating)
 */
public record PostInput(String title, String markdown, String status, Instant publishAt, List<String> categories,
		List<String> tags) {
}
