package org.rapport.channels.mastodon;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL read the same Mastodon account at the same moment ({@code POST /api/v1/channels/{id}/sync}
 * to each at once, again and again, while new mentions keep arriving on the instance): every mention is stored once,
 * and every thread stays one conversation.
 */
class MastodonTwoNodesIntegrationTests extends IntegrationTest {

	static final int ROUNDS = 12;

	static final int PER_ROUND = 150;

	static final MentionFeed feed = new MentionFeed();

	static WireMockServer instance;

	static ConfigurableApplicationContext second;

	@Autowired
	DataSource dataSource;

	@Autowired
	org.rapport.platform.RapportProperties properties;

	@BeforeAll
	static void anInstance() {
		instance = new WireMockServer(wireMockConfig().dynamicPort().extensions(feed));
		instance.start();
		feed.serveOn(instance, "two-nodes-token");
	}

	@AfterAll
	static void stop() {
		if (second != null) {
			second.close();
			second = null;
		}
		instance.stop();
	}

	@Test
	void bothNodesSyncingTheSameAccountAtOnceStoreEveryMentionOnce() throws Exception {
		// All nodes of an installation share the key that seals credentials (RAPPORT_SECRET_KEY, or here the key file),
		// or the second could not read the account's access token.
		java.nio.file.Path data = org.rapport.support.TestDataDirs.create("rapport-node-2-");
		java.nio.file.Files.copy(properties.dataDir().resolve("secret.key"), data.resolve("secret.key"));
		second = SecondNode.start(dataSource, "--rapport.data-dir=" + data);
		Api onB = new Api("http://localhost:" + SecondNode.port(second), token);
		var created = api.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Kita auf Mastodon",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "two-nodes-token")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String channel = created.json().get("id").asString();
		String sync = "/api/v1/channels/" + channel + "/sync";
		assertThat(api.post(sync, Map.of()).status()).isEqualTo(200);

		// Pages take a little while, so that the two nodes' runs overlap.
		feed.slowFrom = 1;
		feed.delayMillis = 30;
		List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int round = 0; round < ROUNDS; round++) {
			feed.available.addAndGet(PER_ROUND);
			CountDownLatch go = new CountDownLatch(1);
			List<Thread> both = new ArrayList<>();
			for (Api node : List.of(api, onB)) {
				both.add(Thread.ofVirtual().start(() -> {
					try {
						go.await();
					}
					catch (InterruptedException e) {
						return;
					}
					statuses.add(node.post(sync, Map.of()).status());
				}));
			}
			go.countDown();
			// meanwhile more arrive, read by one node's run and not yet by the other's
			Thread.sleep(40);
			feed.available.addAndGet(PER_ROUND / 3);
			for (Thread t : both) {
				t.join();
			}
		}
		int total = feed.available.get();
		feed.delayMillis = 0;
		for (int run = 0; run < 10 && !cursor(channel).equals(String.valueOf(MentionFeed.FIRST + total - 1)); run++) {
			api.post(sync, Map.of());
		}
		assertThat(statuses).hasSize(2 * ROUNDS).containsOnly(200);
		// The race was run: both nodes read some pages from the same cursor (one after the other they never would).
		assertThat(feed.served.get()).as("mentions read, with those both nodes read").isGreaterThan(total);

		Map<String, Long> perStatus = new java.util.HashMap<>();
		jdbc.sql("select external_id, count(*) from messages where channel_id = ?::uuid group by external_id").param(channel)
			.query(rs -> {
				perStatus.put(rs.getString(1), rs.getLong(2));
			});
		for (int i = 0; i < total; i++) {
			assertThat(perStatus.get(MentionFeed.statusId(i))).as("messages of status %d", i).isEqualTo(1L);
		}
		assertThat(perStatus).hasSize(total);
		assertThat(count("select count(*) from messages where channel_id = ?::uuid", channel)).isEqualTo(total);
		// Threads of five: a reply read by one node while the other stores what it answers stays in that conversation.
		int threads = total / MentionFeed.THREAD;
		assertThat(count("select count(*) from conversations where channel_id = ?::uuid", channel)).isEqualTo(threads);
		assertThat(count("""
				select count(*) from (select conversation_id from messages where channel_id = ?::uuid
				  group by conversation_id having count(*) <> 5) odd""", channel)).as("conversations not of five").isZero();
		assertThat(count("select count(*) from conversations where channel_id = ?::uuid and message_count <> "
				+ "(select count(*) from messages m where m.conversation_id = conversations.id)", channel))
			.as("the conversations' counters").isZero();
		System.out.printf("[two-nodes] %d mentions in %d rounds, %d pages asked, %d mentions read, %d conversations%n",
				total, ROUNDS, feed.pagesAsked.get(), feed.served.get(), threads);
	}

	private String cursor(String channel) {
		return jdbc.sql("select coalesce(last_notification_id, '') from mastodon_accounts where channel_id = ?::uuid")
			.param(channel).query(String.class).single();
	}

	private long count(String sql, String channel) {
		return jdbc.sql(sql).param(channel).query(Long.class).single();
	}
}
