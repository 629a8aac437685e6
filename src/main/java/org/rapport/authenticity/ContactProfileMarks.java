package org.rapport.authenticity;

import java.util.List;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.springframework.stereotype.Component;

/** The team's judgement of an account that wrote to it, taken from the profile its contact keeps. */
@Component
public class ContactProfileMarks {

	private final Contacts contacts;
	private final BoughtFollowers followers;

	ContactProfileMarks(Contacts contacts, BoughtFollowers followers) {
		this.contacts = contacts;
		this.followers = followers;
	}

	/**
	 * Teaches the workspace's model that the account behind the contact's identity is {@code label}
	 * ({@code bought} or {@code genuine}), as the profile was last read.
	 */
	public Learned mark(CurrentUser by, UUID contactId, UUID identityId, String label) {
		Contact.Identity identity = contacts.get(by.workspaceId(), ContactId.of(contactId)).identities().stream()
			.filter(i -> i.id().equals(identityId) && i.profile() != null)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No network profile for this identity."));
		return followers.learn(by, List.of(ContactProfiles.of(identityId, identity.kind(), identity.profile())
			.labelled(label)));
	}
}
