package org.rapport.channels.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.SecretBox;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The checks of the sign-in with Bluesky when the manager comes back, and the lifecycle of its tokens, against an
 * authorization server and PDS answering as atproto's do (WireMock): a wrong issuer ({@code iss}) or a token for
 * another account ({@code sub}) refuses the connect with a clear reason and keeps nothing; an unknown state is
 * refused; a refresh that brings no new refresh token keeps the old one; a refused refresh marks the channel
 * "reconnect needed". The whole flow against the real PDS is BlueskySignInBrowserTests.
 */
class BlueskySignInIntegrationTests extends IntegrationTest {

	@RegisterExtension
	static WireMockExtension as = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	BlueskySignIn signIn;

	@Autowired
	BlueskySessions sessions;

	@Autowired
	BlueskyClient client;

	@Autowired
	SecretBox secrets;

	@Autowired
	Channels channels;

	final URI callback = URI.create("http://127.0.0.1:8080/settings/channels/callback/bluesky");

	/** A sign-in under way for the account, as start() keeps it after its pushed authorization request. */
	private String started(String did, String handle, ECKey key) {
		String state = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into bluesky_oauth_requests(state, issuer, token_endpoint, pds, did, handle, client_id, redirect_uri,
				  dpop_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(state, as.baseUrl(), as.baseUrl() + "/oauth/token", as.baseUrl(), did, handle,
					"http://localhost?scope=atproto", callback.toString(), secrets.seal(BlueskyDpop.stored(key)))
			.update();
		return state;
	}

	private int sessionsOf(String handle) {
		return jdbc.sql("select count(*) from bluesky_sessions where identifier = ?").param(handle).query(Integer.class)
			.single();
	}

	private void tokenAnswers(String sub, String refresh) {
		as.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"access-" + sub + "\",\"token_type\":\"DPoP\",\"expires_in\":3600,"
					+ "\"scope\":\"atproto transition:generic transition:chat.bsky\",\"sub\":\"" + sub + "\""
					+ (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"") + "}")));
	}

	@Test
	void aSignInThatComesBackFromAnotherIssuerIsRefusedAndNothingIsKept() {
		String handle = "iss" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		tokenAnswers("did:plc:iss", "refresh-1");
		String state = started("did:plc:iss", handle, BlueskyDpop.newKey());

		assertThatThrownBy(() -> signIn.finish(Map.of(), callback,
				new ChannelConnector.SignIn.Returned("code-1", state, "https://elsewhere.example"), "verifier"))
			.isInstanceOf(InvalidFieldException.class)
			.hasMessage("The sign-in came back from another server (https://elsewhere.example) than it was started with ("
					+ as.baseUrl() + "); nothing was connected.");
		assertThatThrownBy(() -> signIn.finish(Map.of(), callback,
				new ChannelConnector.SignIn.Returned("code-1", "unknown-state", as.baseUrl()), "verifier"))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not started here or has expired");
		assertThat(as.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")))).as("the code was not exchanged").isEmpty();
		assertThat(sessionsOf(handle)).isZero();
		assertThat(jdbc.sql("select count(*) from bluesky_oauth_requests where state = ?").param(state)
			.query(Integer.class).single()).as("the state is spent").isZero();
	}

	@Test
	void tokensOfAnotherAccountAreRefusedAndNothingIsKept() {
		String handle = "sub" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		tokenAnswers("did:plc:someoneelse", "refresh-1");
		String state = started("did:plc:asked", handle, BlueskyDpop.newKey());

		assertThatThrownBy(() -> signIn.finish(Map.of(), callback,
				new ChannelConnector.SignIn.Returned("code-1", state, as.baseUrl()), "verifier-1"))
			.isInstanceOf(InvalidFieldException.class)
			.hasMessage("Bluesky signed in another account (did:plc:someoneelse) than " + handle
					+ " (did:plc:asked); nothing was connected.");
		assertThat(as.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")))).singleElement()
			.satisfies(r -> assertThat(r.getBodyAsString()).contains("grant_type=authorization_code", "code=code-1",
					"code_verifier=verifier-1"));
		assertThat(sessionsOf(handle)).isZero();
	}

	@Test
	void theRightAccountIsKeptAndItsChannelCarriesTheGrant() {
		String handle = "ok" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		tokenAnswers("did:plc:ok", "refresh-1");
		String state = started("did:plc:ok", handle, BlueskyDpop.newKey());

		Map<String, String> config = signIn.finish(Map.of(), callback,
				new ChannelConnector.SignIn.Returned("code-1", state, as.baseUrl()), "verifier-1");

		assertThat(config).containsEntry("service", as.baseUrl()).containsEntry("handle", handle).containsKey("signIn");
		assertThat(sessions.of(as.baseUrl(), handle)).hasValueSatisfying(s -> {
			assertThat(s.oauth()).isTrue();
			assertThat(s.did()).isEqualTo("did:plc:ok");
			assertThat(s.accessJwt()).isEqualTo("access-did:plc:ok");
			assertThat(s.refreshJwt()).isEqualTo("refresh-1");
		});
		// the API cannot name the account without the grant
		assertThatThrownBy(() -> channels.create(workspace.id(), "bluesky-stolen", "bluesky", "Bluesky",
				Map.of("service", as.baseUrl(), "handle", handle, "signIn", "guessed")))
			.isInstanceOf(InvalidFieldException.class).hasMessageContaining("not the account's");
		Channel channel = channels.create(workspace.id(), "bluesky-" + handle.substring(0, 8), "bluesky", "Bluesky", config);
		assertThat(channel.config()).containsEntry("signIn", config.get("signIn"));
	}

	/** An OAuth session whose access token has expired; answers the grant a channel of it carries. */
	private String expiredSession(String handle, String did, ECKey key) {
		String grant = "grant-" + handle;
		sessions.keep(as.baseUrl(), handle, handle, new BlueskyOAuth.Tokens(did, "old-access", "refresh-1",
				java.time.Instant.now().minusSeconds(5), "atproto"), key, as.baseUrl(), "http://localhost?scope=atproto", grant);
		as.stubFor(get(urlPathEqualTo("/.well-known/oauth-authorization-server")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json").withBody("{\"issuer\":\"" + as.baseUrl() + "\","
					+ "\"pushed_authorization_request_endpoint\":\"" + as.baseUrl() + "/oauth/par\","
					+ "\"authorization_endpoint\":\"" + as.baseUrl() + "/oauth/authorize\","
					+ "\"token_endpoint\":\"" + as.baseUrl() + "/oauth/token\"}")));
		return grant;
	}

	@Test
	void aRefreshWithoutANewRefreshTokenKeepsTheOldOne() throws Exception {
		String handle = "refresh" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		ECKey key = BlueskyDpop.newKey();
		expiredSession(handle, "did:plc:refresh", key);
		tokenAnswers("did:plc:refresh", null);
		as.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile"))
			.withHeader("Authorization", equalTo("DPoP access-did:plc:refresh"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"handle\":\"" + handle + "\"}")));

		var profile = sessions.call(as.baseUrl(), handle, s -> client.query(as.baseUrl(), s, "app.bsky.actor.getProfile",
				Map.of("actor", List.of(handle))));

		assertThat(profile.path("handle").asString()).isEqualTo(handle);
		assertThat(as.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")))).singleElement()
			.satisfies(r -> assertThat(r.getBodyAsString()).contains("grant_type=refresh_token", "refresh_token=refresh-1",
					"client_id=http%3A%2F%2Flocalhost%3Fscope%3Datproto"));
		assertThat(as.findAll(getRequestedFor(urlPathEqualTo("/xrpc/app.bsky.actor.getProfile")))).singleElement()
			.satisfies(r -> assertThat(r.getHeader("DPoP")).isNotBlank());
		assertThat(sessions.of(as.baseUrl(), handle)).hasValueSatisfying(s -> {
			assertThat(s.accessJwt()).isEqualTo("access-did:plc:refresh");
			assertThat(s.refreshJwt()).as("the old refresh token, kept").isEqualTo("refresh-1");
			assertThat(s.accessExpiresAt()).isAfter(java.time.Instant.now().plusSeconds(3000));
			assertThat(s.valid()).isTrue();
		});
	}

	@Test
	void aRefusedRefreshMarksTheChannelReconnectNeeded() {
		String handle = "refused" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		String grant = expiredSession(handle, "did:plc:refused", BlueskyDpop.newKey());
		as.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("grant_type=refresh_token"))
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}")));

		assertThatThrownBy(() -> sessions.call(as.baseUrl(), handle, s -> client.query(as.baseUrl(), s,
				"app.bsky.actor.getProfile", Map.of())))
			.isInstanceOfSatisfying(BlueskyClient.Failure.class, e -> {
				assertThat(e.sessionRejected()).isTrue();
				assertThat(e.getMessage()).contains("Refresh token revoked", "sign in with Bluesky again");
			});
		assertThat(sessions.of(as.baseUrl(), handle)).hasValueSatisfying(s -> assertThat(s.valid()).isFalse());
		Channel channel = channels.create(workspace.id(), "bluesky-" + handle.substring(0, 8), "bluesky", "Bluesky",
				Map.of("service", as.baseUrl(), "handle", handle, "signIn", grant));
		var health = channels.health(channel);
		assertThat(health.connected()).isFalse();
		assertThat(health.lastError()).contains("Reconnect needed");
	}

	@Test
	void aSignedInSessionsChatCallsKeepTheirProxyAndCarryTheProof() throws Exception {
		String handle = "chat" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		sessions.keep(as.baseUrl(), handle, handle, new BlueskyOAuth.Tokens("did:plc:chat", "chat-access", "refresh-1",
				java.time.Instant.now().plusSeconds(3600), "atproto transition:chat.bsky"), BlueskyDpop.newKey(),
				as.baseUrl(), "http://localhost?scope=atproto", "grant-chat");
		as.stubFor(get(urlPathEqualTo("/xrpc/chat.bsky.convo.getLog"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"logs\":[]}")));

		sessions.call(as.baseUrl(), handle, s -> client.chatQuery(as.baseUrl(), s, "chat.bsky.convo.getLog", Map.of()));

		assertThat(as.findAll(getRequestedFor(urlPathEqualTo("/xrpc/chat.bsky.convo.getLog")))).singleElement()
			.satisfies(r -> {
				assertThat(r.getHeader("atproto-proxy")).isEqualTo(BlueskyClient.CHAT_SERVICE);
				assertThat(r.getHeader("Authorization")).isEqualTo("DPoP chat-access");
				assertThat(com.nimbusds.jwt.SignedJWT.parse(r.getHeader("DPoP")).getJWTClaimsSet().getStringClaim("ath"))
					.isEqualTo(BlueskyDpop.sha256("chat-access"));
			});
	}

	@Test
	void rapportIsTheLoopbackClientOnThisMachineAndServesItsMetadataElsewhere() throws Exception {
		var loopback = signIn.client(URI.create("http://localhost:0/settings/channels/callback/bluesky"));
		assertThat(loopback.redirectUri()).isEqualTo("http://127.0.0.1:" + port + "/settings/channels/callback/bluesky");
		assertThat(loopback.id()).isEqualTo("http://localhost?redirect_uri=http%3A%2F%2F127.0.0.1%3A" + port
				+ "%2Fsettings%2Fchannels%2Fcallback%2Fbluesky&scope=atproto+transition%3Ageneric+transition%3Achat.bsky");
		assertThat(signIn.client(URI.create("http://127.0.0.1:8080/settings/channels/callback/bluesky")).redirectUri())
			.isEqualTo("http://127.0.0.1:8080/settings/channels/callback/bluesky");
		var web = signIn.client(URI.create("https://rapport.example.org/settings/channels/callback/bluesky"));
		assertThat(web.id()).endsWith("/hooks/bluesky/client-metadata.json");
		assertThat(web.redirectUri()).isEqualTo("https://rapport.example.org/settings/channels/callback/bluesky");

		var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
			.newBuilder(URI.create(baseUrl() + "/hooks/bluesky/client-metadata.json")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("served without a session").isEqualTo(200);
		var metadata = org.rapport.support.Api.JSON.readTree(response.body());
		assertThat(metadata.path("client_id").asString()).endsWith("/hooks/bluesky/client-metadata.json");
		assertThat(metadata.path("application_type").asString()).isEqualTo("web");
		assertThat(metadata.path("dpop_bound_access_tokens").asBoolean()).isTrue();
		assertThat(metadata.path("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(metadata.path("scope").asString()).isEqualTo("atproto transition:generic transition:chat.bsky");
		assertThat(metadata.path("grant_types").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
		assertThat(metadata.path("redirect_uris").path(0).asString()).endsWith("/settings/channels/callback/bluesky");
	}
}
