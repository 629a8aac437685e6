package org.rapport.authenticity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An account as any network shows it, read at {@code observedAt}: everything but {@code id} may be missing, and
 * what is missing counts neither way. {@code network} is free text ({@code mastodon}, {@code bluesky},
 * {@code instagram}, …). {@code label} ({@code bought} or {@code genuine}) is the team's judgement and is read only
 * when the profile is given to learn from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(String id, String network, String handle, String name, String bio, String url, String location,
		Instant createdAt, Instant observedAt, Long posts, Long followers, Long following, Long likes, Long listed,
		Boolean defaultAvatar, String avatarUrl, Boolean hasBanner, Boolean verified, @JsonProperty("protected") Boolean isProtected,
		Instant lastPostAt, String label) {

	/** The profile without a judgement. */
	public static Profile of(String id, String network, Instant createdAt, Instant observedAt, Long posts,
			Long followers, Long following) {
		return new Profile(id, network, null, null, null, null, null, createdAt, observedAt, posts, followers, following,
				null, null, null, null, null, null, null, null, null);
	}

	/** The same profile with the team's judgement. */
	public Profile labelled(String newLabel) {
		return new Profile(id, network, handle, name, bio, url, location, createdAt, observedAt, posts, followers,
				following, likes, listed, defaultAvatar, avatarUrl, hasBanner, verified, isProtected, lastPostAt, newLabel);
	}
}
