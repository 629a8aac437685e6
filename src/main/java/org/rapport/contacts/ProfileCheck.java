package org.rapport.contacts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A judgement of a network account's public profile ({@link PublicProfile}) that another module makes, shown with
 * the profile on the contact's page: whether the account looks bought, and why. A module that can judge profiles
 * provides one; without one the page shows the profile alone.
 */
public interface ProfileCheck {

	/**
	 * The judgement of one identity's profile in the reader's language, or empty when the profile tells too little
	 * to judge (no counts, no age).
	 *
	 * @param identityKind the identity's kind ({@code activitypub}, {@code handle:bluesky}, …)
	 */
	Optional<Finding> check(UUID workspaceId, UUID identityId, String identityKind, PublicProfile profile, Locale locale);

	/**
	 * A judgement: whether the account looks bought, how likely that is (0..1), the reasons as sentences, and where a
	 * person marks the account as bought or genuine to teach the judge ({@code markAction}, a form's address).
	 */
	record Finding(boolean bought, double likelihood, List<String> reasons, String markAction) {

		/** The likelihood in whole percent, for display. */
		public long percent() {
			return Math.round(likelihood * 100);
		}
	}
}
