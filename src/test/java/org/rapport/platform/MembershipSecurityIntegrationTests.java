package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;

/** Roles that hold in open sessions, members who cannot be hijacked, tokens bound to their holder and workspace. */
class MembershipSecurityIntegrationTests extends IntegrationTest {

	private Member member(Role role) {
		return members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", role.key(),
				"a long password", role);
	}

	private Api apiOf(Member m, Role role) {
		return new Api(baseUrl(), tokens.create(new CurrentUser(m.userId(), m.email(), m.displayName(), workspace.id(),
				role, null), "t").token());
	}

	@Test
	void aRoleChangeEndsTheOpenSessionAtItsNextRequest() throws Exception {
		Member manager = member(Role.MANAGER);
		UiSession session = new UiSession(baseUrl()).login(manager.email(), "a long password");
		assertThat(session.get("/settings").status()).isEqualTo(200);

		assertThat(api.patch("/api/v1/members/" + manager.userId(), Map.of("role", "viewer")).status()).isEqualTo(200);

		UiSession.Page next = session.get("/settings");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).endsWith("/login?ended");
		// The session is gone: adding a manager through it is impossible now.
		UiSession.Page add = session.form("/settings/members", Map.of("email", "x-" + UUID.randomUUID() + "@example.org",
				"name", "X", "password", "another long one", "role", "manager", "_csrf", "none"));
		assertThat(add.status()).isIn(302, 403);
		assertThat(add.location()).doesNotContain("/settings");
		assertThat(members.of(workspace.id())).hasSize(2);
		// Signing in again works, with the new role.
		UiSession again = new UiSession(baseUrl()).login(manager.email(), "a long password");
		assertThat(again.get("/settings").body()).doesNotContain("/settings/members/" + owner.userId() + "/role");
	}

	@Test
	void aRemovedMemberIsSignedOutAndTheirTokensStopWorkingForGood() throws Exception {
		Member agent = member(Role.AGENT);
		UiSession session = new UiSession(baseUrl()).login(agent.email(), "a long password");
		Api agentApi = apiOf(agent, Role.AGENT);
		assertThat(agentApi.get("/api/v1/contacts").status()).isEqualTo(200);

		assertThat(api.delete("/api/v1/members/" + agent.userId()).status()).isEqualTo(204);

		assertThat(session.get("/contacts/export.csv").location()).endsWith("/login?ended");
		assertThat(agentApi.get("/api/v1/contacts").status()).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from api_tokens where user_id = ? and revoked_at is null")
			.param(agent.userId()).query(Integer.class).single()).isZero();

		// Re-adding the person does not revive the old token.
		members.add(workspace.id(), agent.email(), "agent", null, Role.AGENT);
		assertThat(agentApi.get("/api/v1/contacts").status()).isEqualTo(401);
	}

	@Test
	void aManagerCannotDemoteOrRemoveTheOwner() {
		Member manager = member(Role.MANAGER);
		Api managerApi = apiOf(manager, Role.MANAGER);

		Api.Response readd = managerApi.post("/api/v1/members", Map.of("email", ownerEmail, "name", "x", "role", "viewer"));
		assertThat(readd.status()).isEqualTo(409);
		assertThat(managerApi.patch("/api/v1/members/" + owner.userId(), Map.of("role", "viewer")).status()).isEqualTo(403);
		assertThat(managerApi.delete("/api/v1/members/" + owner.userId()).status()).isEqualTo(403);
		assertThat(managerApi.post("/api/v1/members", Map.of("email", "new-" + UUID.randomUUID() + "@example.org",
				"name", "N", "password", "a long password", "role", "owner")).status()).isEqualTo(403);
		assertThat(members.of(workspace.id(), owner.userId()).orElseThrow().role()).isEqualTo(Role.OWNER);
	}

	@Test
	void theLastOwnerStaysAndOwnersChangeOwners() {
		Api.Response demoteSelf = api.patch("/api/v1/members/" + owner.userId(), Map.of("role", "manager"));
		assertThat(demoteSelf.status()).isEqualTo(403);
		assertThat(demoteSelf.json().get("detail").asString()).contains("last owner");
		assertThat(api.delete("/api/v1/members/" + owner.userId()).status()).isEqualTo(403);

		Member second = member(Role.MANAGER);
		assertThat(api.patch("/api/v1/members/" + second.userId(), Map.of("role", "owner")).json().get("role").asString())
			.isEqualTo("owner");
		assertThat(api.patch("/api/v1/members/" + owner.userId(), Map.of("role", "manager")).status()).isIn(200, 401);
		assertThat(members.of(workspace.id(), owner.userId()).orElseThrow().role()).isEqualTo(Role.MANAGER);
	}

	@Test
	void someoneWithAnAccountElsewhereIsInvitedAndJoinsOnlyByAccepting() throws Exception {
		// The person works in their own workspace.
		Workspace home = workspaces.create("Zuhause", "home-" + UUID.randomUUID().toString().substring(0, 8));
		String email = "person-" + UUID.randomUUID() + "@example.org";
		Member person = members.add(home.id(), email, "Person", "their own password", Role.OWNER);
		// A manager elsewhere, whose workspace sorts first by name, adds them.
		Workspace other = workspaces.create("AAA first", "aaa-" + UUID.randomUUID().toString().substring(0, 8));
		Member stranger = members.add(other.id(), "stranger-" + UUID.randomUUID() + "@example.org", "S", "stranger password", Role.OWNER);
		Api strangerApi = new Api(baseUrl(), tokens.create(new CurrentUser(stranger.userId(), stranger.email(), "S",
				other.id(), Role.OWNER, null), "s").token());

		Api.Response added = strangerApi.post("/api/v1/members", Map.of("email", email, "name", "x", "role", "agent"));
		assertThat(added.status()).isEqualTo(202);
		assertThat(added.json().get("status").asString()).isEqualTo("invited");
		assertThat(members.of(other.id(), person.userId())).isEmpty();

		// Logging in lands in their own workspace; a token made with their password belongs there.
		UiSession session = new UiSession(baseUrl()).login(email, "their own password");
		assertThat(session.get("/settings").body()).contains("Zuhause").contains("AAA first");
		Api.Response token = new Api(baseUrl(), null).postBasic("/api/v1/tokens", email, "their own password", Map.of("name", "x"));
		assertThat(token.json().get("workspaceId").asString()).isEqualTo(home.id().toString());

		// Declining leaves them out; a new invitation accepted brings them in.
		Api personApi = new Api(baseUrl(), token.json().get("token").asString());
		String invitation = personApi.get("/api/v1/invitations").json().get(0).get("id").asString();
		assertThat(personApi.post("/api/v1/invitations/" + invitation + "/decline", Map.of()).status()).isEqualTo(204);
		assertThat(members.of(other.id(), person.userId())).isEmpty();
		strangerApi.post("/api/v1/members", Map.of("email", email, "name", "x", "role", "agent"));
		invitation = personApi.get("/api/v1/invitations").json().get(0).get("id").asString();
		assertThat(strangerApi.post("/api/v1/invitations/" + invitation + "/accept", Map.of()).status()).isEqualTo(404);
		assertThat(personApi.post("/api/v1/invitations/" + invitation + "/accept", Map.of()).status()).isEqualTo(204);
		assertThat(members.of(other.id(), person.userId()).orElseThrow().role()).isEqualTo(Role.AGENT);

		// The token stays bound to the workspace it was made in; another may be asked for explicitly.
		assertThat(personApi.get("/api/v1/members").json().toString()).contains(email).doesNotContain(stranger.email());
		Api.Response second = new Api(baseUrl(), null).postBasic("/api/v1/tokens", email, "their own password",
				Map.of("name", "y", "workspaceId", other.id().toString()));
		assertThat(second.json().get("workspaceId").asString()).isEqualTo(other.id().toString());
	}

	@Test
	void tokensAreRevokedByTheirHolderOrThoseAboveAndViewersGetNone() {
		Member agent = member(Role.AGENT);
		Api agentApi = apiOf(agent, Role.AGENT);
		String ownerTokenId = jdbc.sql("select id from api_tokens where user_id = ? and revoked_at is null limit 1")
			.param(owner.userId()).query(UUID.class).single().toString();

		assertThat(agentApi.delete("/api/v1/tokens/" + ownerTokenId).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/conversations").status()).isEqualTo(200);
		assertThat(agentApi.get("/api/v1/tokens").json()).hasSize(1);

		Member manager = member(Role.MANAGER);
		assertThat(apiOf(manager, Role.MANAGER).delete("/api/v1/tokens/" + ownerTokenId).status()).isEqualTo(403);
		String agentTokenId = agentApi.get("/api/v1/tokens").json().get(0).get("id").asString();
		assertThat(agentApi.delete("/api/v1/tokens/" + agentTokenId).status()).isEqualTo(204);

		Member viewer = member(Role.VIEWER);
		Api.Response refused = new Api(baseUrl(), null).postBasic("/api/v1/tokens", viewer.email(), "a long password", Map.of());
		assertThat(refused.status()).isEqualTo(403);
		Api viewerApi = apiOf(viewer, Role.VIEWER);
		assertThat(viewerApi.get("/api/v1/tokens").json()).hasSize(1);
		assertThat(viewerApi.get("/api/v1/channels").status()).isEqualTo(403);
		assertThat(viewerApi.post("/api/v1/tokens", Map.of()).status()).isEqualTo(403);
	}

	@Test
	void httpBasicOnlyObtainsTokens() {
		Api anonymous = new Api(baseUrl(), null);
		String basic = java.util.Base64.getEncoder().encodeToString((ownerEmail + ":" + PASSWORD).getBytes());
		Api.Response refused = anonymous.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/contacts"))
			.header("Authorization", "Basic " + basic).GET());
		assertThat(refused.status()).isEqualTo(401);
		Api.Response ui = anonymous.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/settings"))
			.header("Authorization", "Basic " + basic).GET());
		assertThat(ui.status()).isEqualTo(302);
		assertThat(anonymous.postBasic("/api/v1/tokens", ownerEmail, PASSWORD, Map.of()).status()).isEqualTo(201);
	}

	@Test
	void theOwnerSignsInFromAKnownDeviceWhileSomeoneGuessesTheirPassword() throws Exception {
		Member target = member(Role.OWNER);
		UiSession ownDevice = new UiSession(baseUrl()).login(target.email(), "a long password");
		ownDevice.form("/logout", Map.of("_csrf", UiSession.csrf(ownDevice.get("/inbox").body())));
		UiSession attacker = new UiSession(baseUrl());
		for (int i = 0; i < 12; i++) {
			attacker.form("/login", Map.of("username", target.email(), "password", "guess " + i,
					"_csrf", UiSession.csrf(attacker.get("/login").body())));
		}
		UiSession.Page refused = attacker.form("/login", Map.of("username", target.email(), "password", "a long password",
				"_csrf", UiSession.csrf(attacker.get("/login").body())));
		assertThat(refused.location()).contains("/login?throttled=");
		assertThat(attacker.get(refused.location().replace(baseUrl(), "")).body()).contains("Sekunden");

		UiSession.Page signedIn = ownDevice.form("/login", Map.of("username", target.email(), "password", "a long password",
				"_csrf", UiSession.csrf(ownDevice.get("/login").body())));
		assertThat(signedIn.location()).doesNotContain("throttled").doesNotContain("error");
		assertThat(ownDevice.get("/inbox").status()).isEqualTo(200);
	}

	@Test
	void aFormerMembersNameStaysKnownForWhatTheyWrote() {
		Member agent = member(Role.AGENT);
		assertThat(api.delete("/api/v1/members/" + agent.userId()).status()).isEqualTo(204);

		UUID unknown = UUID.randomUUID();
		assertThat(members.displayNames(List.of(owner.userId(), agent.userId(), unknown, agent.userId())))
			.containsOnlyKeys(owner.userId(), agent.userId())
			.containsEntry(agent.userId(), "agent");
		assertThat(members.displayNames(List.of())).isEmpty();
	}
}
