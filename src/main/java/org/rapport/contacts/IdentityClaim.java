package org.rapport.contacts;

/**
 * What a message says about its sender: an identifier of some kind, and perhaps a display name.
 *
 * @param kind {@link IdentityKind#EMAIL}, {@link IdentityKind#PHONE} or a handle kind
 * @param value the identifier as received; it is normalised before matching
 * @param name the sender's display name, if the channel tells it
 * @param profile what the network shows publicly of the account, if the channel read it; stored with the identity
 */
public record IdentityClaim(String kind, String value, String name, PublicProfile profile) {

	/** A claim without a public profile. */
	public IdentityClaim(String kind, String value, String name) {
		this(kind, value, name, null);
	}

	public IdentityClaim {
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("An identity needs a kind.");
		}
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("An identity needs a value (an address, number or handle).");
		}
	}

	/** The same claim in normalised form, which is what identities are matched on. */
	public IdentityClaim normalised() {
		return new IdentityClaim(kind, Identities.normalise(kind, value), name, profile);
	}

	/** The same claim with the account's public profile ({@code null} or an empty one changes nothing). */
	public IdentityClaim withProfile(PublicProfile profile) {
		return profile == null || profile.isEmpty() ? this : new IdentityClaim(kind, value, name, profile);
	}
}
