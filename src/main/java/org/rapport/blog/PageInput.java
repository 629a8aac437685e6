package org.rapport.blog;

/**
 * What a member sends to write or change a page; when changing, a field left {@code null} stays as it is.
 *
 * @param status {@code draft} or {@code published}
 * @param slug the last part of its address; from the title when a page is written without one
 * @param privacy whether this is the privacy policy (there is at most one; marking another unmarks it)
 */
public record PageInput(String title, String markdown, String status, String slug, Integer position, Boolean privacy) {
}
