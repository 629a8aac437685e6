package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

class ConsentWithdrawalIntegrationTests extends IntegrationTest {

	@Autowired
	ConsentLinks links;

	final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	record Page(int status, String body) {
	}

	Page get(String pathAndQuery) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
			.header("Accept-Language", "de-DE").GET().build(), HttpResponse.BodyHandlers.ofString());
		return new Page(response.statusCode(), response.body());
	}

	Page post(String c, String t, String csrf) throws Exception {
		String form = "c=" + URLEncoder.encode(c, StandardCharsets.UTF_8) + "&t=" + URLEncoder.encode(t, StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		var response = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/privacy/withdraw"))
			.header("Accept-Language", "de-DE").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		return new Page(response.statusCode(), response.body());
	}

	static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("CSRF field in " + html).isTrue();
		return m.group(1);
	}

	UUID submitForm(String email) {
		assertThat(new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", "Mara Klein", "email", email,
				"message", "Hallo", "consent", true)).status()).isEqualTo(201);
		return jdbc.sql("select contact_id from identities where workspace_id = ? and value = ?").params(workspace.id(), email)
			.query(UUID.class).single();
	}

	Map<String, Object> state(UUID consentId) {
		return jdbc.sql("select withdrawn_at is not null, coalesce(withdrawn_by, '') from consents where id = ?").param(consentId)
			.query((rs, n) -> Map.<String, Object>of("withdrawn", rs.getBoolean(1), "by", rs.getString(2))).single();
	}

	@Test
	void thePersonWithdrawsThroughTheSignedLinkWithoutLoggingIn() throws Exception {
		UUID contact = submitForm("mara@example.net");
		var consent = api.get("/api/v1/contacts/" + contact + "/consents").json().get("items").get(0);
		UUID consentId = UUID.fromString(consent.get("id").asString());
		String link = consent.get("withdrawLink").asString();
		assertThat(link).contains("/privacy/withdraw?c=" + consentId + "&t=");
		String path = link.substring(link.indexOf("/privacy/withdraw"));

		Page page = get(path);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Einwilligung widerrufen", "Kontaktformular", "einverstanden", workspace.name());
		Page english = get(path + "&lang=en");
		assertThat(english.body()).contains("Withdraw consent", "Contact form");
		assertThat(state(consentId)).containsEntry("withdrawn", false);

		String t = path.substring(path.indexOf("&t=") + 3);
		Page done = post(consentId.toString(), t, csrf(get(path).body()));
		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body()).contains("widerrufen");
		assertThat(state(consentId)).isEqualTo(Map.of("withdrawn", true, "by", "person"));
		assertThat(api.get("/api/v1/contacts/" + contact + "/consents").json().get("items").get(0).get("withdrawnBy").asString())
			.isEqualTo("person");
		assertThat(get(path).body()).doesNotContain("name=\"t\"");
	}

	@Test
	void aTamperedOrUnknownLinkIsRefusedAndChangesNothing() throws Exception {
		UUID contact = submitForm("tom@example.net");
		UUID consentId = jdbc.sql("select id from consents where contact_id = ?").param(contact).query(UUID.class).single();
		String token = links.token(consentId);
		String tampered = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
		UUID other = submitForm("vera@example.net");
		UUID otherConsent = jdbc.sql("select id from consents where contact_id = ?").param(other).query(UUID.class).single();

		for (String query : new String[] { "?c=" + consentId + "&t=" + tampered, "?c=" + otherConsent + "&t=" + token,
				"?c=" + UUID.randomUUID() + "&t=" + token, "?c=" + consentId, "?c=kaputt&t=" + token, "" }) {
			Page page = get("/privacy/withdraw" + query);
			assertThat(page.status()).as(query).isEqualTo(400);
			assertThat(page.body()).as(query).contains("Dieser Link ist ungültig").doesNotContain("einverstanden");
		}
		UUID unknown = UUID.randomUUID();
		assertThat(get("/privacy/withdraw?c=" + unknown + "&t=" + links.token(unknown)).status()).isEqualTo(400);

		String csrf = csrf(get("/privacy/withdraw?c=" + consentId + "&t=" + token).body());
		assertThat(post(consentId.toString(), tampered, csrf).status()).isEqualTo(400);
		assertThat(post(otherConsent.toString(), token, csrf).status()).isEqualTo(400);
		assertThat(state(consentId)).containsEntry("withdrawn", false);
		assertThat(state(otherConsent)).containsEntry("withdrawn", false);
	}

	@Test
	void staffWithdrawAndRecordConsentsWithALawfulBasis() {
		UUID contact = submitForm("lea@example.net");
		var recorded = api.post("/api/v1/contacts/" + contact + "/consents", Map.of("purpose", "event_photos",
				"lawfulBasis", "legitimate_interest", "source", "event", "text", "Hinweis auf Fotos beim Sommerfest"));
		assertThat(recorded.status()).isEqualTo(201);
		assertThat(recorded.json().get("lawfulBasis").asString()).isEqualTo("legitimate_interest");
		assertThat(api.post("/api/v1/contacts/" + contact + "/consents", Map.of("purpose", "x", "lawfulBasis", "because",
				"source", "event", "text", "t")).status()).isEqualTo(400);
		UUID consentId = UUID.fromString(recorded.json().get("id").asString());

		UUID stranger = submitForm("jan@example.net");
		assertThat(api.post("/api/v1/contacts/" + stranger + "/consents/" + consentId + "/withdraw", Map.of()).status())
			.isEqualTo(404);
		var withdrawn = api.post("/api/v1/contacts/" + contact + "/consents/" + consentId + "/withdraw", Map.of());
		assertThat(withdrawn.status()).isEqualTo(200);
		assertThat(withdrawn.json().get("withdrawnBy").asString()).isEqualTo("staff");
		assertThat(withdrawn.json().get("withdrawnAt").isNull()).isFalse();
		assertThat(state(consentId)).isEqualTo(Map.of("withdrawn", true, "by", "staff"));
		// The web form consent of the same person is untouched.
		assertThat(jdbc.sql("select count(*) from consents where contact_id = ? and withdrawn_at is null").param(contact)
			.query(Integer.class).single()).isEqualTo(1);
	}
}
