package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A reply that left is recorded as delivered, also when the network's id for it is already another message's; many
 * messages are found at once in the order asked.
 */
class MessagesIntegrationTests extends IntegrationTest {

	@Autowired
	Messages messages;

	/** A message from Frau {key} with the id {key} on the network, and the team's reply to it. */
	private record Exchange(String key, UUID inbound, UUID reply) {
	}

	private Exchange exchange(String prefix) {
		String key = prefix + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		Api.Response received = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", key, "threadKey", key,
				"from", Map.of("handle", key + "@example.org", "name", "Frau " + key), "subject", "Frage " + key,
				"body", "Hallo " + key));
		assertThat(received.status()).as(received.body()).isLessThan(300);
		String conversation = api.get("/api/v1/conversations?q=" + key).json().get("items").get(0).get("id").asString();
		Api.Response written = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Danke, erledigt."));
		UUID inbound = jdbc.sql("select id from messages where external_id = ?").param(key).query(UUID.class).single();
		return new Exchange(key, inbound, UUID.fromString(written.json().get("id").asString()));
	}

	@Test
	void aReplyWhoseNetworkIdIsTakenIsStillDelivered() {
		Exchange e = exchange("vergeben");

		messages.delivered(e.reply(), e.key(), "sent");

		assertThat(jdbc.sql("select delivery from messages where id = ?").param(e.reply()).query(String.class).single())
			.isEqualTo("sent");
		assertThat(jdbc.sql("select count(*) from messages where external_id = ?").param(e.key()).query(Long.class).single())
			.as("the id stays with the message that had it").isEqualTo(1L);
	}

	@Test
	void manyMessagesAreFoundAtOnceInTheOrderAsked() {
		Exchange e = exchange("alle");

		List<MessageView> found = messages.find(workspace.id(), List.of(e.reply(), UUID.randomUUID(), e.inbound(), e.reply()));

		assertThat(found).extracting(MessageView::id).containsExactly(e.reply(), e.inbound());
		assertThat(found.get(0).authorName()).isEqualTo("Olga Owner");
		assertThat(found.get(0).body()).contains("Danke, erledigt.");
		assertThat(found.get(1).senderName()).isEqualTo("Frau " + e.key());
		// the same view as asking for one (the reply's delivery may move on meanwhile: it is leaving)
		assertThat(found.get(1)).isEqualTo(messages.find(workspace.id(), e.inbound()).orElseThrow());
		assertThat(messages.find(UUID.randomUUID(), List.of(e.reply(), e.inbound()))).as("another workspace's ids").isEmpty();
		assertThat(messages.find(workspace.id(), List.of())).isEmpty();
	}
}
