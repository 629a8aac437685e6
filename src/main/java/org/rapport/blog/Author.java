package org.rapport.blog;

import java.util.UUID;

/**
 * A team member as an author of the blog: the name readers see, a photo (an image uploaded to the blog), a short
 * biography and links. A member who never filled in a profile still has one, with their display name only.
 *
 * @param mastodon the profile's address ({@code https://host/@name}), written as {@code @name@host} or as address
 * @param stored whether the member saved a profile
 */
public record Author(UUID userId, String slug, String displayName, String bio, String photoUrl, String website,
		String mastodon, boolean stored) {

	/** The initial shown when there is no photo. */
	public String initial() {
		return displayName.isBlank() ? "?" : displayName.substring(0, displayName.offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT);
	}

	public String path(String workspaceSlug) {
		return BlogPaths.author(workspaceSlug, slug);
	}
}
