package org.rapport.channels.webform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

class WebFormIntegrationTests extends IntegrationTest {

	Api.Response submit(Map<String, Object> form) {
		return new Api(baseUrl(), null).post("/f/" + workspace.slug(), form);
	}

	@Test
	void acceptsASubmissionAndRecordsTheConsentWithMaskedAddress() {
		Api.Response response = submit(Map.of("name", "Mara Klein", "email", "Mara@Example.net", "message", "Ich möchte helfen.", "consent", true));
		assertThat(response.status()).isEqualTo(201);
		var item = api.get("/api/v1/conversations?channel=webform").json().get("items").get(0);
		assertThat(item.get("contact").get("handle").asString()).isEqualTo("mara@example.net");
		var consent = jdbc.sql("select purpose, text_version, ip_masked, text_shown from consents where workspace_id = ?")
			.param(workspace.id()).query((rs, n) -> Map.of("purpose", rs.getString(1), "version", rs.getInt(2), "ip", rs.getString(3), "text", rs.getString(4)))
			.single();
		assertThat(consent.get("purpose")).isEqualTo("contact_form");
		assertThat(consent.get("version")).isEqualTo(1);
		assertThat(consent.get("ip")).isEqualTo("127.0.0.0");
		assertThat((String) consent.get("text")).contains("einverstanden");
	}

	@Test
	void refusesMissingFieldsAndConsentAndDropsHoneypotSpam() {
		Api.Response missing = submit(Map.of("name", "", "email", "kein-mail", "message", "Hallo", "consent", false));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("errors").get("name").asString()).isEqualTo("required");
		assertThat(missing.json().get("errors").get("email").asString()).isEqualTo("invalid");
		assertThat(missing.json().get("errors").get("consent").asString()).isEqualTo("required");
		Api.Response bot = submit(Map.of("name", "Bot", "email", "bot@example.net", "message", "Cheap pills", "consent", true, "website", "http://spam.example"));
		assertThat(bot.status()).isEqualTo(201);
		assertThat(api.get("/api/v1/conversations").json().get("items")).isEmpty();
		assertThat(new Api(baseUrl(), null).post("/f/no-such-workspace", Map.of()).status()).isEqualTo(404);
	}

	@org.springframework.beans.factory.annotation.Autowired
	WebForms forms;

	@Test
	void letsOtherSitesPostJsonAndFrameThePage() {
		var preflight = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/f/" + workspace.slug()))
			.header("Origin", "https://www.verein.example").header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody());
		Api.Response answer = new Api(baseUrl(), null).send(preflight);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValueSatisfying(v -> assertThat(v).isIn("*", "https://www.verein.example"));
		Api.Response page = new Api(baseUrl(), null).get("/f/" + workspace.slug());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors *"));
		assertThat(page.body()).contains("name=\"website\"").contains("einverstanden");
	}

	@Test
	void versionsChangedConsentText() {
		assertThat(forms.settings(workspace.id()).consentVersion()).isEqualTo(1);
		assertThat(forms.save(workspace.id(), "Neuer Text.", "Danke!").consentVersion()).isEqualTo(2);
		assertThat(forms.save(workspace.id(), "Neuer Text.", "Danke sehr!").consentVersion()).isEqualTo(2);
		submit(Map.of("name", "Vera", "email", "vera@example.net", "message", "Hallo", "consent", true));
		assertThat(jdbc.sql("select text_version from consents where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void limitsFloodsFromOneAddress() {
		int last = 0;
		for (int i = 0; i < WebForms.LIMIT + 1; i++) {
			last = submit(Map.of("name", "Flut " + i, "email", "flood" + i + "@example.net", "message", "Nachricht " + i, "consent", true)).status();
		}
		assertThat(last).isEqualTo(429);
		assertThat(api.get("/api/v1/conversations?channel=webform").json().get("items")).hasSize(WebForms.LIMIT);
	}
}
