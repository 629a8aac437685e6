package org.rapport.channels;

import java.time.Instant;

/**
 * A post the channel's account published on its network ({@link ChannelConnector.OwnPosts}).
 *
 * @param externalId the post's id on its network, the same that {@link InboundMessage#onPost} names on a comment
 * @param url where a person reads the post, or {@code null}
 * @param publishedAt when it was published
 * @param text its text (plain, perhaps shortened), or {@code ""}
 * @param likes how many liked it (favourites, likes) as the network counts them now, or {@code null} when it does not say
 * @param shares how many shared it (boosts, reposts), or {@code null}
 * @param replies how many answered it (replies, comments), or {@code null}
 */
public record PublishedPost(String externalId, String url, Instant publishedAt, String text, Long likes, Long shares,
		Long replies) {

	/** A post whose network gives no counts with it. */
	public PublishedPost(String externalId, String url, Instant publishedAt, String text) {
		this(externalId, url, publishedAt, text, null, null, null);
	}
}
