package org.rapport.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
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
		int port = freePort();
		String base = "http://localhost:" + port;
		app = start(data, port);
		waitUntilReady(base);
		String token = ownersToken(base);
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

		app = start(data, port);
		waitUntilReady(base);
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

	Process start(Path data, int port) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				"org.rapport.RapportApplication");
		builder.environment().put("RAPPORT_DATA_DIR", data.toString());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("RAPPORT_ADMIN_EMAIL", "crash@example.org");
		builder.environment().put("RAPPORT_ADMIN_PASSWORD", "crash-test-password");
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/crash-test-app.log")));
		return builder.start();
	}

	static void waitUntilReady(String base) throws InterruptedException {
		Api anonymous = new Api(base, null);
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			try {
				if (anonymous.get("/login").status() == 200) {
					return;
				}
			}
			catch (RuntimeException e) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Rapport did not start within 120 s; see target/crash-test-app.log");
	}

	/**
	 * A token of the owner the first start makes, which it makes just after the server answers: asked again until it
	 * exists (within 60 s).
	 */
	static String ownersToken(String base) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(60);
		while (true) {
			Api.Response created = new Api(base, null).postBasic("/api/v1/tokens", "crash@example.org", "crash-test-password",
					Map.of());
			if (created.status() == 201 || created.status() == 200) {
				return created.json().get("token").asString();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("No token for the owner: " + created.status() + " " + created.body());
			}
			Thread.sleep(250);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
