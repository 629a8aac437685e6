package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.channels.Channels;
import org.rapport.channels.Ingestion;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

class ErasureIntegrationTests extends IntegrationTest {

	@Autowired
	Ingestion ingestion;

	@Autowired
	Channels channels;

	/** Every text, JSON, array, full-text and binary column of every table in {@code public} that contains the needle. */
	List<String> whereFound(String needle) {
		List<String> found = new ArrayList<>();
		var columns = jdbc.sql("""
				select c.table_name, c.column_name, c.data_type, c.udt_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
				  and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'tsvector', 'ARRAY')
				       or c.udt_name = 'citext')""")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.list();
		assertThat(columns.size()).as("columns scanned").isGreaterThan(30);
		for (String[] column : columns) {
			String table = '"' + column[0] + '"';
			String col = '"' + column[1] + '"';
			int hits;
			if (column[2].equals("bytea")) {
				hits = jdbc.sql("select count(*) from " + table + " where position(convert_to(?, 'UTF8') in " + col
						+ ") > 0 or position(convert_to(?, 'UTF8') in " + col + ") > 0 or position(convert_to(?, 'UTF8') in " + col + ") > 0")
					.params(needle, needle.toLowerCase(), needle.toUpperCase())
					.query(Integer.class).single();
			}
			else {
				hits = jdbc.sql("select count(*) from " + table + " where " + col + "::text ilike ?")
					.param("%" + needle.replace("%", "\\%").replace("_", "\\_") + "%")
					.query(Integer.class).single();
			}
			if (hits > 0) {
				found.add(column[0] + "." + column[1]);
			}
		}
		return found;
	}

