package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fan-out of one post: {@code bench.followers} followers (100,000) on {@code bench.inboxes} shared inboxes (10,000)
 * of a local HTTP server. Rapport's path (publish → one job per distinct inbox → signed POSTs through the job queue)
 * against a bare {@code HttpClient} that signs and posts the same payload to the same inboxes with the same
 * concurrency (64), in the same run.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=FanOutBenchmark} (optional {@code -Dbench.followers=100000
 * -Dbench.inboxes=10000}). Results: stdout lines starting with {@code [bench]} and {@code target/bench/fanout.txt}.
 */
class FanOutBenchmark extends IntegrationTest {

	static final int FOLLOWERS = Integer.getInteger("bench.followers", 100_000);
	static final int INBOXES = Integer.getInteger("bench.inboxes", 10_000);
	static final int CONCURRENCY = 64;

	@Autowired
	LocalObjects ids;

	@Autowired
	ActorKeys keys;

	@Test
	void fanOutOfOnePost() throws Exception {
		AtomicInteger received = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", exchange -> {
			try (exchange; InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
				received.incrementAndGet();
				exchange.sendResponseHeaders(202, -1);
			}
		});
		server.start();
		String base = "http://127.0.0.1:" + server.getAddress().getPort();
		try {
			jdbc.sql("""
					insert into ap_followers(workspace_id, actor_uri, inbox, shared_inbox)
					select ?, ? || '/users/u' || n, ? || '/users/u' || n || '/inbox', ? || '/inbox/' || (n % ?)
					from generate_series(1, ?) n""")
				.params(workspace.id(), base, base, base, INBOXES, FOLLOWERS).update();

			// Rapport: from the API call that publishes to the last delivery received.
			long start = System.nanoTime();
			var created = api.post("/api/v1/blog/posts", Map.of("title", "Fan-out", "markdown", "Ein Beitrag für alle.",
					"status", "published"));
			assertThat(created.status()).isEqualTo(201);
			double queuedSeconds = 0;
			while (received.get() < INBOXES) {
				if (System.nanoTime() - start > 900_000_000_000L) {
					throw new IllegalStateException("Only " + received.get() + " deliveries after 15 minutes");
				}
				if (queuedSeconds == 0 && jdbc.sql("select count(*) from (select convert_from(task_data, 'UTF8')::jsonb as d from scheduled_tasks where task_name = ?) t where d->>'workspaceId' = ?")
					.params(Deliveries.KIND, workspace.id().toString()).query(Integer.class).single() == INBOXES) {
					queuedSeconds = (System.nanoTime() - start) / 1e9;
				}
				Thread.sleep(200);
			}
			double rapportSeconds = (System.nanoTime() - start) / 1e9;
			UUID postId = UUID.fromString(created.json().get("id").asString());

			// Bare HttpClient: sign and post the same Create to each inbox, 64 at a time.
			received.set(0);
			byte[] body = jdbc.sql("select (d->>'payload')::jsonb->>'activity' from (select convert_from(task_data, 'UTF8')::jsonb as d from scheduled_tasks where task_name = ?) t where d->>'workspaceId' = ? limit 1")
				.params(Deliveries.KIND, workspace.id().toString()).query(String.class).single().getBytes(StandardCharsets.UTF_8);
			PrivateKey key = keys.of(workspace.id()).privateKey();
			String keyId = ids.keyId(workspace.slug());
			HttpClient client = HttpClient.newHttpClient();
			Semaphore slots = new Semaphore(CONCURRENCY);
			start = System.nanoTime();
			try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<Integer>> sent = new ArrayList<>();
				for (int i = 0; i < INBOXES; i++) {
					URI inbox = URI.create(base + "/inbox/" + i);
					sent.add(threads.submit(() -> {
						slots.acquire();
						try {
							HttpRequest.Builder request = HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofByteArray(body))
								.header("Content-Type", Documents.CONTENT_TYPE);
							HttpSignatures.signCavage("POST", inbox, body, keyId, key, Instant.now()).forEach((k, v) -> {
								if (!k.equalsIgnoreCase("host")) {
									request.header(k, v);
								}
							});
							return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
						}
						finally {
							slots.release();
						}
					}));
				}
				for (Future<Integer> f : sent) {
					assertThat(f.get()).isEqualTo(202);
				}
			}
			double bareSeconds = (System.nanoTime() - start) / 1e9;

			String result = String.format(Locale.ROOT, """
					Fan-out of one post (%s) to %,d followers on %,d shared inboxes, local HTTP server, same run
					  Rapport (publish -> jobs -> signed deliveries): %.1f s, %.0f deliveries/s (all %,d jobs queued after %.1f s)
					  bare HttpClient (sign + POST, %d concurrent):   %.1f s, %.0f deliveries/s
					  ratio Rapport / bare: %.2f (machine load average at the end: %.1f on %d cores)
					""", postId, FOLLOWERS, INBOXES, rapportSeconds, INBOXES / rapportSeconds, INBOXES, queuedSeconds, CONCURRENCY, bareSeconds,
					INBOXES / bareSeconds, bareSeconds / rapportSeconds,
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
					Runtime.getRuntime().availableProcessors());
			System.out.println(result.lines().map(l -> "[bench] " + l).reduce((a, c) -> a + "\n" + c).orElse(""));
			Path out = Path.of("target", "bench");
			Files.createDirectories(out);
			Files.writeString(out.resolve("fanout.txt"), result);
			assertThat(jdbc.sql("select count(*) from (select convert_from(task_data, 'UTF8')::jsonb as d from scheduled_tasks where task_name = ?) t where d->>'workspaceId' = ?")
				.params(Deliveries.KIND, workspace.id().toString()).query(Integer.class).single()).isEqualTo(INBOXES);
		}
		finally {
			server.stop(0);
			jdbc.sql("delete from ap_followers where workspace_id = ?").param(workspace.id()).update();
		}
	}
}
