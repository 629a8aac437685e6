package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.AppProcess;

import tools.jackson.databind.JsonNode;

/**
 * Kills Rapport with SIGKILL while batches are being ingested, starts it again on the same data directory, and
 * proves that every batch that was acknowledged is stored whole, exactly once.
 */
class IngestionCrashIntegrationTests {

	static final int BATCH = 200;

	Process app;

	@AfterEach
	void stop() {
		if (app != null) {
			app.destroy();
		}
	}

	@Test
	void keepsEveryAcknowledgedMessageAcrossAKillWithoutDuplicates() throws Exception {
		Path data = org.rapport.support.TestDataDirs.create("rapport-crash-");
		int port = AppProcess.freePort();
		String base = "http://localhost:" + port;
		app = AppProcess.start(data, port);
		AppProcess.waitUntilReady(base);
		String token = AppProcess.ownersToken(base);
		Api api = new Api(base, token);

		ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			int lane = t;
			senders.add(Thread.ofVirtual().start(() -> {
				for (int b = lane; running.get() && b < 10_000; b += 2) {
					try {
						Api.Response r = api.post("/api/v1/messages", batch(b));
						if (r.status() / 100 == 2) {
							acknowledged.add(b);
						}
					}
					catch (RuntimeException e) {
						return;
					}
				}
			}));
		}
		Instant deadline = Instant.now().plusSeconds(60);
		while (acknowledged.size() < 6 && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		app.destroyForcibly().waitFor();
		running.set(false);
		for (Thread sender : senders) {
			sender.join(Duration.ofSeconds(30));
		}
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(6);

		app = AppProcess.start(data, port);
		AppProcess.waitUntilReady(base);
		for (int b : acknowledged) {
			JsonNode again = api.post("/api/v1/messages", batch(b)).json();
			assertThat(again.get("accepted").asInt()).as("batch %d", b).isZero();
			assertThat(again.get("duplicates").asInt()).as("batch %d", b).isEqualTo(BATCH);
		}
		// Every stored batch is one conversation holding all of its messages once: nothing half-written, nothing twice.
		String cursor = null;
		int conversations = 0;
		do {
			JsonNode page = api.get("/api/v1/conversations?limit=200" + (cursor == null ? "" : "&cursor=" + cursor)).json();
			for (JsonNode item : page.get("items")) {
				assertThat(item.get("messageCount").asInt()).isEqualTo(BATCH);
				conversations++;
			}
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
		}
		while (cursor != null);
		assertThat(conversations).isGreaterThanOrEqualTo(acknowledged.size());
	}

	static Map<String, Object> batch(int b) {
		List<Map<String, Object>> messages = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			messages.add(Map.of("channel", "api", "externalId", "b" + b + "-" + i, "threadKey", "batch-" + b,
					"from", Map.of("handle", "sender" + (i % 50) + "@example.org"), "body", "Nachricht " + i + " aus Stapel " + b));
		}
		return Map.of("messages", messages);
	}
}
