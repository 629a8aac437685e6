package org.rapport.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

/** Builds contacts, messages and replies at chosen times through the API, for the reach-out tests. */
abstract class ReachOutFixtures extends IntegrationTest {

	protected String contact(String name, String email) {
		var created = api.post("/api/v1/contacts", Map.of("name", name, "identities", List.of(Map.of("kind", "email", "value", email))));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** A message from the person, {@code ago} before now, in the conversation {@code thread}. */
	protected void inbound(String email, String thread, Duration ago) {
		var posted = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", UUID.randomUUID().toString(),
				"threadKey", thread, "from", Map.of("handle", email), "body", "Hallo", "sentAt", Instant.now().minus(ago).toString()));
		assertThat(posted.status()).isEqualTo(201);
	}

	protected String conversationOf(String contactId) {
		return jdbc.sql("select id::text from conversations where contact_id = ?::uuid order by created_at limit 1")
			.param(contactId).query(String.class).single();
	}

	/** Our reply in the contact's conversation, dated {@code ago} before now. */
	protected void reply(String contactId, Duration ago) {
		String conversation = conversationOf(contactId);
		var written = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Danke!", "kind", "reply"));
		assertThat(written.status()).isEqualTo(201);
		String id = written.json().get("id").asString();
		jdbc.sql("update messages set sent_at = ? where id = ?::uuid").params(Timestamp.from(Instant.now().minus(ago)), id).update();
	}

	protected String tokenAs(Role role) {
		Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", "Vera " + role.key(),
				"some long password", role);
		return tokens.create(new CurrentUser(m.userId(), m.email(), "Vera", workspace.id(), role, null), "t").token();
	}

	protected Api otherWorkspaceApi() {
		var other = workspaces.create("Other", "other-" + UUID.randomUUID().toString().substring(0, 8));
		Member stranger = members.add(other.id(), "stranger-" + UUID.randomUUID() + "@example.org", "S", "stranger password", Role.OWNER);
		return new Api(baseUrl(), tokens.create(new CurrentUser(stranger.userId(), stranger.email(), "S", other.id(), Role.OWNER, null), "t").token());
	}
}
