package org.rapport.channels;

import java.time.Instant;
import java.util.List;

/**
 * One page of a channel account's followers ({@link ChannelConnector.Followers#page}).
 *
 * @param followers the followers on this page, in the network's order
 * @param next the cursor of the next page, or {@code null} when this is the last
 * @param total how many followers the network counts for the account, where it says (at least on the first page);
 * the list read may differ a little, as accounts are hidden, suspended or come and go while it is read
 * @param notBefore when the next page may be asked for, if the network's rate limit is nearly spent (the reset
 * time it gave); {@code null} when the next page may follow at once
 */
public record FollowerPage(List<Follower> followers, String next, Long total, Instant notBefore) {

	public FollowerPage {
		followers = List.copyOf(followers);
	}
}
