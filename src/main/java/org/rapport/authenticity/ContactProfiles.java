package org.rapport.authenticity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.rapport.contacts.ProfileCheck;
import org.rapport.contacts.PublicProfile;
import org.springframework.stereotype.Component;

/**
 * The bought-follower model's judgement of the accounts that write to the organisation, shown with their public
 * profile on the contact's page; marking one there teaches the workspace's model as a mark in an audit does.
 */
@Component
class ContactProfiles implements ProfileCheck {

	private final BoughtFollowers followers;

	ContactProfiles(BoughtFollowers followers) {
		this.followers = followers;
	}

	@Override
	public Optional<Finding> check(UUID workspaceId, UUID identityId, String identityKind, PublicProfile profile,
			Locale locale) {
		if (profile.followers() == null && profile.following() == null && profile.posts() == null
				&& profile.createdAt() == null) {
			return Optional.empty();
		}
		try {
			ProfileVerdict verdict = followers.score(workspaceId, List.of(of(identityId, identityKind, profile)), locale)
				.getFirst();
			return Optional.of(new Finding(BoughtFollowers.BOUGHT.equals(verdict.verdict()), verdict.bought(),
					verdict.reasons().stream().map(Reason::text).toList(),
					"/authenticity/identities/" + identityId + "/mark"));
		}
		catch (RefusedInput e) {
			return Optional.empty(); // a profile the model cannot take (a creation date after it was read): no verdict
		}
	}

	/**
	 * A stored public profile as the model reads profiles: its picture stands for "not the default one" only where
	 * the network told it, its profile page is not a website the account gives.
	 */
	static Profile of(UUID identityId, String identityKind, PublicProfile p) {
		String network = identityKind.startsWith("handle:") ? identityKind.substring("handle:".length()) : identityKind;
		return new Profile(identityId.toString(), network, p.handle(), p.name(), p.bio(), null, null, p.createdAt(),
				p.observedAt(), p.posts(), p.followers(), p.following(), null, null, null, p.avatarUrl(), null, null,
				null, null, null);
	}
}
