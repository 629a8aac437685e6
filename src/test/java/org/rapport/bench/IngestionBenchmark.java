package org.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.rapport.contacts.Identities;
import org.rapport.contacts.IdentityKind;
import org.rapport.inbox.Messages;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ingestion throughput: the full pipeline through {@code POST /api/v1/messages} (batches of 1000, two concurrent
 * clients) against the same rows written by raw PgJDBC {@code COPY} into the same tables, in the same run.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=IngestionBenchmark} (optional {@code -Dbench.batches=200
 * -Dbench.warmupBatches=20}). Results: stdout lines starting with {@code [bench]} and {@code target/bench/ingestion.txt}.
 */
class IngestionBenchmark extends IntegrationTest {

	static final int BATCH = 1000;
	static final int BATCHES = Integer.getInteger("bench.batches", 200);
	static final int WARMUP_BATCHES = Integer.getInteger("bench.warmupBatches", 20);
	static final int CLIENTS = 2;
	/** Share of messages that continue a conversation started in an earlier call. */
	static final double REPLY_SHARE = 0.10;

	@Autowired
	DataSource dataSource;

	@Autowired
	org.rapport.inbox.SpamScreen spamScreen;

	record Conv(String threadKey, String name, String email, String subject) {
	}

	record Msg(int conv, String externalId, String subject, String body, Instant sentAt) {
	}

	record Corpus(List<Conv> convs, List<List<Msg>> batches) {

		int messages() {
			return batches.stream().mapToInt(List::size).sum();
		}
	}

	/** Distinct senders, one per conversation; ~10 % of messages join a conversation begun 4+ calls earlier. */
	static Corpus corpus(String prefix, int batches, long seed) {
		Random random = new Random(seed);
		List<Conv> convs = new ArrayList<>();
		List<List<Msg>> out = new ArrayList<>();
		int[] convsBefore = new int[batches + 1];
		long g = 0;
		for (int b = 0; b < batches; b++) {
			convsBefore[b] = convs.size();
			List<Msg> batch = new ArrayList<>(BATCH);
			for (int j = 0; j < BATCH; j++, g++) {
				BenchText.Text text = BenchText.message(random);
				Instant sentAt = BenchText.at(g * 15);
				int eligible = b >= 4 ? convsBefore[b - 3] : 0;
				if (eligible > 0 && random.nextDouble() < REPLY_SHARE) {
					int conv = random.nextInt(eligible);
					batch.add(new Msg(conv, prefix + "-" + g, "Re: " + convs.get(conv).subject(), text.body(), sentAt));
				}
				else {
					String name = BenchText.name(random);
					int conv = convs.size();
					convs.add(new Conv(prefix + "-t" + conv, name, BenchText.email(name, conv), text.subject()));
					batch.add(new Msg(conv, prefix + "-" + g, text.subject(), text.body(), sentAt));
				}
			}
			out.add(batch);
		}
		return new Corpus(convs, out);
	}

	static byte[] json(Corpus corpus, List<Msg> batch) {
		List<Map<String, Object>> items = new ArrayList<>(batch.size());
		for (Msg m : batch) {
			Conv c = corpus.convs().get(m.conv());
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("channel", "api");
			item.put("externalId", m.externalId());
			item.put("threadKey", c.threadKey());
			item.put("from", Map.of("handle", c.email(), "name", c.name()));
			item.put("subject", m.subject());
			item.put("body", m.body());
			item.put("sentAt", m.sentAt().toString());
			items.add(item);
		}
		return Api.JSON.writeValueAsBytes(Map.of("messages", items));
	}

	record HttpRun(long nanos, long[] requestNanos, int accepted, int duplicates, int failedCalls) {
	}

