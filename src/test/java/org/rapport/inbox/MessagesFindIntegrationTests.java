package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Messages asked for all at once come in the order asked, each once, with their authors; unknown ones are left out. */
class MessagesFindIntegrationTests extends IntegrationTest {

	@Autowired
	Messages messages;

	@Test
	void manyMessagesAreFoundAtOnceInTheOrderAsked() {
		String key = "alle" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		Api.Response received = api.post("/api/v1/messages", Map.of("channel", "api", "externalId", key, "threadKey", key,
				"from", Map.of("handle", key + "@example.org", "name", "Frau " + key), "body", "Hallo " + key));
		assertThat(received.status()).as(received.body()).isLessThan(300);
		String conversation = api.get("/api/v1/conversations?q=" + key).json().get("items").get(0).get("id").asString();
		Api.Response written = api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("body", "Danke, erledigt."));
		UUID reply = UUID.fromString(written.json().get("id").asString());
		UUID inbound = jdbc.sql("select id from messages where external_id = ?").param(key).query(UUID.class).single();

		List<MessageView> found = messages.find(workspace.id(), List.of(reply, UUID.randomUUID(), inbound, reply));

		assertThat(found).extracting(MessageView::id).containsExactly(reply, inbound);
		assertThat(found.get(0).authorName()).isEqualTo("Olga Owner");
		assertThat(found.get(0).body()).contains("Danke, erledigt.");
		assertThat(found.get(1).senderName()).isEqualTo("Frau " + key);
		// the same view as asking for one (the reply's delivery may move on meanwhile: it is leaving)
		assertThat(found.get(1)).isEqualTo(messages.find(workspace.id(), inbound).orElseThrow());
		assertThat(messages.find(UUID.randomUUID(), List.of(reply, inbound))).as("another workspace's ids").isEmpty();
		assertThat(messages.find(workspace.id(), List.of())).isEmpty();
	}
}
