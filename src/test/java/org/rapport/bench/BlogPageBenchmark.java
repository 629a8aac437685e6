package org.rapport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.rapport.blog.Authors;
import org.rapport.blog.OrganisationProfiles;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * A blog post page rendered by the app against the same bytes served as a static file by the same server, in the
 * same process and run: requests per second and latency of each, and their ratio. The post is a realistic one
 * (about 1,200 words with headings, a list and a table, categories, tags, an author profile, twelve approved
 * comments in threads, related posts, pages in the navigation, profile links); its rendered HTML is written to
 * {@code target/test-classes/static/img/} and served from there by Spring's static resource handler. Phases
 * alternate (static, app, static, app) after a warm-up, so drift of the shared machine hits both alike.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=BlogPageBenchmark} (optional {@code -Dbench.clients=8 -Dbench.seconds=10
 * -Dbench.warmup=30}). When {@code wrk} is installed, both addresses are also loaded with {@code wrk -t2 -c32}, the
 * issue's measure, and so is the same file served by nginx when that is installed (skip with
 * {@code -Dbench.wrk=false}).
 * Results: {@code [bench]} lines and {@code target/bench/blog-page.txt}.
 */
class BlogPageBenchmark extends IntegrationTest {

	static final int CLIENTS = Integer.getInteger("bench.clients", 8);
	static final int SECONDS = Integer.getInteger("bench.seconds", 10);
	static final int WARMUP = Integer.getInteger("bench.warmup", 30);
	static final String OUT = "blog-page";

	@Autowired
	Authors authors;

	@Autowired
	OrganisationProfiles profiles;

	@Autowired
	org.rapport.blog.Comments comments;

	@Autowired
	org.rapport.blog.Posts posts;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry metrics;

