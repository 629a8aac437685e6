package org.rapport.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of {@code bench.messages} (10,000) Mastodon mentions to one connected account, read into the inbox by the
 * Mastodon connector from an instance served by WireMock (pages of 40 as the connector asks for them, {@code min_id}
 * cursor, {@code Link} headers), against the same messages (same status ids, texts, senders, times) posted by an
 * integrator through {@code POST /api/v1/messages} in batches of 1000. Each round uses a fresh workspace; rounds
 * alternate (connector, API, connector, API …) after one warm-up round each way.
 * <p>
 * The connector's time runs from the first {@code POST /api/v1/channels/{id}/sync} after the burst until the last
 * of the 10,000 messages is stored (each sync reads at most 10 pages; the benchmark syncs again until all are in).
 * The scheduled polling and streaming are switched off here so that only those syncs read the account.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=ConnectorBurstBenchmark} (optional {@code -Dbench.messages=10000
 * -Dbench.rounds=2 -Dbench.senders=500 -Dbench.pages=false}; with {@code bench.pages} on, the default, each round
 * also posts the messages through the API in batches of 40, the connector's page size, outside the ratio). Results: stdout lines starting with {@code [bench]} and
 * {@code target/bench/connector-burst.txt}.
 */
@TestPropertySource(properties = { "rapport.mastodon.poll-interval=1h", "rapport.mastodon.streaming=false" })
class ConnectorBurstBenchmark extends IntegrationTest {

	static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);
	static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
	static final int SENDERS = Integer.getInteger("bench.senders", 500);
	/** The connector's page size, for the comparison in batches of that size. */
	static final int PAGE = Integer.getInteger("bench.page", 40);
	/** Also post the messages in batches of a page's size, to tell the batch size apart from the rest of the path. */
	static final boolean PAGES_TOO = Boolean.parseBoolean(System.getProperty("bench.pages", "true"));
	static final int BATCH = 1000;
	static final long FIRST_ID = 100_001;
	static final String NAME = "connector-burst";

	static WireMockServer instance;

	record Mention(String notificationId, String statusId, String acct, String name, String actor, String html,
			String subject, Instant at) {
	}

	static List<Mention> mentions;

	@BeforeAll
	static void anInstanceWithABurst() {
		instance = new WireMockServer(wireMockConfig().dynamicPort());
		instance.start();
		mentions = mentions(MESSAGES);
		instance.stubFor(get("/api/v1/accounts/verify_credentials").willReturn(json(
				"{\"id\": \"109302\", \"username\": \"kita\", \"acct\": \"kita\", \"display_name\": \"Kita Sonnenblume\"}")));
		// Before the burst: the newest notification is one whose status was deleted, so the first sync sets the cursor
		// and stores nothing (as docs.joinmastodon.org shows a notification with "status": null).
		instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", absent())
			.willReturn(json("[{\"id\": \"" + (FIRST_ID - 1) + "\", \"type\": \"mention\", \"created_at\": \""
					+ mentions.getFirst().at().minusSeconds(60) + "\", \"account\": {\"id\": \"1\", \"username\": \"gone\", "
					+ "\"acct\": \"gone@example.social\", \"url\": \"https://example.social/@gone\"}, \"status\": null}]")));
		// The page right after each cursor, newest first as Mastodon answers, as long as the connector asks for (40,
		// Mastodon's default, or 80, its maximum); after the last one, an empty page.
		for (int limit : new int[] { 40, 80 }) {
			String after = String.valueOf(FIRST_ID - 1);
			for (int from = 0; from <= mentions.size(); from += limit) {
				List<Mention> page = mentions.subList(from, Math.min(mentions.size(), from + limit));
				List<Object> notifications = new ArrayList<>();
				for (int i = page.size() - 1; i >= 0; i--) {
					notifications.add(notification(page.get(i)));
				}
				var response = json(Api.JSON.writeValueAsString(notifications));
				if (!page.isEmpty()) {
					String base = instance.baseUrl() + "/api/v1/notifications?types[]=mention&limit=" + limit;
					response.withHeader("Link", "<" + base + "&max_id=" + page.getFirst().notificationId()
							+ ">; rel=\"next\", <" + base + "&min_id=" + page.getLast().notificationId() + ">; rel=\"prev\"");
				}
				instance.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("min_id", equalTo(after))
					.withQueryParam("limit", equalTo(String.valueOf(limit))).willReturn(response));
				if (page.isEmpty()) {
					break;
				}
				after = page.getLast().notificationId();
			}
		}
	}

	@AfterAll
	static void stop() {
		instance.stop();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
	}

	/** Distinct statuses from {@code SENDERS} people, texts as in the other benchmarks, a second apart. */
	static List<Mention> mentions(int count) {
		Random random = new Random(42);
		List<String> names = new ArrayList<>();
		for (int s = 0; s < SENDERS; s++) {
			names.add(BenchText.name(random));
		}
		Instant start = Instant.now().minusSeconds(count + 3600L).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		List<Mention> out = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int s = i % SENDERS;
			String user = "user" + s;
			String host = "social" + (s % 20) + ".example";
			BenchText.Text text = BenchText.message(random);
			String firstLine = text.body().lines().findFirst().orElse("");
			String html = "<p><span class=\"h-card\"><a href=\"https://social.example/@kita\" class=\"u-url mention\">@<span>"
					+ "kita</span></a></span> " + text.body().replace("&", "&amp;").replace("<", "&lt;").replace("\n\n", "</p><p>")
						.replace("\n", "<br>") + "</p>";
			String first = "@kita " + firstLine;
			String subject = "@" + user + "@" + host + ": " + (first.length() > 80 ? first.substring(0, 79) + "…" : first);
			out.add(new Mention(String.valueOf(FIRST_ID + i), String.valueOf(113_000_000_000_000_000L + i * 7L),
					user + "@" + host, names.get(s), "https://" + host + "/users/" + user, html, subject,
					start.plusSeconds(i)));
		}
		return out;
	}

	/** A mention notification in the shape of docs.joinmastodon.org/entities/Notification. */
	static Map<String, Object> notification(Mention m) {
		String host = m.acct().substring(m.acct().indexOf('@') + 1);
		String user = m.acct().substring(0, m.acct().indexOf('@'));
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("id", String.valueOf(900_000 + user.hashCode() % 1000));
		account.put("username", user);
		account.put("acct", m.acct());
		account.put("display_name", m.name());
		account.put("url", "https://" + host + "/@" + user);
		account.put("uri", m.actor());
		account.put("bot", false);
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("id", m.statusId());
		status.put("created_at", m.at().toString());
		status.put("in_reply_to_id", null);
		status.put("in_reply_to_account_id", null);
		status.put("sensitive", false);
		status.put("spoiler_text", "");
		status.put("visibility", "public");
		status.put("language", "de");
		status.put("uri", m.actor() + "/statuses/" + m.statusId());
		status.put("url", "https://" + host + "/@" + user + "/" + m.statusId());
		status.put("content", m.html());
		status.put("account", account);
		status.put("mentions", List.of(Map.of("id", "109302", "username", "kita", "url", "https://social.example/@kita",
				"acct", "kita")));
		Map<String, Object> n = new LinkedHashMap<>();
		n.put("id", m.notificationId());
		n.put("type", "mention");
		n.put("created_at", m.at().plusMillis(300).toString());
		n.put("account", account);
		n.put("status", status);
		return n;
	}

	/** The same messages as an integrator posts them: batches of 1000 (the most one call takes), JSON made beforehand. */
	static List<byte[]> batches(int size) {
		List<byte[]> out = new ArrayList<>();
		for (int from = 0; from < mentions.size(); from += size) {
			List<Map<String, Object>> messages = new ArrayList<>();
			for (Mention m : mentions.subList(from, Math.min(mentions.size(), from + size))) {
				Map<String, Object> message = new LinkedHashMap<>();
				message.put("channel", "api");
				message.put("externalId", m.statusId());
				message.put("from", Map.of("handle", m.acct(), "name", m.name()));
				message.put("subject", m.subject());
				message.put("body", m.html());
				message.put("html", true);
				message.put("sentAt", m.at().toString());
				messages.add(message);
			}
			out.add(Api.JSON.writeValueAsBytes(Map.of("messages", messages)));
		}
		return out;
	}

	@Test
	void aBurstThroughTheConnectorAgainstTheSameMessagesThroughTheApi() throws Exception {
		BenchSupport.report(NAME, "=== ConnectorBurstBenchmark " + Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, messages=" + MESSAGES + ", senders=" + SENDERS
				+ ", rounds=" + ROUNDS + ", loadavg " + MachineLoad.loadavg());
		List<byte[]> batches = batches(BATCH);
		List<byte[]> pages = batches(PAGE);
		MachineLoad load = new MachineLoad(BenchSupport.postmasterPid(jdbc));
		double connector = 0;
		double viaApi = 0;
		for (int round = -1; round < ROUNDS; round++) {
			String label = round < 0 ? "warm-up" : "round " + round;
			MachineLoad.Snapshot before = load.snapshot();
			Result c = connector();
			BenchSupport.report(NAME, String.format(Locale.ROOT,
					"%s connector: %d messages in %.2f s = %.0f messages/s (%d syncs, %d pages; instance served the pages in %.2f s of that; %d conversations) — %s",
					label, c.messages, c.seconds, c.rate(), c.calls, c.pages, c.servedSeconds, c.conversations,
					load.since(before)));
			before = load.snapshot();
			Result a = api(batches);
			BenchSupport.report(NAME, String.format(Locale.ROOT,
					"%s API:       %d messages in %.2f s = %.0f messages/s (%d calls; %d conversations) — %s", label,
					a.messages, a.seconds, a.rate(), a.calls, a.conversations, load.since(before)));
			assertThat(c.conversations).as("the same conversations either way").isEqualTo(a.conversations);
			if (PAGES_TOO) {
				before = load.snapshot();
				Result p = api(pages);
				BenchSupport.report(NAME, String.format(Locale.ROOT,
						"%s API in batches of %d, as the connector's pages (not part of the ratio): %d messages in %.2f s = %.0f messages/s (%d calls) — %s",
						label, PAGE, p.messages, p.seconds, p.rate(), p.calls, load.since(before)));
			}
			if (round >= 0) {
				connector += c.rate();
				viaApi += a.rate();
			}
		}
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"RESULT: connector %.0f messages/s, API %.0f messages/s (means of %d rounds), ratio %.1f %% (goal >= 80 %%), loadavg %s",
				connector / ROUNDS, viaApi / ROUNDS, ROUNDS, 100 * connector / viaApi, MachineLoad.loadavg()));
	}

	record Result(int messages, double seconds, int calls, int pages, double servedSeconds, long conversations) {

		double rate() {
			return messages / seconds;
		}
	}

	private Result connector() {
		BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, "burst-connector");
		Api client = new Api(baseUrl(), tenant.token());
		var created = client.post("/api/v1/channels", Map.of("key", "mastodon", "kind", "mastodon", "name", "Burst",
				"config", Map.of("instance", instance.baseUrl(), "accessToken", "token-" + UUID.randomUUID())));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String channel = created.json().get("id").asString();
		UUID channelId = UUID.fromString(channel);
		// before the burst: the cursor is set, nothing stored
		assertThat(client.post("/api/v1/channels/" + channel + "/sync", Map.of()).status()).isEqualTo(200);
		assertThat(stored(channelId)).isZero();
		instance.resetRequests();
		long started = System.nanoTime();
		int syncs = 0;
		long stored = 0;
		while (stored < mentions.size()) {
			var synced = client.post("/api/v1/channels/" + channel + "/sync", Map.of());
			assertThat(synced.status()).as(synced.body()).isEqualTo(200);
			syncs++;
			long now = stored(channelId);
			assertThat(now).as("each sync brings new messages until all are in: " + synced.body()).isGreaterThan(stored);
			stored = now;
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		assertThat(stored).isEqualTo(mentions.size());
		List<ServeEvent> served = instance.getAllServeEvents();
		double servedSeconds = served.stream().mapToLong(e -> e.getTiming().getTotalTime()).sum() / 1e3;
		return new Result((int) stored, seconds, syncs, served.size(), servedSeconds, conversations(channelId));
	}

	private Result api(List<byte[]> batches) throws Exception {
		BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, "burst-api");
		HttpClient http = HttpClient.newHttpClient();
		long started = System.nanoTime();
		for (byte[] batch : batches) {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/messages"))
				.header("Authorization", "Bearer " + tenant.token()).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long stored = stored(tenant.channelId());
		assertThat(stored).isEqualTo(mentions.size());
		return new Result((int) stored, seconds, batches.size(), 0, 0, conversations(tenant.channelId()));
	}

	private long stored(UUID channel) {
		return jdbc.sql("select count(*) from messages where channel_id = ?").param(channel).query(Long.class).single();
	}

	private long conversations(UUID channel) {
		return jdbc.sql("select count(*) from conversations where channel_id = ?").param(channel).query(Long.class)
			.single();
	}
}
