package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A conversation a batch begins is inserted with its counters; should one of its messages turn out to be stored
 * already (another call stored it between the inbox's duplicate check and the insert), the conversation is counted
 * from what the batch did store.
 */
class InboxWriterRecountIntegrationTests extends IntegrationTest {

	@Autowired
	InboxWriter writer;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@Test
	void aBegunConversationIsCountedFromTheMessagesStoredNotFromTheBatch() {
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "known-1", "threadKey", "old",
				"from", Map.of("handle", "recount@example.org"), "subject", "Erste Frage", "body", "Schon da.",
				"sentAt", "2026-05-04T12:00:00Z")).status()).isEqualTo(201);
		Map<String, Object> row = conversation("old");
		UUID channel = (UUID) row.get("channel_id");
		UUID contact = (UUID) row.get("contact_id");

		// The batch begins conversation "new": one fresh message at 10:00, and one at 11:00 that is stored already.
		NewMessage fresh = message(channel, contact, "fresh-1", "new", "Neue Frage", "2026-05-05T10:00:00Z",
				new Triage("question", "neutral", "de"));
		NewMessage stored = message(channel, contact, "known-1", "new", "Spätere Frage", "2026-05-05T11:00:00Z",
				new Triage("complaint", "negative", "de"));
		InboxWriter.Appended appended = new TransactionTemplate(transactionManager)
			.execute(status -> writer.append(List.of(fresh, stored)));

		assertThat(appended.messageIds()).containsOnlyKeys("fresh-1");
		UUID conversation = appended.conversationIds().get("fresh-1");
		Map<String, Object> after = jdbc.sql("""
				select message_count, preview, last_message_at, waiting_since, triage_kind, triage_sentiment
				from conversations where id = ?""")
			.param(conversation)
			.query()
			.singleRow();
		assertThat(after.get("message_count")).isEqualTo(1);
		assertThat(after.get("preview")).isEqualTo("Was ist mit meiner Anmeldung?");
		assertThat(((java.sql.Timestamp) after.get("last_message_at")).toInstant()).isEqualTo("2026-05-05T10:00:00Z");
		assertThat(((java.sql.Timestamp) after.get("waiting_since")).toInstant()).isEqualTo("2026-05-05T10:00:00Z");
		assertThat(after.get("triage_kind")).isEqualTo("question");
		assertThat(after.get("triage_sentiment")).isEqualTo("neutral");
	}

	@Test
	void aBegunConversationWrittenWholeEqualsOneCountedAfterwards() {
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "first", "threadKey", "first",
				"from", Map.of("handle", "whole@example.org"), "body", "Hallo.")).status()).isEqualTo(201);
		Map<String, Object> row = conversation("first");
		UUID channel = (UUID) row.get("channel_id");
		UUID contact = (UUID) row.get("contact_id");
		NewMessage a = message(channel, contact, "w-1", "whole", "Thema", "2026-05-06T09:00:00Z",
				new Triage("question", "neutral", "de"));
		NewMessage b = message(channel, contact, "w-2", "whole", "Thema", "2026-05-06T09:30:00Z",
				new Triage("praise", "positive", "de"));
		InboxWriter.Appended appended = new TransactionTemplate(transactionManager)
			.execute(status -> writer.append(List.of(b, a)));

		Map<String, Object> after = jdbc.sql("""
				select message_count, preview, created_at, last_message_at, waiting_since, triage_kind, last_inbound_at
				from conversations where id = ?""")
			.param(appended.conversationIds().get("w-1"))
			.query()
			.singleRow();
		assertThat(after.get("message_count")).isEqualTo(2);
		assertThat(after.get("preview")).isEqualTo("Was ist mit meiner Anmeldung?");
		assertThat(((java.sql.Timestamp) after.get("created_at")).toInstant()).isEqualTo("2026-05-06T09:00:00Z");
		assertThat(((java.sql.Timestamp) after.get("last_message_at")).toInstant()).isEqualTo("2026-05-06T09:30:00Z");
		assertThat(((java.sql.Timestamp) after.get("waiting_since")).toInstant()).isEqualTo("2026-05-06T09:00:00Z");
		assertThat(after.get("triage_kind")).as("the newest message's triage").isEqualTo("praise");
		assertThat(after.get("last_inbound_at")).isNotNull();
	}

	private Map<String, Object> conversation(String threadKey) {
		return jdbc.sql("select channel_id, contact_id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), threadKey)
			.query()
			.singleRow();
	}

	private NewMessage message(UUID channel, UUID contact, String externalId, String thread, String subject, String at,
			Triage triage) {
		return new NewMessage(workspace.id(), channel, thread, channel, contact, externalId, "in", "message", null,
				subject, "<p>Was ist mit meiner Anmeldung?</p>", "Was ist mit meiner Anmeldung?", "recount@example.org",
				"Recount", null, Instant.parse(at), List.of(), false, null, triage);
	}
}
