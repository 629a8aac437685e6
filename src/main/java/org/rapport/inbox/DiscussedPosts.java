package org.rapport.inbox;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;

/**
 * The post of the channel's own account that a conversation discusses (its messages comment on it), shown above the
 * conversation. The module that keeps the accounts' posts provides it; without one, or while the post has not been
 * read from the network yet, the conversation shows no post.
 */
public interface DiscussedPosts {

	/** The post with this id on the channel's network, if known. */
	Optional<Post> post(UUID workspaceId, ChannelId channelId, String postId);

	/**
	 * A post as shown above a conversation.
	 *
	 * @param excerpt the beginning of its text, plain
	 * @param url its address on the network, or null
	 * @param publishedAt when it was published, or null when known only from a comment on it
	 */
	record Post(String externalId, String excerpt, String url, Instant publishedAt) {
	}
}
