package org.rapport.contacts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

import tools.jackson.databind.JsonNode;

/**
 * The public profile a network shows of a sender is kept with the identity: taken with a message, refreshed by the
 * next one without losing what that one does not tell, refused with the field named when malformed, shown on the
 * contact's page, and its picture passed on by the server (never an SVG).
 */
class PublicProfilesIntegrationTests extends IntegrationTest {

	/** The smallest PNG: one transparent pixel. */
	private static final byte[] PNG = java.util.Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

	@RegisterExtension
	static WireMockExtension pictures = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private Api.Response send(String externalId, String handle, Map<String, Object> profile) {
		Map<String, Object> from = new LinkedHashMap<>();
		from.put("handle", handle);
		from.put("name", "Anna Berger");
		from.put("profile", profile);
		return api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "from", from,
				"subject", "Frage", "body", "Wann öffnet die Kita?"));
	}

	private JsonNode identityOf(String handle) {
		JsonNode contacts = api.get("/api/v1/contacts?q=" + handle).json().get("items");
		assertThat(contacts).hasSize(1);
		return api.get("/api/v1/contacts/" + contacts.get(0).get("id").asString()).json();
	}

	@Test
	void aProfileIsKeptRefreshedWithoutLosingPartsAndShownWithItsPicture() throws Exception {
		pictures.stubFor(get("/anna.png").willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("handle", "@AnnaB@social.example");
		profile.put("name", "Anna B.");
		profile.put("avatarUrl", pictures.baseUrl() + "/anna.png");
		profile.put("bio", "Mutter von zwei <b>Kita</b>-Kindern & Elternbeirat");
		profile.put("url", "https://social.example/@AnnaB");
		profile.put("followers", 12);
		profile.put("following", 30);
		profile.put("posts", 200);
		profile.put("createdAt", "2019-05-04T10:15:00Z");
		profile.put("bot", false);
		assertThat(send("p-1", "annab", profile).status()).isEqualTo(201);

		JsonNode contact = identityOf("annab");
		JsonNode shown = contact.get("identities").get(0).get("profile");
		assertThat(shown.get("handle").asString()).isEqualTo("@AnnaB@social.example");
		assertThat(shown.get("followers").asLong()).isEqualTo(12);
		assertThat(shown.get("following").asLong()).isEqualTo(30);
		assertThat(shown.get("posts").asLong()).isEqualTo(200);
		assertThat(shown.get("createdAt").asString()).isEqualTo("2019-05-04T10:15:00Z");
		assertThat(shown.get("observedAt").isNull()).isFalse();

		// The next message tells only the new count: the rest stays as it was.
		assertThat(send("p-2", "annab", Map.of("followers", 13)).status()).isEqualTo(201);
		shown = identityOf("annab").get("identities").get(0).get("profile");
		assertThat(shown.get("followers").asLong()).isEqualTo(13);
		assertThat(shown.get("bio").asString()).isEqualTo("Mutter von zwei <b>Kita</b>-Kindern & Elternbeirat");
		assertThat(shown.get("posts").asLong()).isEqualTo(200);

		String contactId = contact.get("id").asString();
		String identityId = contact.get("identities").get(0).get("id").asString();
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		String page = ui.get("/contacts/" + contactId).body();
		assertThat(page).contains("@AnnaB@social.example", "13", "&lt;b&gt;Kita&lt;/b&gt;", "href=\"https://social.example/@AnnaB\"")
			.doesNotContain("<b>Kita</b>")
			.contains("/contacts/" + contactId + "/identities/" + identityId + "/avatar")
			.doesNotContain(pictures.baseUrl());

		HttpResponse<byte[]> picture = picture(ui, "/contacts/" + contactId + "/identities/" + identityId + "/avatar");
		assertThat(picture.statusCode()).isEqualTo(200);
		assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(picture.body()).isEqualTo(PNG);

		// The bought-follower model judges the account from its counts and age, and learns from a mark.
		assertThat(page).containsAnyOf("wirkt echt", "wirkt gekauft");
		String form = "/authenticity/identities/" + identityId + "/mark";
		assertThat(page).contains(form);
		var marked = ui.form(form, Map.of("_csrf", UiSession.csrf(page), "contact", contactId, "label", "bought"));
		assertThat(marked.location()).endsWith("/contacts/" + contactId + "#identities");
		assertThat(jdbc.sql("select label from authenticity_judgements where workspace_id = ? and kind = 'profiles'")
			.param(workspace.id()).query(String.class).list()).containsExactly("bought");
	}

	@Test
	void aPictureThatIsNoImageIsNotPassedOn() throws Exception {
		pictures.stubFor(get("/evil.svg").willReturn(aResponse().withHeader("Content-Type", "image/svg+xml")
			.withBody("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")));
		assertThat(send("s-1", "svgperson", Map.of("avatarUrl", pictures.baseUrl() + "/evil.svg")).status()).isEqualTo(201);
		JsonNode contact = identityOf("svgperson");
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		HttpResponse<byte[]> picture = picture(ui, "/contacts/" + contact.get("id").asString() + "/identities/"
				+ contact.get("identities").get(0).get("id").asString() + "/avatar");
		assertThat(picture.statusCode()).isEqualTo(404);
		assertThat(new String(picture.body())).doesNotContain("<script");
	}

	@Test
	void aMalformedProfileIsRefusedNamingTheFieldAndNothingIsStored() {
		Api.Response scheme = send("b-1", "badperson", Map.of("avatarUrl", "javascript:alert(1)"));
		assertThat(scheme.status()).isEqualTo(400);
		assertThat(scheme.body()).contains("from.profile.avatarUrl");
		Api.Response date = send("b-2", "badperson", Map.of("createdAt", "yesterday"));
		assertThat(date.status()).isEqualTo(400);
		assertThat(date.body()).contains("from.profile.createdAt");
		Api.Response negative = send("b-3", "badperson", Map.of("followers", -5));
		assertThat(negative.status()).isEqualTo(400);
		assertThat(negative.body()).contains("from.profile.followers");
		assertThat(api.get("/api/v1/contacts?q=badperson").json().get("items")).isEmpty();
	}

	private HttpResponse<byte[]> picture(UiSession ui, String path) throws Exception {
		return ui.bytes(path);
	}
}
