package org.rapport.channels;

import java.time.Instant;

import org.rapport.contacts.IdentityClaim;

/**
 * A post someone wrote in public that a channel heard while listening ({@link ChannelConnector.Listener}): a status
 * on a hashtag timeline, a search result, an item of a followed feed. Texts are plain text, never HTML.
 *
 * @param externalId the post's id on its network or feed (a status id, an at-uri, an item's guid or link)
 * @param url where a person reads the post, or {@code null}
 * @param from the author as an identity a contact can have (normalised), or {@code null} for a feed's item
 * @param author how the author is addressed ({@code @name@host}, a handle, a feed's name)
 * @param authorName the author's display name, or {@code null}
 * @param authorUrl the author's profile, or {@code null}
 * @param title the post's title where it has one (feed items), or {@code null}
 * @param text what the post says, as plain text
 * @param language the language the network or feed gives (ISO 639-1), or {@code null} when it gives none
 * @param postedAt when it was written, or {@code null} when the source does not say
 * @param ref what the channel needs to act on the post later (share it, answer it); opaque to everyone else
 */
public record HeardPost(String externalId, String url, IdentityClaim from, String author, String authorName, String authorUrl,
		String title, String text, String language, Instant postedAt, String ref) {
}
