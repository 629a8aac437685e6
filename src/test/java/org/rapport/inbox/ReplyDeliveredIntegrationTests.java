package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A reply that left is recorded as delivered, also when the network's id for it is already another message's. */
class ReplyDeliveredIntegrationTests extends IntegrationTest {

	@Autowired
	Messages messages;

	@Test
	void aReplyWhoseNetworkIdIsTakenIsStillDelivered() {
		String key = "vergeben" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		Api.Response received = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", key, "threadKey", key,
				"from", Map.of("handle", key + "@example.org"), "subject", "Frage " + key, "body", "Hallo " + key));
		assertThat(received.status()).as(received.body()).isLessThan(300);
		String conversation = api.get("/api/v1/conversations?q=" + key).json().get("items").get(0).get("id").asString();
		Api.Response written = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Danke, erledigt."));
		UUID reply = UUID.fromString(written.json().get("id").asString());

		messages.delivered(reply, key, "sent");

		assertThat(jdbc.sql("select delivery from messages where id = ?").param(reply).query(String.class).single())
			.isEqualTo("sent");
		assertThat(jdbc.sql("select count(*) from messages where external_id = ?").param(key).query(Long.class).single())
			.as("the id stays with the message that had it").isEqualTo(1L);
	}
}
