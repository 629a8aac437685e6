package org.rapport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

/**
 * Reproduces the lock-order deadlock of concurrent ingestion batches: two calls of 1000 messages that both continue
 * the same existing conversations, one in ascending and one in descending order, sent at the same moment. Reports how
 * many of the pairs had a call answered with 5xx. Not a throughput benchmark; named so that the normal test run
 * skips it.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=IngestionDeadlockBenchmark} ({@code -Dbench.pairs=20}).
 */
class IngestionDeadlockBenchmark extends IntegrationTest {

	static final int PAIRS = Integer.getInteger("bench.pairs", 20);

	static Map<String, Object> message(String externalId, int thread) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("channel", "api");
		m.put("externalId", externalId);
		m.put("threadKey", "t-" + thread);
		m.put("from", Map.of("handle", "sender" + thread + "@example.org", "name", "Sender " + thread));
		m.put("subject", "Frage");
		m.put("body", "Hallo, noch eine Frage zu meiner Rechnung.");
		return m;
	}

	@Test
	void concurrentBatchesOnTheSameConversations() throws Exception {
		int threads = 1000;
		List<Map<String, Object>> seed = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			seed.add(message("seed-" + t, t));
		}
		Api.Response created = api.post("/api/v1/messages", Map.of("messages", seed));
		if (created.status() != 201) {
			throw new IllegalStateException("seed answered " + created.status());
		}
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		int failedPairs = 0;
		List<String> errors = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			for (int p = 0; p < PAIRS; p++) {
				List<Map<String, Object>> up = new ArrayList<>();
				List<Map<String, Object>> down = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					up.add(message("p" + p + "-up-" + t, t));
					down.add(message("p" + p + "-down-" + t, threads - 1 - t));
				}
				CountDownLatch go = new CountDownLatch(1);
				List<Future<HttpResponse<String>>> calls = new ArrayList<>();
				for (var batch : List.of(up, down)) {
					byte[] body = Api.JSON.writeValueAsBytes(Map.of("messages", batch));
					calls.add(pool.submit(() -> {
						go.await();
						return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/messages"))
							.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
					}));
				}
				go.countDown();
				boolean failed = false;
				for (var call : calls) {
					HttpResponse<String> r = call.get();
					if (r.statusCode() / 100 != 2) {
						failed = true;
						errors.add(r.statusCode() + " " + r.body());
					}
				}
				if (failed) {
					failedPairs++;
				}
			}
		}
		long deadlocks = jdbc.sql("select deadlocks from pg_stat_database where datname = current_database()")
			.query(Long.class).single();
		BenchSupport.report("deadlock", "IngestionDeadlockBenchmark " + java.time.Instant.now() + ": " + failedPairs + " of "
				+ PAIRS + " concurrent pairs had a call fail; PostgreSQL deadlocks detected: " + deadlocks
				+ (errors.isEmpty() ? "" : "; first error: " + errors.getFirst()));
	}

	/**
	 * A reply that is stored before the message it answers (retries, parallel workers, back-fills): what does the
	 * conversation show afterwards, compared with receiving them in order?
	 */
	@Test
	void outOfOrderDelivery() {
		Map<String, Object> original = message("orig-1", 77);
		original.put("subject", "Heizung defekt");
		original.put("body", "Die Heizung ist kaputt.");
		original.put("sentAt", "2026-05-04T10:00:00Z");
		Map<String, Object> reply = message("reply-1", 77);
		reply.put("subject", "Re: Heizung defekt");
		reply.put("body", "Nachtrag: jetzt auch das Warmwasser.");
		reply.put("sentAt", "2026-05-04T12:00:00Z");
		api.post("/api/v1/messages", reply);
		api.post("/api/v1/messages", original);
		var row = jdbc.sql("""
				select subject, created_at, last_message_at, waiting_since, preview, message_count from conversations
				where workspace_id = ? and thread_key = 't-77'""")
			.param(workspace.id())
			.query((rs, n) -> "subject '" + rs.getString(1) + "', created_at " + rs.getTimestamp(2).toInstant()
					+ ", last_message_at " + rs.getTimestamp(3).toInstant() + ", waiting_since "
					+ rs.getTimestamp(4).toInstant() + ", preview '" + rs.getString(5) + "', message_count " + rs.getInt(6))
			.single();
		BenchSupport.report("deadlock", "out-of-order delivery (reply 12:00 stored before original 10:00): " + row
				+ " -- in order it would be: subject 'Heizung defekt', created_at 10:00, waiting_since 10:00, preview "
				+ "'Nachtrag: jetzt auch das Warmwasser.'");
	}
}
