package org.rapport.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person the workspace is in touch with, and every way to reach them. */
public record Contact(UUID id, String name, String note, Instant createdAt, List<Identity> identities) {

	/**
	 * One way to reach the person.
	 *
	 * @param profile what the network shows of the account, where a connector read it (only on a single contact's
	 * view, {@code null} in lists)
	 */
	public record Identity(UUID id, String kind, String value, PublicProfile profile) {

		public Identity(UUID id, String kind, String value) {
			this(id, kind, value, null);
		}

		/** The value as a person reads it: a Fediverse actor's address with its "@" again, not "%40". */
		public String shown() {
			return IdentityKind.ACTIVITYPUB.equals(kind) ? value.replace("%40", "@") : value;
		}
	}

	/** The first email address, phone number or handle, whichever comes first, for a one-line display. */
	public String primaryHandle() {
		return identities.isEmpty() ? "" : identities.getFirst().value();
	}

	/**
	 * Up to two letters for an avatar: the first letter of the name's first and of its last word ("Anna Schmidt"
	 * gives "AS", "anna@example.org" gives "A"); "?" for a name without letters or digits.
	 */
	public String initials() {
		StringBuilder letters = new StringBuilder();
		String[] words = name == null ? new String[0] : name.strip().split("\\s+");
		for (String word : words.length > 2 ? new String[] { words[0], words[words.length - 1] } : words) {
			word.codePoints().filter(Character::isLetterOrDigit).findFirst().ifPresent(letters::appendCodePoint);
		}
		return letters.isEmpty() ? "?" : letters.toString().toUpperCase(java.util.Locale.ROOT);
	}
}
