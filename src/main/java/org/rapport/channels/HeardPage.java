package org.rapport.channels;

import java.time.Instant;
import java.util.List;

/**
 * What a channel heard in one read ({@link ChannelConnector.Listener#read}).
 *
 * @param posts the posts, newest or oldest first as the source gives them
 * @param cursor where the next read goes on; the reader stores it and hands it back, also after a restart
 * @param notBefore when the source may be asked again, if it asked for a pause or its rate limit is nearly spent;
 * {@code null} when the next read may follow at the usual time
 */
public record HeardPage(List<HeardPost> posts, String cursor, Instant notBefore) {

	public HeardPage {
		posts = List.copyOf(posts);
	}
}