	HttpRun postAll(BenchSupport.Tenant tenant, List<byte[]> bodies) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger accepted = new AtomicInteger();
		AtomicInteger duplicates = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		long[] requestNanos = new long[bodies.size()];
		long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
		long start = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < CLIENTS; t++) {
				done.add(clients.submit(() -> {
					for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
						if (System.nanoTime() > deadline) {
							throw new IllegalStateException("Ingestion took longer than 6 minutes; stopped at call " + i);
						}
						long t0 = System.nanoTime();
						HttpResponse<String> response;
						for (int attempt = 1;; attempt++) {
							response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/messages"))
								.header("Authorization", "Bearer " + tenant.token())
								.header("Content-Type", "application/json")
								.POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
								.build(), HttpResponse.BodyHandlers.ofString());
							// A batch is all-or-nothing and idempotent, so a client may safely send it again.
							if (response.statusCode() / 100 == 5 && attempt < 5) {
								failures.incrementAndGet();
								continue;
							}
							break;
						}
						requestNanos[i] = System.nanoTime() - t0;
						if (response.statusCode() / 100 != 2) {
							throw new IllegalStateException("Call " + i + " answered " + response.statusCode() + ": "
									+ response.body());
						}
						var answer = Api.JSON.readTree(response.body());
						accepted.addAndGet(answer.get("accepted").asInt());
						duplicates.addAndGet(answer.get("duplicates").asInt());
					}
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		return new HttpRun(System.nanoTime() - start, requestNanos, accepted.get(), duplicates.get(), failures.get());
	}

	/**
	 * Writes exactly the rows the pipeline would write (contacts, identities, conversations with their counters and
	 * preview, messages with sanitised HTML and text) with COPY, two connections in parallel, split by conversation.
	 */
	long copyAll(BenchSupport.Tenant tenant, Corpus corpus) throws Exception {
		UUID ws = tenant.workspace().id();
		int n = corpus.convs().size();
		UUID[] contactIds = new UUID[n];
		UUID[] convIds = new UUID[n];
		for (int i = 0; i < n; i++) {
			contactIds[i] = UUID.randomUUID();
			convIds[i] = UUID.randomUUID();
		}
		// What the spam filter decides, asked before the clock starts: COPY writes its outcome, not its work.
		List<Msg> all = corpus.batches().stream().flatMap(List::stream).toList();
		double[] spamProbability = spamScreen.spamProbabilities(ws, all.stream().map(m -> m.body().strip()).toList());
		Set<String> spam = new HashSet<>();
		for (int i = 0; i < spamProbability.length; i++) {
			if (spamProbability[i] >= org.rapport.inbox.SpamScreen.THRESHOLD) {
				spam.add(all.get(i).externalId());
			}
		}
		long start = System.nanoTime();
		try (ExecutorService loaders = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> done = new ArrayList<>();
			for (int p = 0; p < CLIENTS; p++) {
				int part = p;
				done.add(loaders.submit(() -> {
					copyPartition(tenant, ws, corpus, part, contactIds, convIds, spam);
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		return System.nanoTime() - start;
	}

	private void copyPartition(BenchSupport.Tenant tenant, UUID ws, Corpus corpus, int part, UUID[] contactIds,
			UUID[] convIds, Set<String> spam) throws Exception {
		int n = corpus.convs().size();
		int[] count = new int[n];
		Instant[] last = new Instant[n];
		Instant[] first = new Instant[n];
		String[] preview = new String[n];
		Instant[] waiting = new Instant[n];
		for (List<Msg> batch : corpus.batches()) {
			for (Msg m : batch) {
				if (m.conv() % CLIENTS != part) {
					continue;
				}
				int c = m.conv();
				count[c]++;
				if (first[c] == null) {
					first[c] = m.sentAt();
					// A conversation begun by spam is spam, and so is what joins it later: it waits for no answer.
					waiting[c] = spam.contains(m.externalId()) ? null : m.sentAt();
				}
				if (last[c] == null || !m.sentAt().isBefore(last[c])) {
					last[c] = m.sentAt();
					preview[c] = preview(m.body().strip());
				}
			}
		}
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			long t0 = System.nanoTime();
			try (CopyWriter contacts = new CopyWriter(connection, "contacts", "id, workspace_id, name")) {
				for (int c = part; c < n; c += CLIENTS) {
					contacts.row(contactIds[c], ws, corpus.convs().get(c).name());
				}
			}
			long t1 = System.nanoTime();
			try (CopyWriter identities = new CopyWriter(connection, "identities", "id, workspace_id, contact_id, kind, value")) {
				for (int c = part; c < n; c += CLIENTS) {
					identities.row(UUID.randomUUID(), ws, contactIds[c], IdentityKind.EMAIL,
							Identities.normalise(IdentityKind.EMAIL, corpus.convs().get(c).email()));
				}
			}
			long t2 = System.nanoTime();
			try (CopyWriter conversations = new CopyWriter(connection, "conversations",
					"id, workspace_id, channel_id, contact_id, thread_key, subject, status, message_count, preview, "
							+ "created_at, last_message_at, waiting_since, spam")) {
				for (int c = part; c < n; c += CLIENTS) {
					Conv conv = corpus.convs().get(c);
					conversations.row(convIds[c], ws, tenant.channelId(), contactIds[c], conv.threadKey(), conv.subject(),
							"open", count[c], preview[c], first[c], last[c], waiting[c], waiting[c] == null);
				}
			}
			long t3 = System.nanoTime();
			try (CopyWriter messages = new CopyWriter(connection, "messages",
					"id, workspace_id, conversation_id, channel_id, external_id, direction, kind, sender_handle, "
							+ "sender_name, subject, body_html, body_text, sent_at, delivery")) {
				for (List<Msg> batch : corpus.batches()) {
					for (Msg m : batch) {
						if (m.conv() % CLIENTS != part) {
							continue;
						}
						Conv conv = corpus.convs().get(m.conv());
						messages.row(UUID.randomUUID(), ws, convIds[m.conv()], tenant.channelId(), m.externalId(), "in",
								"message", conv.email(), conv.name(), m.subject(), Messages.textToHtml(m.body()),
								m.body().strip(), m.sentAt(), "none");
					}
				}
			}
			long t4 = System.nanoTime();
			connection.commit();
			long t5 = System.nanoTime();
			synchronized (copyStages) {
				long[] d = { t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4 };
				for (int i = 0; i < d.length; i++) {
					copyStages[i] += d[i];
				}
			}
		}
	}

	/** Time spent per table in the last {@link #copyAll} runs (summed over both connections). */
	final long[] copyStages = new long[5];

	String copyStages() {
		long sum = java.util.Arrays.stream(copyStages).sum();
		String[] names = { "contacts", "identities", "conversations", "messages", "commit" };
		StringBuilder out = new StringBuilder("COPY time by table:");
		for (int i = 0; i < names.length; i++) {
			out.append(String.format(Locale.ROOT, " %s %.0f%%", names[i], 100.0 * copyStages[i] / sum));
		}
		java.util.Arrays.fill(copyStages, 0);
		return out.toString();
	}

	/** COPYs only the corpus' messages into {@code table} (a copy of {@code messages}), two connections in parallel. */
	long copyMessagesInto(String table, BenchSupport.Tenant tenant, Corpus corpus) throws Exception {
		UUID ws = tenant.workspace().id();
		UUID[] convIds = new UUID[corpus.convs().size()];
		for (int i = 0; i < convIds.length; i++) {
			convIds[i] = UUID.randomUUID();
		}
		long start = System.nanoTime();
		try (ExecutorService loaders = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> done = new ArrayList<>();
			for (int p = 0; p < CLIENTS; p++) {
				int part = p;
				done.add(loaders.submit(() -> {
					try (Connection connection = dataSource.getConnection()) {
						connection.setAutoCommit(false);
						try (CopyWriter messages = new CopyWriter(connection, table,
								"id, workspace_id, conversation_id, channel_id, external_id, direction, kind, sender_handle, "
										+ "sender_name, subject, body_html, body_text, sent_at, delivery")) {
							for (List<Msg> batch : corpus.batches()) {
								for (Msg m : batch) {
									if (m.conv() % CLIENTS == part) {
										Conv conv = corpus.convs().get(m.conv());
										messages.row(UUID.randomUUID(), ws, convIds[m.conv()], tenant.channelId(),
												m.externalId(), "in", "message", conv.email(), conv.name(), m.subject(),
												Messages.textToHtml(m.body()), m.body().strip(), m.sentAt(), "none");
									}
								}
							}
						}
						connection.commit();
					}
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		return System.nanoTime() - start;
	}

	/** Where raw COPY spends its time: the full-text vector, and the table without it. */
	void diagnose(BenchSupport.Tenant copied, Corpus corpus, int total) throws Exception {
		UUID ws = copied.workspace().id();
		long t0 = System.nanoTime();
		jdbc.sql("select sum(length(subject || ' ' || body_text)) from messages where workspace_id = ?").param(ws)
			.query(Long.class).single();
		long scan = System.nanoTime() - t0;
		long t1 = System.nanoTime();
		jdbc.sql("""
				select sum(length(to_tsvector('german', left(subject || ' ' || body_text, 100000))
				  || to_tsvector('english', left(subject || ' ' || body_text, 100000)))) from messages where workspace_id = ?""")
			.param(ws).query(Long.class).single();
		long vectors = System.nanoTime() - t1 - scan;
		double usPerMessage = vectors / 1e3 / total;
		BenchSupport.report("ingestion", String.format(Locale.ROOT,
				"diagnosis: to_tsvector(german) || to_tsvector(english) costs %.1f µs per message on one core "
						+ "=> at most %.0f msgs/s on 2 cores for the search vector alone",
				usPerMessage, 2 * 1e6 / usPerMessage));
		jdbc.sql("drop table if exists bench_messages_full").update();
		jdbc.sql("drop table if exists bench_messages_plain").update();
		// Same columns and indexes, no foreign keys; "plain" also without the search column and its GIN index.
		jdbc.sql("create table bench_messages_full (like messages including all)").update();
		jdbc.sql("create table bench_messages_plain (like messages including defaults including identity)").update();
		jdbc.sql("alter table bench_messages_plain drop column search").update();
		jdbc.sql("alter table bench_messages_plain add primary key (id), add unique (channel_id, external_id)").update();
		jdbc.sql("create index on bench_messages_plain (conversation_id, sent_at, seq)").update();
		jdbc.sql("checkpoint").update();
		long full = copyMessagesInto("bench_messages_full", copied, corpus);
		jdbc.sql("checkpoint").update();
		long plain = copyMessagesInto("bench_messages_plain", copied, corpus);
		BenchSupport.report("ingestion", String.format(Locale.ROOT,
				"diagnosis: COPY of the messages alone (no FKs) %.0f msgs/s with the search column + GIN index, "
						+ "%.0f msgs/s without them",
				total / (full / 1e9), total / (plain / 1e9)));
		jdbc.sql("drop table bench_messages_full").update();
		jdbc.sql("drop table bench_messages_plain").update();
	}

	/** As {@code InboxWriter.preview}. */
	static String preview(String text) {
		String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
		return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 159) + "…";
	}

	record Fingerprint(long contacts, long identities, long conversations, long messages, long messageCountSum,
			String messagesMd5, String conversationsMd5, String contactsMd5) {
	}

	Fingerprint fingerprint(UUID ws) {
		long contacts = jdbc.sql("select count(*) from contacts where workspace_id = ?").param(ws).query(Long.class).single();
		long identities = jdbc.sql("select count(*) from identities where workspace_id = ?").param(ws).query(Long.class).single();
		long conversations = jdbc.sql("select count(*) from conversations where workspace_id = ?").param(ws).query(Long.class).single();
		long messages = jdbc.sql("select count(*) from messages where workspace_id = ?").param(ws).query(Long.class).single();
		long sum = jdbc.sql("select coalesce(sum(message_count), 0) from conversations where workspace_id = ?").param(ws)
			.query(Long.class).single();
		String messagesMd5 = jdbc.sql("""
				select md5(string_agg(m.external_id || '|' || c.thread_key || '|' || m.subject || '|' || m.body_html || '|'
				  || m.body_text || '|' || m.sender_handle || '|' || m.sender_name || '|' || m.sent_at || '|' || m.direction
				  || '|' || m.kind || '|' || m.delivery || '|' || m.search::text, ',' order by m.external_id))
				from messages m join conversations c on c.id = m.conversation_id where m.workspace_id = ?""")
			.param(ws).query(String.class).single();
		String conversationsMd5 = jdbc.sql("""
				select md5(string_agg(c.thread_key || '|' || c.subject || '|' || c.status || '|' || c.message_count || '|'
				  || c.preview || '|' || c.created_at || '|' || c.last_message_at || '|' || coalesce(c.waiting_since::text, '-')
				  || '|' || c.spam || '|' || ct.name || '|' || i.kind || ':' || i.value, ',' order by c.thread_key))
				from conversations c join contacts ct on ct.id = c.contact_id join identities i on i.contact_id = ct.id
				where c.workspace_id = ?""")
			.param(ws).query(String.class).single();
		String contactsMd5 = jdbc.sql("select md5(string_agg(name, ',' order by name)) from contacts where workspace_id = ?")
			.param(ws).query(String.class).single();
		return new Fingerprint(contacts, identities, conversations, messages, sum, messagesMd5, conversationsMd5, contactsMd5);
	}

	Map<String, Object> tableStats() {
		Map<String, Object> stats = new LinkedHashMap<>();
		try {
			Thread.sleep(11_000); // idle backends flush their statistics within 10 s
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		jdbc.sql("""
				select relname, n_tup_ins + n_tup_del, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables order by relname""")
			.query(rs -> {
				stats.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) });
			});
		stats.put("wal", jdbc.sql("select pg_current_wal_lsn() - '0/0'::pg_lsn").query(Long.class).single());
		return stats;
	}

	static String diff(Map<String, Object> before, Map<String, Object> after) {
		StringBuilder out = new StringBuilder();
		for (var e : after.entrySet()) {
			if (e.getValue() instanceof long[] a) {
				long[] b = (long[]) before.getOrDefault(e.getKey(), new long[3]);
				if (a[0] == b[0] && a[1] == b[1]) {
					continue; // a table the phase did not write
				}
				out.append(String.format(Locale.ROOT, "%s ins+del %d upd %d hot %d; ", e.getKey(), a[0] - b[0], a[1] - b[1],
						a[2] - b[2]));
			}
			else {
				out.append(String.format(Locale.ROOT, "WAL %d MB", ((Long) e.getValue() - (Long) before.get(e.getKey())) >> 20));
			}
		}
		return out.toString();
	}

	/** Conversations whose stored state differs between the HTTP and the COPY workspace (same thread key). */
	void reportConversationDifferences(UUID http, UUID copy) {
		String differs = """
				from conversations h join conversations c on c.thread_key = h.thread_key and c.workspace_id = :copy
				join contacts hc on hc.id = h.contact_id join contacts cc on cc.id = c.contact_id
				where h.workspace_id = :http and (h.subject, h.status, h.message_count, h.preview, h.created_at,
				  h.last_message_at, h.waiting_since, hc.name) is distinct from (c.subject, c.status, c.message_count, c.preview,
				  c.created_at, c.last_message_at, c.waiting_since, cc.name)""";
		long n = jdbc.sql("select count(*) " + differs).param("http", http).param("copy", copy).query(Long.class).single();
		BenchSupport.report("ingestion", "correctness: messages, contacts and identities equal, but " + n
				+ " conversations differ between HTTP and COPY (COPY = the sent order); examples (HTTP vs expected):");
		jdbc.sql("""
				select h.thread_key, h.subject, c.subject, h.created_at, c.created_at, h.waiting_since, c.waiting_since,
				  h.message_count, c.message_count, h.last_message_at, c.last_message_at, h.preview = c.preview, hc.name, cc.name
				""" + differs + " order by h.thread_key limit 5")
			.param("http", http).param("copy", copy)
			.query(rs -> {
				BenchSupport.report("ingestion", "    " + rs.getString(1) + ": subject '" + rs.getString(2) + "' vs '"
						+ rs.getString(3) + "', created_at " + rs.getString(4) + " vs " + rs.getString(5)
						+ ", waiting_since " + rs.getString(6) + " vs " + rs.getString(7) + ", count " + rs.getInt(8) + " vs "
						+ rs.getInt(9) + ", last " + rs.getString(10) + " vs " + rs.getString(11) + ", same preview "
						+ rs.getBoolean(12) + ", contact '" + rs.getString(13) + "' vs '" + rs.getString(14) + "'");
			});
	}

	long deadlocks() {
		return jdbc.sql("select deadlocks from pg_stat_database where datname = current_database()").query(Long.class)
			.single();
	}

	@Test
	void ingestionThroughput() throws Exception {
		long postmaster = BenchSupport.postmasterPid(jdbc);
		MachineLoad load = new MachineLoad(postmaster);
		BenchSupport.report("ingestion", "=== IngestionBenchmark " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, loadavg before " + MachineLoad.loadavg() + ", " + BATCHES + " calls x " + BATCH
				+ " messages, " + CLIENTS + " clients");

		// Warm-up: HTTP and COPY on their own workspaces and their own data.
		Corpus warm = corpus("w", WARMUP_BATCHES, 7);
		var warmHttp = BenchSupport.tenant(workspaces, members, tokens, jdbc, "warm-http");
		var warmCopy = BenchSupport.tenant(workspaces, members, tokens, jdbc, "warm-copy");
		HttpRun warmRun = postAll(warmHttp, warm.batches().stream().map(b -> json(warm, b)).toList());
		long warmCopyNanos = copyAll(warmCopy, warm);
		BenchSupport.report("ingestion", String.format(Locale.ROOT,
				"warm-up: HTTP %d msgs in %.1f s (5xx retried: %d), COPY in %.1f s", warm.messages(), warmRun.nanos() / 1e9,
				warmRun.failedCalls(), warmCopyNanos / 1e9));

		Corpus corpus = corpus("m", BATCHES, 42);
		List<byte[]> bodies = corpus.batches().stream().map(b -> json(corpus, b)).toList();
		int total = corpus.messages();
		var copyBefore = BenchSupport.tenant(workspaces, members, tokens, jdbc, "copy-a");
		var copyAfter = BenchSupport.tenant(workspaces, members, tokens, jdbc, "copy-b");
		var viaHttp = BenchSupport.tenant(workspaces, members, tokens, jdbc, "http");

		// COPY, then the HTTP pipeline, then COPY again: the HTTP run is bracketed by the baseline.
		jdbc.sql("checkpoint").update();
		var s1 = load.snapshot();
		java.util.Arrays.fill(copyStages, 0);
		Map<String, Object> copyTables0 = tableStats();
		long copy1 = copyAll(copyBefore, corpus);
		var u1 = load.since(s1);
		BenchSupport.report("ingestion", "table activity during COPY #1: " + diff(copyTables0, tableStats()));
		BenchSupport.report("ingestion", String.format(Locale.ROOT, "COPY #1: %d msgs in %.2f s = %.0f msgs/s; %s; %s", total,
				copy1 / 1e9, total / (copy1 / 1e9), copyStages(), u1));

		jdbc.sql("checkpoint").update();
		long deadlocks0 = deadlocks();
		Map<String, Object> tables0 = tableStats();
		var s2 = load.snapshot();
		HttpRun run = postAll(viaHttp, bodies);
		var u2 = load.since(s2);
		double httpRate = total / (run.nanos() / 1e9);
		long deadlocks = deadlocks() - deadlocks0;
		Map<String, Object> tables1 = tableStats();
		BenchSupport.report("ingestion", String.format(Locale.ROOT,
				"HTTP pipeline: %d msgs in %.2f s = %.0f msgs/s; per call (incl. retries) %s; calls answered 5xx and retried: %d (PostgreSQL deadlocks: %d); %s",
				total, run.nanos() / 1e9, httpRate, BenchSupport.latencies(run.requestNanos()), run.failedCalls(), deadlocks,
				u2));

		BenchSupport.report("ingestion", "table activity during the HTTP run (pg_stat_user_tables, inserted+deleted/updated/HOT-updated "
				+ "rows, WAL bytes): " + diff(tables0, tables1));
		jdbc.sql("checkpoint").update();
		var s3 = load.snapshot();
		long copy2 = copyAll(copyAfter, corpus);
		var u3 = load.since(s3);
		BenchSupport.report("ingestion", String.format(Locale.ROOT, "COPY #2: %d msgs in %.2f s = %.0f msgs/s; %s; %s", total,
				copy2 / 1e9, total / (copy2 / 1e9), copyStages(), u3));

		double copyRate = total / ((copy1 + copy2) / 2 / 1e9);
		BenchSupport.report("ingestion", String.format(Locale.ROOT,
				"RESULT: HTTP %.0f msgs/s, raw COPY (mean of 2) %.0f msgs/s, ratio %.1f %% (targets: >= 20000 msgs/s, >= 30 %%)",
				httpRate, copyRate, 100 * httpRate / copyRate));

		// Correctness: what was sent is exactly what is stored, and equals the COPY rows.
		assertThat(run.accepted()).isEqualTo(total);
		assertThat(run.duplicates()).isZero();
		Fingerprint http = fingerprint(viaHttp.workspace().id());
		Fingerprint copyA = fingerprint(copyBefore.workspace().id());
		Fingerprint copyB = fingerprint(copyAfter.workspace().id());
		BenchSupport.report("ingestion", "stored via HTTP: " + http);
		BenchSupport.report("ingestion", "stored via COPY: " + copyA);
		int convs = corpus.convs().size();
		assertThat(http.messages()).isEqualTo(total);
		assertThat(http.messageCountSum()).isEqualTo(total);
		assertThat(http.conversations()).isEqualTo(convs);
		assertThat(http.contacts()).isEqualTo(convs);
		assertThat(http.identities()).isEqualTo(convs);
		assertThat(copyB).isEqualTo(copyA);
		assertThat(http.messagesMd5()).isEqualTo(copyA.messagesMd5());
		assertThat(http.contactsMd5()).isEqualTo(copyA.contactsMd5());
		if (http.equals(copyA)) {
			BenchSupport.report("ingestion", "correctness: counts and content fingerprints of HTTP and COPY workspaces are equal ("
					+ total + " messages, " + convs + " conversations/contacts/identities)");
		}
		else {
			reportConversationDifferences(viaHttp.workspace().id(), copyBefore.workspace().id());
		}
		diagnose(copyBefore, corpus, total);
		BenchSupport.report("ingestion", "loadavg after " + MachineLoad.loadavg());
	}
}
