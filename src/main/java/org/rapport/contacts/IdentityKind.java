package org.rapport.contacts;

import java.util.Locale;

/**
 * How a person can be reached. Email addresses and phone numbers are the same on every channel; handles belong to
 * one network, so their kind carries the network's channel kind ({@code handle:mastodon}).
 */
public final class IdentityKind {

	public static final String EMAIL = "email";
	public static final String PHONE = "phone";

	/** An ActivityPub actor's URI ({@code https://host/users/name}), the same person on every Fediverse channel. */
	public static final String ACTIVITYPUB = "activitypub";

	private IdentityKind() {
	}

	public static String handle(String network) {
		return "handle:" + network.toLowerCase(Locale.ROOT);
	}
}
