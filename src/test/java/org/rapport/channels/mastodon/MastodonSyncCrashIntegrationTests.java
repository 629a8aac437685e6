package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.AppProcess;
import org.rapport.support.TestDataDirs;

/**
 * Kills Rapport with SIGKILL while it reads a Mastodon account's notifications ({@code POST /api/v1/channels/{id}/sync},
 * pages served slowly by WireMock), starts it again on the same data directory, reads on until the instance has no
 * more, and proves that every mention is in the inbox exactly once, in the conversation it belongs to.
 */
class MastodonSyncCrashIntegrationTests {

	static final int MENTIONS = 2_000;

	Process app;

	WireMockServer instance;

	@AfterEach
	void stop() throws InterruptedException {
		if (app != null) {
			app.destroy();
			app.waitFor();
		}
		if (instance != null) {
			instance.stop();
		}
	}

	@Test
	void everyMentionIsInTheInboxOnceAfterAKillDuringASync() throws Exception {
		MentionFeed feed = new MentionFeed();
		instance = new WireMockServer(wireMockConfig().dynamicPort().extensions(feed));
		instance.start();
		feed.serveOn(instance, "crash-token");

		Path data = TestDataDirs.create("rapport-mastodon-crash-");
		int port = AppProcess.freePort();
		String base = "http://localhost:" + port;
		String[] args = { "--rapport.allow-private-networks=true", "--rapport.mastodon.poll-interval=1h",
				"--rapport.mastodon.streaming=false" };
		app = AppProcess.start(data, port, args);
		AppProcess.waitUntilReady(base);
		Api api = new Api(base, AppProcess.ownersToken(base));
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "crash-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String channel = created.json().get("id").asString();
		// No mentions yet when the account is first read: it is read from its first notification on.
		assertThat(api.post("/api/v1/channels/" + channel + "/sync", Map.of()).status()).isEqualTo(200);

		// Then a burst of 2,000 mentions: 50 pages of 40, a run reads 10. From the 25th page on (the middle of the
		// third run) each page takes 300 ms, and the process is killed while the 25th is being answered.
		feed.available.set(MENTIONS);
		feed.slowFrom = 25;
		feed.delayMillis = 300;
		AtomicBoolean killed = new AtomicBoolean();
		AtomicInteger syncs = new AtomicInteger();
		Thread syncing = Thread.ofVirtual().start(() -> {
			while (!killed.get()) {
				try {
					api.post("/api/v1/channels/" + channel + "/sync", Map.of());
					syncs.incrementAndGet();
				}
				catch (RuntimeException e) {
					return; // the process is gone
				}
			}
		});
		Instant deadline = Instant.now().plusSeconds(120);
		while (feed.pagesAsked.get() < 25 && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(feed.pagesAsked.get()).as("pages read before the kill").isGreaterThanOrEqualTo(25);
		app.destroyForcibly().waitFor();
		killed.set(true);
		syncing.join(Duration.ofSeconds(30));
		int syncsBefore = syncs.get();
		feed.delayMillis = 0;

		app = AppProcess.start(data, port, args);
		AppProcess.waitUntilReady(base);
		long storedAfterRestart;
		try (Connection db = database(data)) {
			storedAfterRestart = single(db, "select count(*) from messages where channel_id = '" + channel + "'::uuid");
		}
		assertThat(storedAfterRestart).as("the kill came in the middle: some stored, not all").isBetween(1L, MENTIONS - 1L);

		for (int run = 0; run < 20 && !done(data, channel); run++) {
			assertThat(api.post("/api/v1/channels/" + channel + "/sync", Map.of()).status()).isEqualTo(200);
		}

		try (Connection db = database(data)) {
			Map<String, Long> perStatus = new HashMap<>();
			try (ResultSet rs = db.createStatement().executeQuery(
					"select external_id, count(*) from messages where channel_id = '" + channel + "'::uuid group by external_id")) {
				while (rs.next()) {
					perStatus.put(rs.getString(1), rs.getLong(2));
				}
			}
			for (int i = 0; i < MENTIONS; i++) {
				assertThat(perStatus.get(MentionFeed.statusId(i))).as("messages of status %d", i).isEqualTo(1L);
			}
			assertThat(perStatus).hasSize(MENTIONS);
			assertThat(single(db, "select count(*) from messages where channel_id = '" + channel + "'::uuid"))
				.isEqualTo(MENTIONS);
			// Each thread of five is one conversation holding its five messages: none split by the kill.
			assertThat(single(db, "select count(*) from conversations where channel_id = '" + channel + "'::uuid"))
				.isEqualTo(MENTIONS / MentionFeed.THREAD);
			assertThat(single(db, "select count(*) from (select conversation_id from messages where channel_id = '"
					+ channel + "'::uuid group by conversation_id having count(*) <> " + MentionFeed.THREAD + ") odd"))
				.isZero();
			assertThat(single(db, "select last_notification_id::bigint from mastodon_accounts where channel_id = '"
					+ channel + "'::uuid")).isEqualTo(MentionFeed.FIRST + MENTIONS - 1);
		}
		System.out.printf("[crash] killed after %d pages asked and %d syncs answered; %d of %d stored at the restart%n",
				25, syncsBefore, storedAfterRestart, MENTIONS);
	}

	private static boolean done(Path data, String channel) throws SQLException {
		try (Connection db = database(data)) {
			return single(db, "select count(*) from mastodon_accounts where channel_id = '" + channel
					+ "'::uuid and last_notification_id = '" + (MentionFeed.FIRST + MENTIONS - 1) + "'") == 1;
		}
	}

	/** The process's embedded PostgreSQL: its port from {@code postmaster.pid}, its password from the data directory. */
	static Connection database(Path data) throws SQLException {
		try {
			String port = Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).strip();
			String password = Files.readString(data.resolve("database.password")).strip();
			return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	static long single(Connection db, String sql) throws SQLException {
		try (ResultSet rs = db.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
