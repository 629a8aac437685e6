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
		Map<String, Object> old = firstMessage("known-1", "old", "recount@example.org");

		// The batch begins conversation "new": one fresh message at 10:00, and one at 11:00 that is stored already.
		Map<String, Object> after = append(
				message(old, "fresh-1", "new", "2026-05-05T10:00:00Z", new Triage("question", "neutral", "de")),
				message(old, "known-1", "new", "2026-05-05T11:00:00Z", new Triage("complaint", "negative", "de")));

		assertThat(after.get("message_count")).isEqualTo(1);
		assertThat(after.get("preview")).isEqualTo("Was ist mit meiner Anmeldung?");
		assertThat(instant(after, "last_message_at")).isEqualTo("2026-05-05T10:00:00Z");
		assertThat(instant(after, "waiting_since")).isEqualTo("2026-05-05T10:00:00Z");
		assertThat(after.get("triage_kind")).isEqualTo("question");
		assertThat(after.get("triage_sentiment")).isEqualTo("neutral");
	}

	@Test
	void aBegunConversationIsWrittenWithItsCounters() {
		Map<String, Object> first = firstMessage("first", "first", "whole@example.org");

		Map<String, Object> after = append(
				message(first, "w-2", "whole", "2026-05-06T09:30:00Z", new Triage("praise", "positive", "de")),
				message(first, "w-1", "whole", "2026-05-06T09:00:00Z", new Triage("question", "neutral", "de")));

		assertThat(after.get("message_count")).isEqualTo(2);
		assertThat(after.get("preview")).isEqualTo("Was ist mit meiner Anmeldung?");
		assertThat(instant(after, "created_at")).isEqualTo("2026-05-06T09:00:00Z");
		assertThat(instant(after, "last_message_at")).isEqualTo("2026-05-06T09:30:00Z");
		assertThat(instant(after, "waiting_since")).isEqualTo("2026-05-06T09:00:00Z");
		assertThat(after.get("triage_kind")).as("the newest message's triage").isEqualTo("praise");
		assertThat(after.get("last_inbound_at")).isNotNull();
	}

	/** Posts one message through the API; answers its conversation's channel and contact. */
	private Map<String, Object> firstMessage(String externalId, String threadKey, String handle) {
		assertThat(api.post("/api/v1/messages", Map.of("channel", "api", "externalId", externalId, "threadKey", threadKey,
				"from", Map.of("handle", handle), "body", "Schon da.", "sentAt", "2026-05-04T12:00:00Z")).status())
			.isEqualTo(201);
		return jdbc.sql("select channel_id, contact_id from conversations where workspace_id = ? and thread_key = ?")
			.params(workspace.id(), threadKey)
			.query()
			.singleRow();
	}

	/** Appends the batch in a transaction of its own; answers the stored row of the first message's conversation. */
	private Map<String, Object> append(NewMessage... batch) {
		InboxWriter.Appended appended = new TransactionTemplate(transactionManager)
			.execute(status -> writer.append(List.of(batch)));
		return jdbc.sql("select * from conversations where id = ?")
			.param(appended.conversationIds().get(batch[0].externalId()))
			.query()
			.singleRow();
	}

	private static Instant instant(Map<String, Object> row, String column) {
		return ((java.sql.Timestamp) row.get(column)).toInstant();
	}

	private NewMessage message(Map<String, Object> of, String externalId, String thread, String at, Triage triage) {
		UUID channel = (UUID) of.get("channel_id");
		return new NewMessage(workspace.id(), channel, thread, channel, (UUID) of.get("contact_id"), externalId, "in",
				"message", null, "Frage", "<p>Was ist mit meiner Anmeldung?</p>", "Was ist mit meiner Anmeldung?",
				"recount@example.org", "Recount", null, Instant.parse(at), List.of(), false, null, triage);
	}
}
