package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ContactTests {

	private static String initials(String name) {
		return new Contact(UUID.randomUUID(), name, "", Instant.now(), List.of()).initials();
	}

	@Test
	void initialsAreTheFirstLettersOfTheFirstAndTheLastWord() {
		assertThat(initials("Anna Schmidt")).isEqualTo("AS");
		assertThat(initials("anna maria von schmidt")).isEqualTo("AS");
		assertThat(initials("Ömer")).isEqualTo("Ö");
		assertThat(initials("anna@example.org")).isEqualTo("A");
		assertThat(initials("  (Jörg)  \"Ü\" ")).isEqualTo("JÜ");
		assertThat(initials("— …")).isEqualTo("?");
	}
}
