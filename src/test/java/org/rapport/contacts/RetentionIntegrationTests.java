package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class RetentionIntegrationTests extends IntegrationTest {

	static final Instant NOW = Instant.now();

	/** Posts one message from the handle in its own thread, sent at the given time; returns contact and conversation. */
	UUID[] message(String handle, String thread, Instant sentAt) {
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", thread + "-" + sentAt.toEpochMilli(),
				"threadKey", thread, "from", Map.of("handle", handle, "name", handle), "subject", "Betreff " + thread,
				"body", "Text", "sentAt", sentAt.toString())).status()).isEqualTo(201);
		return jdbc.sql("select contact_id, id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), thread)
			.query((rs, n) -> new UUID[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.single();
	}

	void backdateContact(UUID contact, Instant at) {
		jdbc.sql("update contacts set created_at = ?, updated_at = ? where id = ?")
			.params(java.sql.Timestamp.from(at), java.sql.Timestamp.from(at), contact).update();
		jdbc.sql("update consents set given_at = ? where contact_id = ?").params(java.sql.Timestamp.from(at), contact).update();
	}

	void close(UUID conversation, Instant at) {
		assertThat(api.patch("/api/v1/conversations/" + conversation, Map.of("status", "done")).status()).isEqualTo(200);
		jdbc.sql("update conversations set resolved_at = ? where id = ?").params(java.sql.Timestamp.from(at), conversation).update();
	}

	Set<UUID> ids(String table) {
		return new HashSet<>(jdbc.sql("select id from " + table + " where workspace_id = ?").param(workspace.id())
			.query(UUID.class).list());
	}

	org.rapport.support.Api.Response put(String bearer, Object body) {
		return api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/retention"))
			.header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(org.rapport.support.Api.JSON.writeValueAsString(body))));
	}

	static Set<UUID> ids(JsonNode candidates) {
		Set<UUID> ids = new HashSet<>();
		candidates.forEach(c -> ids.add(UUID.fromString(c.get("id").asString())));
		return ids;
	}

	@Test
	void theDryRunListsExactlyWhatTheRunDeletes() {
		Instant threeYears = NOW.minus(3 * 365, ChronoUnit.DAYS);
		Instant oneYear = NOW.minus(365, ChronoUnit.DAYS);
		// A: nothing for three years: goes with both conversations.
		UUID[] a1 = message("anna@example.net", "a1", threeYears);
		UUID[] a2 = message("anna@example.net", "a2", threeYears.plus(1, ChronoUnit.DAYS));
		backdateContact(a1[0], threeYears);
		// B: old contact, but wrote last week: stays.
		UUID[] b = message("bert@example.net", "b1", threeYears);
		message("bert@example.net", "b2", NOW.minus(7, ChronoUnit.DAYS));
		backdateContact(b[0], threeYears);
		// C: active contact with a conversation closed a year ago: the conversation goes, the contact stays.
		UUID[] c1 = message("cora@example.net", "c1", oneYear);
		message("cora@example.net", "c2", NOW.minus(1, ChronoUnit.DAYS));
		close(c1[1], oneYear.plus(1, ChronoUnit.DAYS));
		// D: an open conversation of a year ago stays (not closed), as does its contact.
		UUID[] d = message("dirk@example.net", "d1", oneYear);
		// E: old and silent, but gave a consent recently: stays.
		UUID[] e = message("emil@example.net", "e1", threeYears);
		backdateContact(e[0], threeYears);
		assertThat(api.post("/api/v1/contacts/" + e[0] + "/consents", Map.of("purpose", "newsletter", "source", "event",
				"text", "Ja, Newsletter")).status()).isEqualTo(201);
		// F: closed a year ago, but only just closed: stays.
		UUID[] f = message("fritz@example.net", "f1", NOW.minus(2, ChronoUnit.DAYS));
		close(f[1], NOW.minus(1, ChronoUnit.DAYS));

		assertThat(api.get("/api/v1/retention/preview").json().get("contacts")).isEmpty();
		var rules = put(token, Map.of("inactiveContactMonths", 24, "closedConversationMonths", 6));
		assertThat(rules.status()).isEqualTo(200);
		assertThat(rules.json().get("inactiveContactMonths").asInt()).isEqualTo(24);

		JsonNode preview = api.get("/api/v1/retention/preview").json();
		Set<UUID> previewContacts = ids(preview.get("contacts"));
		Set<UUID> previewConversations = ids(preview.get("conversations"));
		assertThat(previewContacts).containsExactly(a1[0]);
		assertThat(previewConversations).containsExactlyInAnyOrder(a1[1], a2[1], c1[1]);
		assertThat(preview.toString()).contains("Betreff a1", "closed_conversation", "contact_erased");
		assertThat(ids("contacts")).contains(a1[0], b[0], c1[0], d[0], e[0], f[0]);

		Set<UUID> contactsBefore = ids("contacts");
		Set<UUID> conversationsBefore = ids("conversations");
		JsonNode run = api.post("/api/v1/retention/run", Map.of()).json();
		Set<UUID> deletedContacts = new HashSet<>(contactsBefore);
		deletedContacts.removeAll(ids("contacts"));
		Set<UUID> deletedConversations = new HashSet<>(conversationsBefore);
		deletedConversations.removeAll(ids("conversations"));

		assertThat(deletedContacts).isEqualTo(previewContacts);
		assertThat(deletedConversations).isEqualTo(previewConversations);
		assertThat(ids(run.get("contacts"))).isEqualTo(previewContacts);
		assertThat(ids(run.get("conversations"))).isEqualTo(previewConversations);

		assertThat(api.get("/api/v1/retention/preview").json().get("conversations")).isEmpty();
		assertThat(jdbc.sql("select count(*) from conversation_statistics where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from identities where workspace_id = ? and value = 'anna@example.net'")
			.param(workspace.id()).query(Integer.class).single()).isZero();
		assertThat(api.get("/api/v1/retention").json().get("lastRunConversations").asInt()).isEqualTo(3);
		assertThat(jdbc.sql("select detail from audit_log where workspace_id = ? and action = 'retention.run'")
			.param(workspace.id()).query(String.class).list()).containsExactly("1 contacts, 3 conversations deleted");
	}

	@Test
	void rulesAreValidatedAndOnlyManagersRunThem() {
		assertThat(put(token, Map.of("inactiveContactMonths", 0)).status()).isEqualTo(400);
		var agent = members.add(workspace.id(), "agent-" + UUID.randomUUID() + "@example.org", "Agent", PASSWORD,
				org.rapport.platform.Role.AGENT);
		String agentToken = tokens.create(new org.rapport.platform.CurrentUser(agent.userId(), "a@example.org", "Agent",
				workspace.id(), org.rapport.platform.Role.AGENT, null), "t").token();
		var asAgent = new org.rapport.support.Api(baseUrl(), agentToken);
		assertThat(asAgent.post("/api/v1/retention/run", Map.of()).status()).isEqualTo(403);
		assertThat(put(agentToken, Map.of("inactiveContactMonths", 1)).status()).isEqualTo(403);
		assertThat(asAgent.get("/api/v1/retention/preview").status()).isEqualTo(200);
		assertThat(api.get("/api/v1/retention").json().get("inactiveContactMonths").isNull()).isTrue();
		assertThat(api.get("/api/v1/retention/preview").json().get("contacts")).isEmpty();
	}

	@Autowired
	Retention retention;

	@Autowired
	javax.sql.DataSource dataSource;

	@Test
	void aRunWaitsForNoOneWhileAnotherNodeHoldsTheWorkspaceAndTheNightlyJobDeletes() throws Exception {
		Instant old = NOW.minus(400, ChronoUnit.DAYS);
		UUID[] closed = message("olga@example.net", "o1", old);
		close(closed[1], old);
		put(token, Map.of("closedConversationMonths", 6));
		assertThat(ids(api.get("/api/v1/retention/preview").json().get("conversations"))).containsExactly(closed[1]);

		try (var otherNode = dataSource.getConnection()) {
			otherNode.setAutoCommit(false);
			try (var lock = otherNode.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
				lock.setInt(1, Retention.LOCK);
				lock.setString(2, workspace.id().toString());
				lock.execute();
			}
			var refused = api.post("/api/v1/retention/run", Map.of());
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.body()).contains("another node");
			retention.nightly(); // skips this workspace, deletes nothing
			assertThat(ids("conversations")).contains(closed[1]);
			otherNode.rollback();
		}
		retention.nightly();
		assertThat(ids("conversations")).doesNotContain(closed[1]);
		assertThat(jdbc.sql("select reason from conversation_statistics where workspace_id = ?").param(workspace.id())
			.query(String.class).list()).containsExactly("retention");
		assertThat(api.get("/api/v1/retention").json().get("lastRunConversations").asInt()).isEqualTo(1);
	}
}
