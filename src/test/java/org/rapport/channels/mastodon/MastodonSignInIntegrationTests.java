package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channels;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signing in with a Mastodon instance (OAuth 2 authorization code with PKCE), against answers written from the
 * Mastodon documentation: Rapport registers once per instance, the code comes back with the state it sent, and the
 * verifier it proves matches the challenge it showed.
 */
class MastodonSignInIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension instance = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	Channels channels;

	private static String file(String name) {
		return MastodonAnswers.file(name);
	}

	@BeforeEach
	void anInstance() {
		instance.stubFor(post("/api/v1/apps").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(file("app.json"))));
		instance.stubFor(post("/oauth/token").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(file("token.json"))));
		instance.stubFor(get("/api/v1/accounts/verify_credentials")
			.withHeader("Authorization", equalTo("Bearer ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(file("verify_credentials.json"))));
	}

	private static Map<String, String> query(String location) {
		return UiSession.formFields(URI.create(location).getRawQuery());
	}

	private UiSession.Page startSignIn(UiSession ui) throws Exception {
		String csrf = UiSession.csrf(ui.get("/settings/channels").body());
		return ui.form("/settings/channels/connect/mastodon/sign-in",
				Map.of("_csrf", csrf, "instance", instance.baseUrl(), "name", "Kita auf Mastodon"));
	}

	@Test
	void aManagerSignsInWithTheInstanceAndTheAccountIsConnected() throws Exception {
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		var sent = startSignIn(ui);
		assertThat(sent.onward()).startsWith(instance.baseUrl() + "/oauth/authorize?");
		Map<String, String> authorize = query(sent.onward());
		assertThat(authorize).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
			.containsEntry("client_id", "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM")
			.containsEntry("scope", "read write:statuses write:media");
		assertThat(authorize.get("redirect_uri")).endsWith("/settings/channels/callback/mastodon");

		var back = ui.get("/settings/channels/callback/mastodon?code=splx9Ltz&state=" + authorize.get("state"));
		assertThat(back.location()).endsWith("/settings/channels");
		var channel = channels.byKey(workspace.id(), "mastodon").orElseThrow();
		assertThat(channel.name()).isEqualTo("Kita auf Mastodon");
		assertThat(channel.config()).containsEntry("accessToken", "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0")
			.containsEntry("instance", instance.baseUrl());

		var tokenRequest = instance.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))).getFirst();
		Map<String, String> form = UiSession.formFields(tokenRequest.getBodyAsString());
		assertThat(form).containsEntry("code", "splx9Ltz").containsEntry("grant_type", "authorization_code");
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
			.digest(form.get("code_verifier").getBytes(StandardCharsets.US_ASCII)));
		assertThat(challenge).as("the verifier proves the challenge shown to the instance")
			.isEqualTo(authorize.get("code_challenge"));

		startSignIn(ui);
		instance.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/apps")));
		assertThat(jdbc.sql("select client_secret from mastodon_apps").query(String.class).list())
			.noneMatch(secret -> secret.contains("ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw"));

		// a registration made before replies carried files has fewer scopes: Rapport registers anew, once
		jdbc.sql("update mastodon_apps set scopes = 'read write:statuses' where instance = ?").param(instance.baseUrl())
			.update();
		startSignIn(ui);
		startSignIn(ui);
		instance.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/apps")));
		instance.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/apps"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.scopes",
					equalTo("read write:statuses write:media"))));
		assertThat(jdbc.sql("select scopes from mastodon_apps where instance = ?").param(instance.baseUrl())
			.query(String.class).single()).isEqualTo("read write:statuses write:media");
	}

	@Test
	void aCallbackWithAnotherStateOrADenialConnectsNothing() throws Exception {
		var ui = new UiSession(baseUrl()).login(ownerEmail, PASSWORD);
		startSignIn(ui);
		var forged = ui.get("/settings/channels/callback/mastodon?code=stolen&state=not-the-one");
		assertThat(forged.location()).endsWith("/settings/channels");
		assertThat(channels.byKey(workspace.id(), "mastodon")).isEmpty();

		var denied = query(startSignIn(ui).onward());
		ui.get("/settings/channels/callback/mastodon?error=access_denied&state=" + denied.get("state"));
		assertThat(channels.byKey(workspace.id(), "mastodon")).isEmpty();
		instance.verify(0, postRequestedFor(urlPathEqualTo("/oauth/token")));
	}
}
