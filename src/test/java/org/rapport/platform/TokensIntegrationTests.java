package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

class TokensIntegrationTests extends IntegrationTest {

	@Test
	void issuesATokenForBasicCredentialsAndRevokesIt() {
		Api anonymous = new Api(baseUrl(), null);
		Api.Response created = anonymous.postBasic("/api/v1/tokens", ownerEmail, PASSWORD, Map.of("name", "CRM"));
		assertThat(created.status()).isEqualTo(201);
		String token = created.json().get("token").asString();
		assertThat(token).startsWith("rpt_");

		Api withToken = new Api(baseUrl(), token);
		assertThat(withToken.get("/api/v1/conversations").status()).isEqualTo(200);
		assertThat(jdbc.sql("select token_hash from api_tokens where prefix = ?").param(token.substring(0, 8))
			.query(String.class).single()).doesNotContain(token);

		String id = created.json().get("id").asString();
		assertThat(withToken.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
		assertThat(withToken.get("/api/v1/conversations").status()).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from audit_log where workspace_id = ? and action like 'token.%'")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void refusesWrongPasswordsAndThrottlesGuessing() {
		Api anonymous = new Api(baseUrl(), null);
		String victim = "victim-" + UUID.randomUUID() + "@example.org";
		members.add(workspace.id(), victim, "Victim", "the real password", Role.AGENT);
		assertThat(anonymous.postBasic("/api/v1/tokens", victim, "wrong", Map.of()).status()).isEqualTo(401);
		// The throttle counts per address; this test's failures push it over the limit for 127.0.0.1.
		int status = 0;
		for (int i = 0; i < 12 && status != 429; i++) {
			status = anonymous.postBasic("/api/v1/tokens", victim, "wrong " + i, Map.of()).status();
		}
		assertThat(status).isEqualTo(429);
		assertThat(anonymous.postBasic("/api/v1/tokens", victim, "the real password", Map.of()).status()).isEqualTo(429);
	}

	@Test
	void scopesEveryQueryToTheCallersWorkspace() {
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "mine", "from", Map.of("handle", "a@example.org"), "body", "Hallo"));
		String conversation = api.get("/api/v1/conversations").json().get("items").get(0).get("id").asString();
		String contact = api.get("/api/v1/conversations").json().get("items").get(0).get("contact").get("id").asString();

		Workspace other = workspaces.create("Other", "other-" + UUID.randomUUID().toString().substring(0, 8));
		Member stranger = members.add(other.id(), "stranger-" + UUID.randomUUID() + "@example.org", "S", "stranger password", Role.OWNER);
		String strangerToken = tokens.create(new CurrentUser(stranger.userId(), stranger.email(), "S", other.id(), Role.OWNER, null), "t").token();
		Api strangerApi = new Api(baseUrl(), strangerToken);
		assertThat(strangerApi.get("/api/v1/conversations").json().get("items")).isEmpty();
		assertThat(strangerApi.get("/api/v1/conversations/" + conversation).status()).isEqualTo(404);
		assertThat(strangerApi.get("/api/v1/conversations/" + conversation + "/messages").status()).isEqualTo(404);
		assertThat(strangerApi.get("/api/v1/contacts/" + contact).status()).isEqualTo(404);
		assertThat(strangerApi.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "x", "kind", "reply")).status()).isEqualTo(404);
	}

	@Test
	void viewersMayReadButNotWrite() {
		Member viewer = members.add(workspace.id(), "viewer-" + UUID.randomUUID() + "@example.org", "V", "viewer password", Role.VIEWER);
		Api viewerApi = new Api(baseUrl(), tokens.create(new CurrentUser(viewer.userId(), viewer.email(), "V", workspace.id(), Role.VIEWER, null), "v").token());
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "v1", "from", Map.of("handle", "a@example.org"), "body", "Hallo"));
		String conversation = viewerApi.get("/api/v1/conversations").json().get("items").get(0).get("id").asString();
		Api.Response refused = viewerApi.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "x", "kind", "reply"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("detail").asString()).contains("viewer");
	}

	@Test
	void sendsSecurityHeadersOnPages() {
		Api.Response login = new Api(baseUrl(), null).get("/login");
		assertThat(login.status()).isEqualTo(200);
		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(login.body()).contains("name=\"_csrf\"");
	}
}
