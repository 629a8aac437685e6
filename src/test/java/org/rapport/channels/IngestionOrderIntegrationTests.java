package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Messages arrive out of order and concurrently in real life; conversations must come out the same. */
class IngestionOrderIntegrationTests extends IntegrationTest {

	static Map<String, Object> message(String externalId, String thread, String subject, String body, String sentAt) {
		return Map.of("channel", "api", "externalId", externalId, "threadKey", thread,
				"from", Map.of("handle", "mieter@example.org"), "subject", subject, "body", body, "sentAt", sentAt);
	}

	@Test
	void aLaterMessageStoredFirstDoesNotCorruptTheConversation() {
		api.post("/api/v1/messages", message("b", "t-77", "Re: Heizung defekt", "Nachtrag: jetzt auch das Warmwasser.", "2026-05-04T12:00:00Z"));
		api.post("/api/v1/messages", message("a", "t-77", "Heizung defekt", "Die Heizung ist kaputt.", "2026-05-04T10:00:00Z"));
		JsonNode item = api.get("/api/v1/conversations").json().get("items").get(0);
		assertThat(item.get("subject").asString()).isEqualTo("Heizung defekt");
		assertThat(item.get("preview").asString()).isEqualTo("Nachtrag: jetzt auch das Warmwasser.");
		assertThat(item.get("waitingSince").asString()).isEqualTo("2026-05-04T10:00:00Z");
		assertThat(item.get("lastMessageAt").asString()).isEqualTo("2026-05-04T12:00:00Z");
		assertThat(item.get("messageCount").asInt()).isEqualTo(2);
		JsonNode detail = api.get("/api/v1/conversations/" + item.get("id").asString()).json();
		assertThat(detail.get("createdAt").asString()).isEqualTo("2026-05-04T10:00:00Z");
	}

	@Test
	void concurrentBatchesContinuingTheSameConversationsInOppositeOrderAllSucceed() {
		List<Map<String, Object>> start = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			start.add(message("s" + i, "c" + i, "Thema " + i, "Anfang " + i, "2026-05-04T10:00:00Z"));
		}
		assertThat(api.post("/api/v1/messages", Map.of("messages", start)).status()).isEqualTo(201);
		for (int round = 0; round < 5; round++) {
			List<Map<String, Object>> up = new ArrayList<>();
			List<Map<String, Object>> down = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				up.add(message("u" + round + "-" + i, "c" + i, "", "Weiter " + i, "2026-05-04T11:00:00Z"));
				down.add(message("d" + round + "-" + i, "c" + i, "", "Noch " + i, "2026-05-04T11:00:00Z"));
			}
			Collections.reverse(down);
			var a = CompletableFuture.supplyAsync(() -> api.post("/api/v1/messages", Map.of("messages", up)));
			var b = CompletableFuture.supplyAsync(() -> api.post("/api/v1/messages", Map.of("messages", down)));
			Api.Response ra = a.join();
			Api.Response rb = b.join();
			assertThat(ra.status()).as(ra.body()).isEqualTo(201);
			assertThat(rb.status()).as(rb.body()).isEqualTo(201);
		}
		assertThat(jdbc.sql("select sum(message_count) from conversations where workspace_id = ?").param(workspace.id())
			.query(Integer.class).single()).isEqualTo(300 * 11);
	}
}
