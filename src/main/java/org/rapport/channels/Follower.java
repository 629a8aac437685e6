package org.rapport.channels;

import java.time.Instant;

/**
 * An account that follows a channel's account, as its network shows it, read at {@code observedAt}. The fields are
 * those of a network-neutral account profile; whatever the network does not show is {@code null}, and an empty text
 * means the network shows the field and the account left it empty.
 *
 * @param id the account's id, stable on its network (on federated networks one that is the same on every server)
 * @param handle how people address the account, e.g. {@code @name@host}
 * @param bio the account's description as plain text
 * @param url a link the account gives in its profile (its website), not the address of the profile itself
 * @param posts how many posts the account wrote
 * @param followers how many accounts follow it
 * @param following how many accounts it follows
 * @param defaultAvatar whether it shows the network's default picture
 * @param hasBanner whether it shows a header image
 * @param verified whether the network itself vouches for the account
 * @param isProtected whether the account decides who may follow it or see its posts
 * @param bot whether the account says it is automated
 * @param lastPostAt when it last posted (some networks give only the day)
 * @param followedAt when it began to follow the channel's account, if the network says
 */
public record Follower(String id, String handle, String name, String bio, String url, String location,
		Instant createdAt, Instant observedAt, Long posts, Long followers, Long following, Long likes, Long listed,
		Boolean defaultAvatar, String avatarUrl, Boolean hasBanner, Boolean verified, Boolean isProtected, Boolean bot,
		Instant lastPostAt, Instant followedAt) {

	/**
	 * What the contacts keep of the account when it writes: the same reading as a public profile, with the address
	 * of its profile page ({@code profilePage}, not the website it gives); a default picture is no picture.
	 */
	public org.rapport.contacts.PublicProfile publicProfile(String profilePage) {
		return new org.rapport.contacts.PublicProfile(handle, name, Boolean.TRUE.equals(defaultAvatar) ? null : avatarUrl,
				bio, profilePage, followers, following, posts, createdAt, bot, observedAt);
	}
}
