package org.rapport.channels;

import java.util.List;

/**
 * One page of an account's own posts ({@link ChannelConnector.OwnPosts#page}).
 *
 * @param posts the posts, newest first
 * @param next the cursor of the page of older posts, {@code null} when there are none
 */
public record PublishedPage(List<PublishedPost> posts, String next) {

	public PublishedPage {
		posts = List.copyOf(posts);
	}
}