	@Test
	void postPageAgainstTheSameBytesAsStaticFile() throws Exception {
		String postPath = realisticPost();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		byte[] page = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + postPath)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
		Path file = Path.of("target", "test-classes", "static", "img", "bench-post.html");
		Files.createDirectories(file.getParent());
		Files.write(file, page);
		String staticPath = "/img/bench-post.html";
		HttpResponse<byte[]> check = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + staticPath)).build(), HttpResponse.BodyHandlers.ofByteArray());
		if (check.statusCode() != 200 || check.body().length != page.length) {
			throw new IllegalStateException("The static copy is not served: " + check.statusCode() + ", " + check.body().length + " bytes");
		}
		BenchSupport.report(OUT, String.format(Locale.ROOT, "blog post page %d bytes, %d clients, %d s per phase, %d cores, loadavg %s",
				page.length, CLIENTS, SECONDS, Runtime.getRuntime().availableProcessors(),
				Files.readString(Path.of("/proc/loadavg")).strip()));

		run(http, postPath, Math.max(2, SECONDS / 2));
		for (String path : List.of(postPath, staticPath)) {
			long[] one = new long[50];
			for (int i = 0; i < one.length; i++) {
				long t = System.nanoTime();
				http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
				one[i] = System.nanoTime() - t;
			}
			BenchSupport.report(OUT, "one client, " + (path.equals(staticPath) ? "static" : "app") + ": " + BenchSupport.latencies(one));
		}
		run(http, staticPath, Math.max(2, SECONDS / 2));
		List<Phase> app = new ArrayList<>();
		List<Phase> statics = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			statics.add(report("static", run(http, staticPath, SECONDS)));
			app.add(report("app", run(http, postPath, SECONDS)));
		}
		double appRate = app.stream().mapToDouble(Phase::perSecond).average().orElse(0);
		double staticRate = statics.stream().mapToDouble(Phase::perSecond).average().orElse(0);
		long[] appLatencies = app.stream().flatMapToLong(p -> java.util.Arrays.stream(p.nanos())).toArray();
		BenchSupport.report(OUT, String.format(Locale.ROOT,
				"RESULT app %.0f req/s (p99 %.1f ms) vs static %.0f req/s: ratio app/static %.3f (%.1f %%)", appRate,
				BenchSupport.percentileMs(appLatencies, 99), staticRate, appRate / staticRate, 100 * appRate / staticRate));

		// The measure: the most requests per second each side serves while its p99 stays within 50 ms,
		// found by raising the number of clients (1, 2, 4, 8, 16) in phases of half the phase length.
		BenchSupport.report(OUT, String.format(Locale.ROOT, "blog page cache: %.0f hits, %.0f misses so far",
				cacheGets("hit"), cacheGets("miss")));
		double[] best = new double[2];
		int[] bestClients = new int[2];
		for (int clients : new int[] { 1, 2, 4, 8, 16 }) {
			for (int side = 0; side < 2; side++) {
				Phase phase = run(http, side == 0 ? postPath : staticPath, Math.max(3, SECONDS / 2), clients);
				double p99 = BenchSupport.percentileMs(phase.nanos(), 99);
				report((side == 0 ? "app" : "static") + " " + clients + "c", phase);
				if (p99 <= 50 && phase.errors() == 0 && phase.perSecond() > best[side]) {
					best[side] = phase.perSecond();
					bestClients[side] = clients;
				}
			}
		}
		BenchSupport.report(OUT, String.format(Locale.ROOT,
				"RESULT at p99 <= 50 ms: app %.0f req/s (%d clients) vs static %.0f req/s (%d clients): ratio %.3f (%.1f %%)",
				best[0], bestClients[0], best[1], bestClients[1], best[1] == 0 ? 0 : best[0] / best[1],
				best[1] == 0 ? 0 : 100 * best[0] / best[1]));
		if (Boolean.parseBoolean(System.getProperty("bench.wrk", "true")) && installed("wrk")) {
			wrkComparison(postPath, staticPath, page);
		}
		BenchSupport.report(OUT, String.format(Locale.ROOT, "blog page cache: %.0f hits, %.0f misses; loadavg after %s",
				cacheGets("hit"), cacheGets("miss"), Files.readString(Path.of("/proc/loadavg")).strip()));
	}

	private double cacheGets(String result) {
		var counter = metrics.find("cache.gets").tag("cache", "blog.pages").tag("result", result).functionCounter();
		return counter == null ? 0 : counter.count();
	}

	/**
	 * {@code wrk -t2 -c32} against the app's page, the static copy served by the same server and, when it is
	 * installed, by nginx (the static server the issue measured against); in turn, twice each.
	 */
	private void wrkComparison(String postPath, String staticPath, byte[] page) throws Exception {
		List<String> names = new ArrayList<>(List.of("app", "static"));
		List<String> urls = new ArrayList<>(List.of("http://127.0.0.1:" + port + postPath, "http://127.0.0.1:" + port + staticPath));
		Nginx nginx = installed("nginx") ? Nginx.start(page) : null;
		if (nginx != null) {
			names.add("nginx");
			urls.add(nginx.url());
		}
		try {
			double[] rate = new double[names.size()];
			double[] p99 = new double[names.size()];
			for (int round = 0; round < 2; round++) {
				for (int side = names.size() - 1; side >= 0; side--) {
					Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + SECONDS + "s", "--latency", urls.get(side))
						.redirectErrorStream(true).start();
					String out = new String(wrk.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
					wrk.waitFor();
					var requests = java.util.regex.Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
					var latency = java.util.regex.Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)").matcher(out);
					var errors = java.util.regex.Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
					if (!requests.find() || !latency.find()) {
						throw new IllegalStateException("Unexpected wrk output:\n" + out);
					}
					double perSecond = Double.parseDouble(requests.group(1));
					double ms = Double.parseDouble(latency.group(1)) * switch (latency.group(2)) {
						case "us" -> 0.001;
						case "s" -> 1000;
						default -> 1;
					};
					rate[side] += perSecond / 2;
					p99[side] = Math.max(p99[side], ms);
					BenchSupport.report(OUT, String.format(Locale.ROOT, "wrk -t2 -c32 %-6s %8.0f req/s, p99 %.1f ms%s",
							names.get(side), perSecond, ms, errors.find() ? ", non-2xx " + errors.group(1) : ""));
				}
			}
			for (int side = 1; side < names.size(); side++) {
				BenchSupport.report(OUT, String.format(Locale.ROOT,
						"RESULT wrk -t2 -c32: app %.0f req/s (p99 %.1f ms) vs %s %.0f req/s (p99 %.1f ms): ratio %.3f (%.1f %%)",
						rate[0], p99[0], names.get(side), rate[side], p99[side], rate[0] / rate[side], 100 * rate[0] / rate[side]));
			}
		}
		finally {
			if (nginx != null) {
				nginx.stop();
			}
		}
	}

	/** nginx serving the page's bytes from a directory of its own, on a free loopback port. */
	record Nginx(Process process, int port, Path dir) {

		static Nginx start(byte[] page) throws Exception {
			Path dir = Files.createTempDirectory("bench-nginx-");
			Files.createDirectories(dir.resolve("www"));
			Files.write(dir.resolve("www").resolve("bench-post.html"), page);
			// the workers run as an unprivileged user when started as root
			for (Path p : List.of(dir, dir.resolve("www"), dir.resolve("www").resolve("bench-post.html"))) {
				Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
						Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
			}
			int port;
			try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Files.writeString(dir.resolve("nginx.conf"), """
					daemon off;
					worker_processes auto;
					error_log %1$s/error.log;
					pid %1$s/nginx.pid;
					events { worker_connections 1024; }
					http {
					  access_log off;
					  default_type text/html;
					  server { listen 127.0.0.1:%2$d; root %1$s/www; }
					}
					""".formatted(dir, port));
			Process process = new ProcessBuilder("nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString())
				.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
			Nginx nginx = new Nginx(process, port, dir);
			HttpClient http = HttpClient.newHttpClient();
			for (int i = 0; i < 50; i++) {
				try {
					if (http.send(HttpRequest.newBuilder(URI.create(nginx.url())).build(), HttpResponse.BodyHandlers.ofByteArray())
						.body().length == page.length) {
						return nginx;
					}
				}
				catch (java.io.IOException e) {
					Thread.sleep(100);
				}
			}
			nginx.stop();
			throw new IllegalStateException("nginx did not serve the page; see " + dir.resolve("error.log"));
		}

		String url() {
			return "http://127.0.0.1:" + port + "/bench-post.html";
		}

		void stop() throws InterruptedException {
			process.destroy();
			process.waitFor();
		}
	}

	private static boolean installed(String program) {
		return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
	}


	record Phase(int requests, double seconds, long[] nanos, int errors) {

		double perSecond() {
			return requests / seconds;
		}
	}

	Phase report(String what, Phase phase) {
		BenchSupport.report(OUT, String.format(Locale.ROOT, "%-6s %8.0f req/s, %s, errors %d", what, phase.perSecond(),
				BenchSupport.latencies(phase.nanos()), phase.errors()));
		return phase;
	}

	/** Sends GETs from {@link #CLIENTS} threads for a number of seconds, each reading the whole body. */
	static Phase run(HttpClient http, String path, int seconds) throws Exception {
		return run(http, path, seconds, CLIENTS);
	}

	/** Sends GETs from {@code clients} threads for a number of seconds, each reading the whole body. */
	static Phase run(HttpClient http, String path, int seconds, int clients) throws Exception {
		URI uri = URI.create("http://localhost:" + System.getProperty("bench.port") + path);
		HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<long[]>> results = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < clients; i++) {
			results.add(pool.submit(() -> {
				long[] samples = new long[1 << 16];
				int n = 0;
				long errors = 0;
				while (!stop.get()) {
					long t = System.nanoTime();
					HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
					long took = System.nanoTime() - t;
					if (response.statusCode() != 200) {
						errors++;
					}
					if (n == samples.length) {
						samples = java.util.Arrays.copyOf(samples, n * 2);
					}
					samples[n++] = took;
				}
				long[] out = java.util.Arrays.copyOf(samples, n + 1);
				out[n] = -errors - 1;
				return out;
			}));
		}
		Thread.sleep(Duration.ofSeconds(seconds));
		stop.set(true);
		List<long[]> all = new ArrayList<>();
		int errors = 0;
		for (Future<long[]> f : results) {
			long[] r = f.get();
			errors += (int) (-r[r.length - 1] - 1);
			all.add(java.util.Arrays.copyOf(r, r.length - 1));
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		long[] nanos = all.stream().flatMapToLong(java.util.Arrays::stream).toArray();
		return new Phase(nanos.length, elapsed, nanos, errors);
	}

	/** Writes the post and what surrounds it on its page; answers with its path. */
	String realisticPost() {
		System.setProperty("bench.port", String.valueOf(port));
		authors.save(owner, owner.userId(), new Authors.Input("Olga Owner", "Kümmert sich um Öffentlichkeitsarbeit und Ehrenamt.",
				"", "https://verein.example", "@olga@social.example"));
		profiles.save(owner, "Mastodon https://social.example/@verein\nLinkedIn https://www.linkedin.com/company/verein");
		api.post("/api/v1/blog/pages", Map.of("title", "Über uns", "markdown", "Wir sind ein Verein.", "status", "published"));
		api.post("/api/v1/blog/pages", Map.of("title", "Datenschutz", "markdown", "Wir speichern wenig.", "status", "published", "privacy", true));
		StringBuilder markdown = new StringBuilder();
		String sentence = "Wir treffen uns jeden Dienstag im Stadtteilzentrum, kochen gemeinsam und sprechen über das, was im Viertel los ist. ";
		for (int section = 1; section <= 6; section++) {
			markdown.append("## Abschnitt ").append(section).append("\n\n");
			for (int p = 0; p < 3; p++) {
				markdown.append(sentence.repeat(4)).append("Mehr dazu [hier](https://verein.example/").append(section).append(").\n\n");
			}
		}
		markdown.append("- Kuchen\n- Kaffee\n- Musik\n\n| Tag | Zeit |\n|---|---|\n| Di | 18 Uhr |\n| Sa | 10 Uhr |\n");
		for (int i = 0; i < 3; i++) {
			api.post("/api/v1/blog/posts", Map.of("title", "Älterer Beitrag " + i, "markdown", "Kurz.", "status", "published",
					"tags", List.of("Ehrenamt", "Kochen")));
		}
		JsonNode post = api.post("/api/v1/blog/posts", Map.of("title", "Gemeinsam kochen im Viertel", "markdown", markdown.toString(),
				"status", "published", "categories", List.of("Verein"), "tags", List.of("Ehrenamt", "Kochen"))).json();
		String path = URI.create(post.get("url").asString()).getPath();
		org.rapport.blog.Post written = posts.get(workspace.id(), java.util.UUID.fromString(post.get("id").asString()));
		java.util.UUID parent = null;
		for (int i = 0; i < 12; i++) {
			// each from its own address, as the comment flood limit counts per address
			var outcome = comments.submit(workspace, written, new org.rapport.blog.Comments.Submission("Leserin " + i,
					"leserin" + i + "@example.net", "", "Ein Kommentar Nummer " + i + ", mit ein paar Worten mehr.", true, "",
					i % 3 != 0 ? parent : null), "10.0.0." + (i + 1));
			api.post("/api/v1/blog/comments/" + outcome.comment().id() + "/approve", Map.of());
			if (i % 3 == 0) {
				parent = outcome.comment().id();
			}
		}
		return path;
	}
}
