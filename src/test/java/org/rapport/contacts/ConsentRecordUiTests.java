package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/** Staff record a consent given on paper or by phone from the contact page. */
class ConsentRecordUiTests extends IntegrationTest {

	@Test
	void aConsentGivenOnPaperIsRecordedWithItsWording() throws Exception {
		String id = api.post("/api/v1/contacts", Map.of("name", "Frieda Foto", "identities", List.of())).json().get("id").asString();
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var page = ui.get("/contacts/" + id);
		assertThat(page.body()).contains("Einwilligung erfassen").contains("Berechtigtes Interesse");

		var saved = ui.form("/contacts/" + id + "/consents", Map.of("_csrf", UiSession.csrf(page.body()),
				"purpose", "event_photos", "lawfulBasis", "consent", "source", "paper",
				"text", "Ich bin einverstanden, dass Fotos von mir auf der Website erscheinen."));
		assertThat(saved.status()).isEqualTo(302);
		var consents = api.get("/api/v1/contacts/" + id + "/consents").json().get("items");
		assertThat(consents).hasSize(1);
		assertThat(consents.get(0).get("purpose").asString()).isEqualTo("event_photos");
		assertThat(consents.get(0).get("source").asString()).isEqualTo("paper");
		assertThat(consents.get(0).get("textShown").asString()).startsWith("Ich bin einverstanden");
		assertThat(ui.get("/contacts/" + id).body()).contains("Fotos bei Veranstaltungen").contains("Einwilligung erteilt");
		var timeline = api.get("/api/v1/contacts/" + id).json().get("timeline");
		assertThat(timeline.get(0).get("type").asString()).isEqualTo("consent");
		assertThat(timeline.get(0).get("channel").asString()).isEqualTo("consent_given");
		assertThat(timeline.get(0).get("title").asString()).isEqualTo("event_photos");

		String consentId = api.get("/api/v1/contacts/" + id + "/consents").json().get("items").get(0).get("id").asString();
		api.post("/api/v1/contacts/" + id + "/consents/" + consentId + "/withdraw", Map.of());
		var afterWithdrawal = api.get("/api/v1/contacts/" + id).json().get("timeline");
		assertThat(afterWithdrawal.get(0).get("channel").asString()).isEqualTo("consent_withdrawn");
		assertThat(afterWithdrawal.get(0).get("direction").asString()).isEqualTo("out");
		assertThat(ui.get("/contacts/" + id).body()).contains("Einwilligung widerrufen");

		var refused = ui.form("/contacts/" + id + "/consents", Map.of("_csrf", UiSession.csrf(page.body()),
				"purpose", "newsletter", "lawfulBasis", "whim", "text", "x"));
		assertThat(refused.status()).isEqualTo(302);
		assertThat(ui.get("/contacts/" + id).body()).contains("Unbekannte Rechtsgrundlage „whim“");
		assertThat(api.get("/api/v1/contacts/" + id + "/consents").json().get("items")).hasSize(1);
	}
}
