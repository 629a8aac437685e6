package org.rapport.channels.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.platform.OutboundGuard;
import org.springframework.mock.env.MockEnvironment;

import tools.jackson.databind.JsonNode;

/**
 * DPoP as Rapport's Bluesky client sends it (RFC 9449): the proof of each request, and a request refused for want of
 * the server's nonce ({@code use_dpop_nonce}) sent once more with it — at the PDS (401 with
 * {@code WWW-Authenticate: DPoP error="use_dpop_nonce"}) and at the authorization server (400). The servers are
 * WireMock answering as the atproto ones do; the whole flow against the real PDS is BlueskySignInBrowserTests.
 */
class BlueskyDpopTests {

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	final BlueskyClient client = new BlueskyClient(new OutboundGuard(true));

	final ECKey key = BlueskyDpop.newKey();

	record Signed(String token, ECKey dpopKey) implements BlueskyClient.Credential {
	}

	@Test
	void aCallThePdsRefusesForWantOfItsNonceIsSentOnceMoreWithIt() throws Exception {
		server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile")).inScenario("nonce")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"")
				.withHeader("DPoP-Nonce", "nonce-1").withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"use_dpop_nonce\",\"message\":\"Authorization server requires nonce in DPoP proof\"}"))
			.willSetStateTo("nonce given"));
		server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile")).inScenario("nonce")
			.whenScenarioStateIs("nonce given")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"did\":\"did:plc:verein\"}")));

		JsonNode profile = client.query(server.baseUrl(), new Signed("access-1", key), "app.bsky.actor.getProfile",
				Map.of("actor", List.of("verein.test")));

		assertThat(profile.path("did").asString()).isEqualTo("did:plc:verein");
		List<LoggedRequest> sent = server.findAll(getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile")));
		assertThat(sent).hasSize(2);
		for (LoggedRequest request : sent) {
			assertThat(request.getHeader("Authorization")).isEqualTo("DPoP access-1");
			SignedJWT proof = SignedJWT.parse(request.getHeader("DPoP"));
			assertThat(proof.getHeader().getType().getType()).isEqualTo("dpop+jwt");
			assertThat(proof.verify(new ECDSAVerifier(proof.getHeader().getJWK().toECKey()))).isTrue();
			assertThat(proof.getHeader().getJWK().toECKey().toPublicJWK()).isEqualTo(key.toPublicJWK());
			assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("GET");
			assertThat(proof.getJWTClaimsSet().getStringClaim("htu"))
				.isEqualTo(server.baseUrl() + "/xrpc/app.bsky.actor.getProfile");
			assertThat(proof.getJWTClaimsSet().getStringClaim("ath")).isEqualTo(BlueskyDpop.sha256("access-1"));
			assertThat(proof.getJWTClaimsSet().getJWTID()).isNotBlank();
		}
		assertThat(SignedJWT.parse(sent.get(0).getHeader("DPoP")).getJWTClaimsSet().getClaim("nonce")).isNull();
		assertThat(SignedJWT.parse(sent.get(1).getHeader("DPoP")).getJWTClaimsSet().getStringClaim("nonce"))
			.isEqualTo("nonce-1");

		// the nonce is remembered for the server: the next call carries it from the start
		client.query(server.baseUrl(), new Signed("access-1", key), "app.bsky.actor.getProfile", Map.of());
		List<LoggedRequest> all = server.findAll(getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile")));
		assertThat(all).hasSize(3);
		assertThat(SignedJWT.parse(all.get(2).getHeader("DPoP")).getJWTClaimsSet().getStringClaim("nonce"))
			.isEqualTo("nonce-1");
	}

	@Test
	void aNonceRefusedAgainIsNotSentAThirdTime() {
		server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile"))
			.willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\"")
				.withHeader("DPoP-Nonce", "always-the-same").withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"use_dpop_nonce\"}")));

		assertThatThrownBy(() -> client.query(server.baseUrl(), new Signed("access-1", key), "app.bsky.actor.getProfile",
				Map.of()))
			.isInstanceOfSatisfying(BlueskyClient.Failure.class, e -> assertThat(e.status).isEqualTo(401));
		assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile")))).hasSize(2);
	}

	@Test
	void anAppPasswordSessionCarriesItsTokenAsBearerWithoutProof() throws Exception {
		server.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{}")));

		client.query(server.baseUrl(), BlueskyClient.Credential.bearer("jwt-1"), "app.bsky.actor.getProfile", Map.of());

		LoggedRequest sent = server.findAll(getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile"))).getFirst();
		assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer jwt-1");
		assertThat(sent.containsHeader("DPoP")).isFalse();
	}

	@Test
	void thePushedAuthorizationRequestIsSentOnceMoreWithTheAuthorizationServersNonce() throws Exception {
		server.stubFor(post(urlPathEqualTo("/oauth/par")).inScenario("par").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(400).withHeader("DPoP-Nonce", "as-nonce")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"use_dpop_nonce\",\"error_description\":\"Authorization server requires nonce in DPoP proof\"}"))
			.willSetStateTo("nonce given"));
		server.stubFor(post(urlPathEqualTo("/oauth/par")).inScenario("par").whenScenarioStateIs("nonce given")
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody("{\"request_uri\":\"urn:ietf:params:oauth:request_uri:req-1\",\"expires_in\":299}")));
		BlueskyOAuth oauth = new BlueskyOAuth(client, new MockEnvironment());
		var as = new BlueskyOAuth.Server(server.baseUrl(), URI.create(server.baseUrl() + "/oauth/par"),
				URI.create(server.baseUrl() + "/oauth/authorize"), URI.create(server.baseUrl() + "/oauth/token"));

		URI onward = oauth.pushed(as, "http://localhost?scope=atproto", "http://127.0.0.1:8080/back", "state-1",
				"challenge-1", "verein.test", key);

		assertThat(onward.toString()).isEqualTo(server.baseUrl() + "/oauth/authorize?client_id="
				+ "http%3A%2F%2Flocalhost%3Fscope%3Datproto&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Areq-1");
		List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/oauth/par")));
		assertThat(sent).hasSize(2);
		assertThat(sent.get(1).getBodyAsString()).contains("code_challenge_method=S256", "state=state-1",
				"login_hint=verein.test", "scope=atproto+transition%3Ageneric+transition%3Achat.bsky");
		SignedJWT proof = SignedJWT.parse(sent.get(1).getHeader("DPoP"));
		assertThat(proof.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("as-nonce");
		assertThat(proof.getJWTClaimsSet().getClaim("ath")).as("no access token towards the authorization server").isNull();
		assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("POST");
	}
}
