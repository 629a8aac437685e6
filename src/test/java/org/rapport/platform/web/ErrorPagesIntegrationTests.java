package org.rapport.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/** A page that is not there says so in the reader's language, and names that language for screen readers. */
class ErrorPagesIntegrationTests extends IntegrationTest {

	@Test
	void aMissingPageNamesItsLanguage() throws Exception {
		UiSession ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		UiSession.Page german = ui.get("/inbox/" + UUID.randomUUID());
		assertThat(german.status()).isEqualTo(404);
		assertThat(german.body()).contains("<html lang=\"de\"").contains("Etwas ist schiefgegangen");
		UiSession.Page english = ui.get("/contacts/" + UUID.randomUUID() + "?lang=en");
		assertThat(english.status()).isEqualTo(404);
		assertThat(english.body()).contains("<html lang=\"en\"");
	}
}
