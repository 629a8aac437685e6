package org.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.insights.DaySummaries;
import org.rapport.insights.Openings;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Insights at scale. (1) Ingestion through {@code POST /api/v1/messages} with the live figures on and off, in
 * alternating rounds of the same run: the ratio is what insights costs ingestion. (2) The dashboard's requests
 * against a workspace with {@code bench.openings} openings spread over one year (written straight into
 * {@code insight_openings}, then summarised by day as the background task does): p50/p99 of each request.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=InsightsBenchmark} (optional {@code -Dbench.openings=2000000
 * -Dbench.rounds=3 -Dbench.batches=20}). Results: stdout lines starting with {@code [bench]} and
 * {@code target/bench/insights.txt}.
 */
class InsightsBenchmark extends IntegrationTest {

	static final int OPENINGS = Integer.getInteger("bench.openings", 2_000_000);
	static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
	static final int BATCHES = Integer.getInteger("bench.batches", 20);
	static final int BATCH = 1000;
	static final int REQUESTS = Integer.getInteger("bench.requests", 30);

	@Autowired
	Openings openings;

	@Autowired
	DaySummaries summaries;

	@Autowired
	org.rapport.insights.Metrics metrics;

	@Test
	void insightsAtScale() throws Exception {
		BenchSupport.report("insights", "=== InsightsBenchmark " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, openings=" + OPENINGS);
		ingestionWithAndWithout();
		dashboardOnAYear();
	}

	private void ingestionWithAndWithout() throws Exception {
		BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, "insights-ingest");
		Api client = new Api(baseUrl(), tenant.token());
		int[] sequence = { 0 };
		// warm-up, both ways
		for (boolean live : new boolean[] { true, false }) {
			openings.live(live);
			post(client, sequence, 3);
		}
		double on = 0;
		double off = 0;
		for (int round = 0; round < ROUNDS; round++) {
			for (boolean live : round % 2 == 0 ? new boolean[] { true, false } : new boolean[] { false, true }) {
				openings.live(live);
				double rate = post(client, sequence, BATCHES);
				BenchSupport.report("insights", String.format(Locale.ROOT, "ingestion round %d insights %s: %.0f messages/s",
						round, live ? "on " : "off", rate));
				if (live) {
					on += rate;
				}
				else {
					off += rate;
				}
			}
		}
		openings.live(true);
		BenchSupport.report("insights", String.format(Locale.ROOT,
				"ingestion with insights on: %.0f messages/s, off: %.0f messages/s, ratio %.1f %%", on / ROUNDS,
				off / ROUNDS, 100 * on / off));
	}

	/** Posts {@code batches} batches of 1000 messages (a fifth continue an earlier conversation); messages per second. */
	private double post(Api client, int[] sequence, int batches) {
		long started = System.nanoTime();
		for (int b = 0; b < batches; b++) {
			List<Map<String, Object>> messages = new ArrayList<>(BATCH);
			for (int i = 0; i < BATCH; i++) {
				int n = sequence[0]++;
				int thread = n % 5 == 4 ? n - 4 : n;
				messages.add(Map.of("channel", "api", "externalId", "m" + n, "threadKey", "t" + thread, "from",
						Map.of("handle", "p" + thread + "@example.org", "name", "Person " + thread), "body",
						"Eine Frage zu Termin " + n, "sentAt", Instant.now().minusSeconds(3600 - (n % 3600)).toString()));
			}
			Api.Response r = client.post("/api/v1/messages", Map.of("messages", messages));
			assertThat(r.status()).as(r.body()).isEqualTo(201);
		}
		return batches * BATCH / ((System.nanoTime() - started) / 1e9);
	}

