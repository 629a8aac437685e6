package org.rapport.contacts;

import java.net.URI;
import java.time.Instant;

/**
 * What a network shows publicly of the account behind an identity, as its connector read it: stored with the
 * identity, refreshed when the account writes again, shown on the contact's page and read by the follower audit.
 * Every part may be unknown ({@code null}); an empty text says the network showed it empty (a bio removed), so a
 * connector that does not know a part never erases what another read gave.
 *
 * @param handle the account's name as the network spells it ({@code @Anna@social.example}), where the identity's
 * value is an id or lower-cased
 * @param name the display name
 * @param avatarUrl the picture's {@code http(s)} address; other schemes are dropped
 * @param bio the self-description, as plain text
 * @param url the profile page's {@code http(s)} address
 * @param followers how many accounts follow it
 * @param following how many it follows
 * @param posts how many posts it has published
 * @param createdAt when the account was created
 * @param bot whether the network marks it as automated
 * @param observedAt when the network was read (the counts are of that moment); {@code null} when a connector passes
 * what it has just read, which is stored as read now
 */
public record PublicProfile(String handle, String name, String avatarUrl, String bio, String url, Long followers,
		Long following, Long posts, Instant createdAt, Boolean bot, Instant observedAt) {

	/** A profile just read from the network. */
	public PublicProfile(String handle, String name, String avatarUrl, String bio, String url, Long followers,
			Long following, Long posts, Instant createdAt, Boolean bot) {
		this(handle, name, avatarUrl, bio, url, followers, following, posts, createdAt, bot, null);
	}

	/** The longest bio kept, in characters; longer ones are cut. */
	public static final int MAX_BIO = 2_000;

	/** The longest handle, name or address kept, in characters. */
	public static final int MAX_TEXT = 500;

	public PublicProfile {
		handle = text(handle, MAX_TEXT);
		name = text(name, MAX_TEXT);
		bio = text(bio, MAX_BIO);
		avatarUrl = web(avatarUrl);
		url = web(url);
		followers = count(followers);
		following = count(following);
		posts = count(posts);
	}

	/** A profile that knows only the account's handle and display name. */
	public static PublicProfile named(String handle, String name) {
		return new PublicProfile(handle, name, null, null, null, null, null, null, null, null);
	}

	/** Whether the profile tells anything at all. */
	public boolean isEmpty() {
		return handle == null && name == null && avatarUrl == null && bio == null && url == null && followers == null
				&& following == null && posts == null && createdAt == null && bot == null;
	}

	private static String text(String value, int max) {
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() <= max) {
			return stripped;
		}
		int end = Character.isHighSurrogate(stripped.charAt(max - 1)) ? max - 1 : max;
		return stripped.substring(0, end).strip() + "…";
	}

	/** An absolute {@code http(s)} address of at most {@link #MAX_TEXT} characters, else {@code null}. */
	private static String web(String value) {
		if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
			return null;
		}
		try {
			URI uri = URI.create(value.strip());
			String scheme = uri.getScheme();
			return uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
					? uri.toString() : null;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static Long count(Long value) {
		return value == null || value < 0 ? null : value;
	}
}