	@Test
	void afterErasureNoTableContainsTheIdentifiersAndReCreationIsBlocked() {
		Person hanna = new Person();
		hanna.fillHistory(baseUrl(), api, jdbc, ingestion, channels, workspace.id());
		// Someone else's conversation, into which Hanna wrote too (e.g. an answer to all from another thread).
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "bernd-" + hanna.tag, "threadKey", "bernd-" + hanna.tag,
				"from", Map.of("handle", "bernd-" + hanna.tag + "@example.org", "name", "Bernd"), "subject", "Vereinsfest",
				"body", "Wer bringt Kuchen mit?"));
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "bernd-" + hanna.tag + "-answer", "threadKey", "bernd-" + hanna.tag,
				"from", Map.of("handle", hanna.email, "name", hanna.name), "subject", "Re: Vereinsfest",
				"body", "Ich, " + hanna.name + "!"));
		for (String identifier : hanna.identifiers()) {
			assertThat(whereFound(identifier)).as("before erasure, " + identifier + " is stored").isNotEmpty();
		}
		assertThat(whereFound(hanna.email)).contains("messages.sender_handle", "attachments.content", "quarantine.raw",
				"identities.value", "messages.headers");
		int conversations = jdbc.sql("select count(*) from conversations where contact_id = ?").param(hanna.contactId)
			.query(Integer.class).single();
		assertThat(conversations).isEqualTo(4); // web form, API thread, mail thread, logged call

		Api.Response refused = api.delete("/api/v1/contacts/" + hanna.contactId);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(api.delete("/api/v1/contacts/" + hanna.contactId + "?erase=true&blockRecreation=true").status()).isEqualTo(204);

		for (String identifier : hanna.identifiers()) {
			assertThat(whereFound(identifier)).as("after erasure, tables containing " + identifier).isEmpty();
		}
		assertThat(api.get("/api/v1/contacts/" + hanna.contactId).status()).isEqualTo(404);
		// Bernd keeps his conversation, without Hanna's answer.
		var bernd = jdbc.sql("select message_count, preview from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), "bernd-" + hanna.tag).query((rs, n) -> Map.of("count", rs.getInt(1), "preview", rs.getString(2))).single();
		assertThat(bernd.get("count")).isEqualTo(1);
		assertThat(bernd.get("preview")).isEqualTo("Wer bringt Kuchen mit?");
		// Statistics stay, anonymised.
		assertThat(jdbc.sql("select count(*) from conversation_statistics where workspace_id = ? and reason = 'erasure'")
			.param(workspace.id()).query(Integer.class).single()).isEqualTo(conversations);
		assertThat(jdbc.sql("select sum(message_count) from conversation_statistics where workspace_id = ?")
			.param(workspace.id()).query(Integer.class).single()).isGreaterThanOrEqualTo(6);
		// The erasure is in the audit log, without whom it concerned.
		var audit = jdbc.sql("select detail from audit_log where workspace_id = ? and action = 'contact.erased'")
			.param(workspace.id()).query(String.class).list();
		assertThat(audit).hasSize(1);
		assertThat(audit.getFirst()).contains("re-creation blocked for 2 identifiers");
		assertThat(jdbc.sql("select count(*) from erasure_blocks where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(2);

		// New messages from the erased address are not ingested, on any channel.
		Api.Response again = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "comeback-" + hanna.tag,
				"from", Map.of("handle", hanna.email.toUpperCase(), "name", hanna.name), "subject", "Hallo wieder",
				"body", "Ich bin es wieder, " + hanna.name));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("accepted").asInt()).isZero();
		Api.Response form = new Api(baseUrl(), null).post("/f/" + workspace.slug(), Map.of("name", hanna.name,
				"email", hanna.email, "message", "Nochmal ich", "consent", true));
		assertThat(form.status()).isEqualTo(201);
		Api.Response call = api.post("/api/v1/activities", Map.of("from", Map.of("handle", hanna.phoneInput), "kind", "call",
				"summary", "Anruf von " + hanna.name));
		assertThat(call.status()).as("staff are told why nothing is stored").isEqualTo(400);
		assertThat(call.json().get("detail").asString()).contains("erased");
		for (String identifier : hanna.identifiers()) {
			assertThat(whereFound(identifier)).as("after new messages, tables containing " + identifier).isEmpty();
		}
		// Others still get through.
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "other-" + hanna.tag,
				"from", Map.of("handle", "someone-" + hanna.tag + "@example.org"), "body", "Hallo")).status()).isEqualTo(201);
	}

	@Test
	void withoutBlockingTheSameAddressMayBecomeAContactAgain() {
		Person hanna = new Person();
		hanna.fillHistory(baseUrl(), api, jdbc, ingestion, channels, workspace.id());
		assertThat(api.delete("/api/v1/contacts/" + hanna.contactId + "?erase=true").status()).isEqualTo(204);
		assertThat(whereFound(hanna.email)).isEmpty();
		assertThat(jdbc.sql("select count(*) from erasure_blocks where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isZero();
		Api.Response again = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "comeback-" + hanna.tag,
				"from", Map.of("handle", hanna.email), "body", "Hallo"));
		assertThat(again.status()).isEqualTo(201);
		assertThat(whereFound(hanna.email)).contains("identities.value");
	}

	@Test
	void onlyManagersMayEraseAndOnlyInTheirWorkspace() {
		Person hanna = new Person();
		hanna.fillHistory(baseUrl(), api, jdbc, ingestion, channels, workspace.id());
		var agent = members.add(workspace.id(), "agent-" + hanna.tag + "@example.org", "Agent", PASSWORD,
				org.rapport.platform.Role.AGENT);
		String agentToken = tokens.create(new org.rapport.platform.CurrentUser(agent.userId(), "agent-" + hanna.tag + "@example.org",
				"Agent", workspace.id(), org.rapport.platform.Role.AGENT, null), "t").token();
		assertThat(new Api(baseUrl(), agentToken).delete("/api/v1/contacts/" + hanna.contactId + "?erase=true").status())
			.isEqualTo(403);
		var other = workspaces.create("Other " + hanna.tag, "other-" + hanna.tag);
		var otherOwner = members.add(other.id(), "o-" + hanna.tag + "@example.org", "O", PASSWORD, org.rapport.platform.Role.OWNER);
		String otherToken = tokens.create(new org.rapport.platform.CurrentUser(otherOwner.userId(), "o-" + hanna.tag + "@example.org",
				"O", other.id(), org.rapport.platform.Role.OWNER, null), "t").token();
		assertThat(new Api(baseUrl(), otherToken).delete("/api/v1/contacts/" + hanna.contactId + "?erase=true").status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/contacts/" + hanna.contactId).status()).isEqualTo(200);
		assertThat(new String(jdbc.sql("select raw from quarantine where workspace_id = ?").param(workspace.id())
			.query(byte[].class).single(), StandardCharsets.ISO_8859_1)).contains(hanna.email.toUpperCase());
	}
}
