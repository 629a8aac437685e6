package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentitiesTests {

	@Test
	void normalisesPhoneNumbersToE164() {
		assertThat(Identities.normalise(IdentityKind.PHONE, "030 5550 1234")).isEqualTo("+493055501234");
		assertThat(Identities.normalise(IdentityKind.PHONE, "+49 (30) 5550-1234")).isEqualTo("+493055501234");
		assertThat(Identities.normalise(IdentityKind.PHONE, "0151 55501234")).isEqualTo("+4915155501234");
		assertThatThrownBy(() -> Identities.normalise(IdentityKind.PHONE, "Telefon")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void normalisesEmailsAndHandles() {
		assertThat(Identities.normalise(IdentityKind.EMAIL, " Erika.Muster@Example.ORG ")).isEqualTo("erika.muster@example.org");
		assertThat(Identities.normalise(IdentityKind.handle("mastodon"), "@Erika@social.example")).isEqualTo("erika@social.example");
		assertThatThrownBy(() -> Identities.normalise(IdentityKind.EMAIL, "not an address@")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Identities.normalise(IdentityKind.handle("api"), "two words")).isInstanceOf(IllegalArgumentException.class);
	}
}
