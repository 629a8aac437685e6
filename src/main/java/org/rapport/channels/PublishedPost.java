package org.rapport.channels;

import java.time.Instant;

/**
 * A post the channel's account published on its network ({@link ChannelConnector.OwnPosts}).
 *
 * @param externalId the post's id on its network, the same that {@link InboundMessage#onPost} names on a comment
 * @param url where a person reads the post, or {@code null}
 * @param publishedAt when it was published
 * @param text its text (plain, perhaps shortened), or {@code ""}
 */
public record PublishedPost(String externalId, String url, Instant publishedAt, String text) {
}
