package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdentityShownTests {

	@Test
	void aFediverseAddressReadsWithItsAtSignAndOtherValuesAsTheyAre() {
		String actor = IdentityKind.actor("https://social.example/@lena");
		assertThat(actor).as("stored percent-encoded").isEqualTo("https://social.example/%40lena");
		assertThat(new Contact.Identity(UUID.randomUUID(), IdentityKind.ACTIVITYPUB, actor).shown())
			.isEqualTo("https://social.example/@lena");
		assertThat(new Contact.Identity(UUID.randomUUID(), IdentityKind.EMAIL, "a%40b@example.org").shown())
			.isEqualTo("a%40b@example.org");
	}
}
