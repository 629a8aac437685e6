package org.rapport.authenticity.web;

import org.rapport.authenticity.ProfileVerdict;

/**
 * One checked account on the page: the verdict, how to call the account, and its profile to mark it with; in an
 * audit also whether it says it is a bot and the team's own judgement of it ({@code null} where not known).
 */
public record AccountRow(ProfileVerdict verdict, String name, String network, String profileJson, Boolean bot,
		String label) {

	public AccountRow(ProfileVerdict verdict, String name, String network, String profileJson) {
		this(verdict, name, network, profileJson, null, null);
	}
}
