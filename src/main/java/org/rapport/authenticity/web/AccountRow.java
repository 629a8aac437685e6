package org.rapport.authenticity.web;

import org.rapport.authenticity.ProfileVerdict;

/** One checked account on the page: the verdict, how to call the account, and its profile to mark it with. */
public record AccountRow(ProfileVerdict verdict, String name, String network, String profileJson) {
}