	private void dashboardOnAYear() throws Exception {
		BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, "insights-year");
		UUID ws = tenant.workspace().id();
		List<UUID> channels = jdbc.sql("select id from channels where workspace_id = ?").param(ws).query(UUID.class).list();
		UUID contact = UUID.randomUUID();
		jdbc.sql("insert into contacts(id, workspace_id, name) values (?, ?, 'Bench')").params(contact, ws).update();
		UUID conversation = UUID.randomUUID();
		jdbc.sql("""
				insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, last_message_at)
				values (?, ?, ?, ?, 'bench', now())""").params(conversation, ws, tenant.channelId(), contact).update();
		long started = System.nanoTime();
		// One conversation holds all openings (its seq differs): the figures only read insight_openings.
		jdbc.sql("""
				insert into insight_openings(workspace_id, conversation_id, seq, channel_id, contact_id, opened_at,
				  needs_answer, waiting_since, answered_at, answered_by, first_response_seconds,
				  first_response_business_seconds, resolved_at, resolution_seconds, resolution_business_seconds,
				  inbound, replies, turns)
				select ?, ?, g, (?::uuid[])[1 + g % ?], null, t, g % 10 <> 0, t,
				  case when g % 7 <> 0 then t + make_interval(secs => 60 + (g::bigint * 7919) % 86400) end, null,
				  case when g % 7 <> 0 then 60 + (g::bigint * 7919) % 86400 end,
				  case when g % 7 <> 0 then ((60 + (g::bigint * 7919) % 86400) * 0.3)::bigint end,
				  null, null, null, 1 + g % 3, case when g % 7 <> 0 then 1 else 0 end, 1 + g % 4
				from (select g, now() - make_interval(secs => (g::float8 / ? * 365 * 86400)) as t
				      from generate_series(1, ?) g) s""")
			.params(ws, conversation, channels.toArray(UUID[]::new), channels.size(), OPENINGS, OPENINGS)
			.update();
		jdbc.sql("analyze insight_openings").update();
		BenchSupport.report("insights", String.format(Locale.ROOT, "wrote %d openings over one year in %.1f s", OPENINGS,
				(System.nanoTime() - started) / 1e9));
		started = System.nanoTime();
		int days = summaries.summarise();
		BenchSupport.report("insights", String.format(Locale.ROOT, "summarised %d days (all %d openings) in %.1f s", days,
				OPENINGS, (System.nanoTime() - started) / 1e9));
		LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
		String year = "from=" + today.minusDays(364) + "&to=" + today;
		String month = "from=" + today.minusDays(27) + "&to=" + today;
		for (String query : List.of("metrics?" + month, "metrics?" + year + "&groupBy=month",
				"metrics?" + year + "&groupBy=week&channel=" + tenant.channelId(), "funnel?" + year, "outcomes?" + year)) {
			long[] samples = new long[REQUESTS];
			HttpClient http = HttpClient.newHttpClient();
			for (int i = -3; i < REQUESTS; i++) {
				long t = System.nanoTime();
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/insights/" + query))
					.header("Authorization", "Bearer " + tenant.token()).build(), HttpResponse.BodyHandlers.ofString());
				assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
				if (i >= 0) {
					samples[i] = System.nanoTime() - t;
				}
			}
			BenchSupport.report("insights", "GET /api/v1/insights/" + query.replaceAll("=[0-9a-f-]{36}", "=<id>") + ": "
					+ BenchSupport.latencies(samples));
		}
		// Where a year's time goes, in process: the summaries' rows alone (read with their histograms' bytes, not
		// added up), and the whole report without HTTP and JSON.
		Map<String, String> reads = new java.util.LinkedHashMap<>();
		reads.put("daily rows of everything", "select * from insight_days where workspace_id = ? and dimension = 'all'"
				+ " and day between ? and ?");
		reads.put("monthly rows of everything", "select * from insight_months where workspace_id = ?"
				+ " and dimension = 'all' and month between ? and ?");
		reads.put("daily rows of one channel", "select * from insight_days where workspace_id = ?"
				+ " and dimension = 'channel' and key = '" + tenant.channelId() + "' and day between ? and ?");
		reads.put("weekly rows of one channel", "select * from insight_weeks where workspace_id = ?"
				+ " and dimension = 'channel' and key = '" + tenant.channelId() + "' and week between ? and ?");
		for (Map.Entry<String, String> read : reads.entrySet()) {
			long[] samples = new long[REQUESTS];
			int[] rows = {0};
			for (int i = -3; i < REQUESTS; i++) {
				long t = System.nanoTime();
				rows[0] = 0;
				jdbc.sql(read.getValue()).params(ws, today.minusDays(364), today)
					.query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
						rows[0]++;
						for (String column : List.of("frt", "frtb", "res", "resb")) {
							rs.getBytes(column);
						}
					});
				if (i >= 0) {
					samples[i] = System.nanoTime() - t;
				}
			}
			BenchSupport.report("insights", "SQL only, a year's " + read.getKey() + " (" + rows[0] + " rows): "
					+ BenchSupport.latencies(samples));
		}
		long[] samples = new long[REQUESTS];
		for (int i = -3; i < REQUESTS; i++) {
			long t = System.nanoTime();
			metrics.report(ws, metrics.query(ws, today.minusDays(364).toString(), today.toString(), null, null, null,
					"month"));
			if (i >= 0) {
				samples[i] = System.nanoTime() - t;
			}
		}
		BenchSupport.report("insights", "in process, Metrics.report of a year by month (no HTTP, no JSON): "
				+ BenchSupport.latencies(samples));
		samples = new long[REQUESTS];
		for (int i = -3; i < REQUESTS; i++) {
			long t = System.nanoTime();
			metrics.report(ws, metrics.query(ws, today.minusDays(364).toString(), today.toString(),
					tenant.channelId().toString(), null, null, "week"));
			if (i >= 0) {
				samples[i] = System.nanoTime() - t;
			}
		}
		BenchSupport.report("insights", "in process, Metrics.report of a year by week of one channel (no HTTP, no JSON): "
				+ BenchSupport.latencies(samples));
	}
}
