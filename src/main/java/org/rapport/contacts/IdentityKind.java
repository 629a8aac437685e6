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

	/** The network of a handle kind: lower-case letters, digits, dots and dashes, as channel keys are written. */
	private static final java.util.regex.Pattern HANDLE = java.util.regex.Pattern.compile("handle:[a-z0-9][a-z0-9._-]{0,39}");

	/** The kinds as a person reads them in a refusal. */
	public static final String KNOWN = "email, phone, activitypub and handle:<network> (such as handle:mastodon)";

	private IdentityKind() {
	}

	/** Whether a kind is one Rapport knows: email, phone, activitypub or a handle on a network. */
	public static boolean known(String kind) {
		return kind != null && (kind.equals(EMAIL) || kind.equals(PHONE) || kind.equals(ACTIVITYPUB)
				|| HANDLE.matcher(kind).matches());
	}

	/** Throws {@link IllegalArgumentException} listing the known kinds when a kind is not one of them. */
	public static String requireKnown(String kind) {
		if (!known(kind)) {
			String shown = kind == null ? "" : kind.length() > 50 ? kind.substring(0, 50) + "…" : kind;
			throw new IllegalArgumentException("Unknown identity kind '" + shown + "'; the kinds are " + KNOWN
					+ ", the network in lower-case letters, digits and dashes.");
		}
		return kind;
	}

	/**
	 * The identity value of an ActivityPub actor: its URI, with {@code @} escaped so that it is never mistaken for a
	 * mail address. Every Fediverse channel writes it this way, so one person is one contact across them.
	 */
	public static String actor(String actorUri) {
		return actorUri.replace("@", "%40");
	}

	public static String handle(String network) {
		return "handle:" + network.toLowerCase(Locale.ROOT);
	}
}
