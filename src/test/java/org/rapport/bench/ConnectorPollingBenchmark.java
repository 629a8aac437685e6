package org.rapport.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code bench.accounts} (1,000) connected accounts read on the background scheduler's own schedule, with the
 * default intervals ({@code rapport.mastodon.poll-interval} 60 s, Mastodon streaming on; Telegram by long polling as
 * by default, {@code rapport.telegram.long-poll-wait} 20 s and {@code rapport.telegram.long-poll-pause} 1 s, or with
 * {@code -Dbench.telegramLongPolling=false} by short polling every {@code rapport.telegram.poll-interval}, 30 s):
 * three quarters Mastodon accounts spread over {@code bench.instances} (50) instances, one quarter Telegram bots, in
 * {@code bench.workspaces} (10) workspaces, all answered by one WireMock server with empty pages. WireMock holds a
 * {@code getUpdates} for the {@code timeout} it asks, as the Bot API does when there is nothing to read, so that a
 * long poll stays open as long as it would against Telegram. Each Mastodon instance is a loopback address of its own
 * (127.0.0.2 … 127.0.0.51), so the request journal tells the instances apart by {@code Host} as a real instance
 * tells Rapport's requests apart by address.
 * <p>
 * Over a window of {@code bench.window} seconds (300) it reports, from WireMock's journal, the requests per minute
 * overall, per network, per account and per instance (also the most any account and any instance saw in the
 * window, against Mastodon's 300 requests per 5 minutes), how long one scheduled pass over all accounts of a
 * network took and how far apart one account's reads were; for Telegram also how long each bot had a
 * {@code getUpdates} open, the longest time a bot had none, and the most it had open at once (Telegram ends all but
 * one with 409); from {@code /proc}, the CPU of this JVM (less the WireMock server's threads, which run in it too),
 * of its PostgreSQL and of other processes; the JVM's threads (platform threads less WireMock's, and virtual
 * threads from a thread dump) and its heap after the window.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=ConnectorPollingBenchmark} (optional {@code -Dbench.accounts=1000
 * -Dbench.window=300 -Dbench.telegramLongPolling=false}). Results: stdout lines starting with {@code [bench]} and
 * {@code target/bench/connector-polling.txt}.
 */
class ConnectorPollingBenchmark extends IntegrationTest {

	static final int ACCOUNTS = Integer.getInteger("bench.accounts", 1000);
	static final int INSTANCES = Integer.getInteger("bench.instances", 50);
	static final int WORKSPACES = Integer.getInteger("bench.workspaces", 10);
	static final int WINDOW = Integer.getInteger("bench.window", 300);
	static final boolean LONG_POLLING = Boolean.parseBoolean(System.getProperty("bench.telegramLongPolling", "true"));
	static final String NAME = "connector-polling";

	/** WireMock's server threads: the bots' held {@code getUpdates} each take one while Telegram would hold it. */
	static final int WIREMOCK_THREADS = 400;

	static WireMockServer server;

	static {
		System.setProperty(TELEGRAM_LONG_POLLING, String.valueOf(LONG_POLLING));
	}

	@DynamicPropertySource
	static void telegramAsByDefault(DynamicPropertyRegistry registry) {
		// the integration tests switch long polling off (IntegrationTest reads the system property set above); this
		// method also keeps the benchmark's application context apart from theirs
		registry.add("rapport.telegram.long-poll-wait", () -> "20s");
		registry.add("rapport.telegram.long-poll-pause", () -> "1s");
	}

	@BeforeAll
	static void networksAnsweringEmptyPages() {
		// a delayed answer sleeps in its Jetty thread: 250 held getUpdates need as many threads, and the Mastodon
		// reads more; one acceptor (Jetty's default on 2 cores) is enough, as the client keeps its connections
		server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("0.0.0.0").containerThreads(WIREMOCK_THREADS)
			.extensions(new TelegramWait()));
		server.start();
		String empty = "application/json; charset=utf-8";
		server.stubFor(get("/api/v1/accounts/verify_credentials").willReturn(aResponse().withHeader("Content-Type", empty)
			.withBody("{\"id\": \"109302\", \"username\": \"kita\", \"acct\": \"kita\", \"display_name\": \"Kita\"}")));
		server.stubFor(get(urlPathEqualTo("/api/v1/notifications"))
			.willReturn(aResponse().withHeader("Content-Type", empty).withBody("[]")));
		server.stubFor(post(urlPathMatching("/bot[^/]+/getMe")).willReturn(aResponse().withHeader("Content-Type", empty)
			.withBody("{\"ok\": true, \"result\": {\"id\": 7012345678, \"is_bot\": true, \"first_name\": \"Kita\", "
					+ "\"username\": \"kita_bot\"}}")));
		server.stubFor(post(urlPathMatching("/bot[^/]+/getUpdates")).willReturn(aResponse().withHeader("Content-Type", empty)
			.withBody("{\"ok\": true, \"result\": []}").withTransformers(TelegramWait.NAME)));
		server.stubFor(post(urlPathMatching("/bot[^/]+/deleteWebhook"))
			.willReturn(aResponse().withHeader("Content-Type", empty).withBody("{\"ok\": true, \"result\": true}")));
	}

	@AfterAll
	static void stop() {
		server.stop();
		System.clearProperty(TELEGRAM_LONG_POLLING);
	}

	/**
	 * Holds a {@code getUpdates} for the {@code timeout} seconds its JSON body asks before the empty answer, as the Bot
	 * API does when no update comes; a short poll ({@code timeout} 0) is answered at once.
	 */
	static final class TelegramWait implements ResponseDefinitionTransformerV2 {

		static final String NAME = "telegram-wait";

		private static final Pattern TIMEOUT = Pattern.compile("\"timeout\"\\s*:\\s*(\\d+)");

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			Matcher timeout = TIMEOUT.matcher(event.getRequest().getBodyAsString());
			int seconds = timeout.find() ? Integer.parseInt(timeout.group(1)) : 0;
			return seconds == 0 ? event.getResponseDefinition()
					: ResponseDefinitionBuilder.like(event.getResponseDefinition()).withFixedDelay(seconds * 1000).build();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}
	}

	/** The network an address belongs to: a Mastodon instance (127.0.0.2 …) or the Telegram Bot API (127.0.0.1). */
	static String instance(int n) {
		return "http://127.0.0." + (2 + n % INSTANCES) + ":" + server.port();
	}

	@Autowired
	Environment environment;

	@Test
	void accountsPolledOnSchedule() throws Exception {
		assertThat(environment.getProperty("rapport.telegram.long-polling")).as("rapport.telegram.long-polling")
			.isEqualTo(String.valueOf(LONG_POLLING));
		BenchSupport.report(NAME, "=== ConnectorPollingBenchmark " + Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, accounts=" + ACCOUNTS + ", instances=" + INSTANCES
				+ ", workspaces=" + WORKSPACES + ", window=" + WINDOW + " s, loadavg " + MachineLoad.loadavg());
		int mastodon = 0;
		int telegram = 0;
		long started = System.nanoTime();
		for (int w = 0; w < WORKSPACES; w++) {
			BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, "polling");
			Api client = new Api(baseUrl(), tenant.token());
			int here = ACCOUNTS / WORKSPACES + (w < ACCOUNTS % WORKSPACES ? 1 : 0);
			for (int i = 0; i < here; i++) {
				Api.Response created;
				if (i % 4 != 3) {
					created = client.post("/api/v1/channels", Map.of("key", "mastodon-" + i, "kind", "mastodon", "config",
							Map.of("instance", instance(mastodon), "accessToken", "m" + w + "-" + i + "-" + UUID.randomUUID())));
					mastodon++;
				}
				else {
					created = client.post("/api/v1/channels", Map.of("key", "telegram-" + i, "kind", "telegram", "config",
							Map.of("botToken", "7012345678:AA" + UUID.randomUUID().toString().replace("-", ""), "receive",
									"polling", "apiServer", "http://127.0.0.1:" + server.port())));
					telegram++;
				}
				assertThat(created.status()).as(created.body()).isEqualTo(201);
			}
		}
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"connected %d Mastodon accounts on %d instances and %d Telegram bots in %d workspaces in %.1f s", mastodon,
				Math.min(INSTANCES, mastodon), telegram, WORKSPACES, (System.nanoTime() - started) / 1e9));

		MachineLoad load = new MachineLoad(BenchSupport.postmasterPid(jdbc));
		server.resetRequests();
		long wireMockBefore = wireMockCpuNanos();
		MachineLoad.Snapshot before = load.snapshot();
		Instant from = Instant.now();
		ThreadCount threads = new ThreadCount();
		threads.start();
		Thread.sleep(WINDOW * 1000L);
		MachineLoad.Usage usage = load.since(before);
		long wireMockNanos = wireMockCpuNanos() - wireMockBefore;
		Instant to = Instant.now();
		threads.interrupt();
		threads.join();
		var memory = ManagementFactory.getMemoryMXBean();
		long heapAfter = memory.getHeapMemoryUsage().getUsed();
		System.gc();
		long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
		BenchSupport.report(NAME, "Telegram read by " + (LONG_POLLING ? "long polling" : "short polling")
				+ "; WireMock container threads " + WIREMOCK_THREADS);
		BenchSupport.report(NAME, threads.toString());
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"heap after the window: %.0f MB used, %.0f MB after a full collection (%.0f MB committed)", heapAfter / 1e6,
				heapAfterGc / 1e6, memory.getHeapMemoryUsage().getCommitted() / 1e6));
		// a getUpdates still held at the window's end is journalled when it is answered
		Thread.sleep(LONG_POLLING ? 25_000L : 1_000L);
		List<LoggedRequest> requests = new ArrayList<>(server.findAll(com.github.tomakehurst.wiremock.client.WireMock
			.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
		requests.removeIf(r -> r.getLoggedDate().toInstant().isBefore(from) || r.getLoggedDate().toInstant().isAfter(to));
		double minutes = (to.toEpochMilli() - from.toEpochMilli()) / 60_000.0;

		BenchSupport.report(NAME, String.format(Locale.ROOT, "window %.1f min: %d requests = %.0f requests/min overall",
				minutes, requests.size(), requests.size() / minutes));
		Map<String, Long> byCall = requests.stream().collect(Collectors.groupingBy(ConnectorPollingBenchmark::call,
				TreeMap::new, Collectors.counting()));
		byCall.forEach((call, n) -> BenchSupport.report(NAME, String.format(Locale.ROOT,
				"  %-42s %6d requests = %7.1f /min", call, n, n / minutes)));

		List<LoggedRequest> toots = requests.stream().filter(r -> !isTelegram(r)).toList();
		List<LoggedRequest> bots = requests.stream().filter(ConnectorPollingBenchmark::isTelegram).toList();
		perAccount("Mastodon", toots, r -> r.getHeader("Authorization"), mastodon, minutes);
		perAccount("Telegram", bots, r -> r.getUrl().replaceFirst("^/bot([^/]+)/.*", "$1"), telegram, minutes);
		Map<String, Long> perInstance = toots.stream().collect(Collectors.groupingBy(r -> r.getHeader("Host"),
				Collectors.counting()));
		var instanceStats = perInstance.values().stream().mapToLong(Long::longValue).summaryStatistics();
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"Mastodon per instance (%d instances, %d accounts each): mean %.1f, max %d requests/min; most in the window %d = %.0f per 5 min (limit 300 per 5 min per IP)",
				perInstance.size(), mastodon / Math.max(1, perInstance.size()), instanceStats.getAverage() / minutes,
				Math.round(instanceStats.getMax() / minutes), instanceStats.getMax(), instanceStats.getMax() * 5 / minutes));
		passes("Mastodon", toots.stream().filter(r -> r.getUrl().startsWith("/api/v1/notifications")).toList(),
				r -> r.getHeader("Authorization"));
		passes("Telegram", bots.stream().filter(r -> r.getUrl().endsWith("/getUpdates")).toList(),
				r -> r.getUrl().replaceFirst("^/bot([^/]+)/.*", "$1"));
		heldOpen(from, to, telegram);

		double jvmSeconds = usage.jvmCores() * minutes * 60;
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"CPU over the window: %s; of the JVM's %.1f CPU-s, WireMock's server threads %.1f CPU-s, so Rapport %.3f cores = %.1f CPU-s per minute, plus its PostgreSQL %.3f cores",
				usage, jvmSeconds, wireMockNanos / 1e9, (jvmSeconds - wireMockNanos / 1e9) / (minutes * 60),
				(jvmSeconds - wireMockNanos / 1e9) / minutes, usage.postgresCores()));
	}

	static boolean isTelegram(LoggedRequest r) {
		return r.getUrl().startsWith("/bot");
	}

	static String call(LoggedRequest r) {
		String path = r.getUrl().replaceFirst("\\?.*", "");
		return (isTelegram(r) ? "telegram " : "mastodon ") + r.getMethod() + " "
				+ path.replaceFirst("^/bot[^/]+/", "/bot<token>/") + " -> " + r.getHeader("Host").replaceFirst(":.*", "")
					.replaceFirst("127\\.0\\.0\\.(?!1$).*", "<instance>");
	}

	private void perAccount(String network, List<LoggedRequest> requests, Function<LoggedRequest, String> account,
			int accounts, double minutes) {
		// calls without an account's token (Mastodon's instance information) count for the instance only
		long anonymous = requests.stream().filter(r -> account.apply(r) == null).count();
		Map<String, Long> counts = requests.stream().filter(r -> account.apply(r) != null)
			.collect(Collectors.groupingBy(account, Collectors.counting()));
		var stats = counts.values().stream().mapToLong(Long::longValue).summaryStatistics();
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"%s: %d requests = %.1f /min for %d accounts (%d requests without an account's token; %d accounts asked at all); per account mean %.2f /min, min %d, max %d in the window = %.0f per 5 min",
				network, requests.size(), requests.size() / minutes, accounts, anonymous, counts.size(),
				stats.getAverage() / minutes,
				counts.size() < accounts ? 0 : stats.getMin(), stats.getMax(), stats.getMax() * 5 / minutes));
	}

	/**
	 * The scheduled passes over all accounts of a network, seen as bursts of reads separated by a pause of more
	 * than 5 s: how long each took, and the time between one account's reads.
	 */
	private void passes(String network, List<LoggedRequest> reads, Function<LoggedRequest, String> account) {
		List<Instant> times = reads.stream().map(r -> r.getLoggedDate().toInstant()).sorted().toList();
		List<String> passes = new ArrayList<>();
		Instant start = null;
		Instant last = null;
		int n = 0;
		for (Instant t : times) {
			if (last != null && t.toEpochMilli() - last.toEpochMilli() > 5000) {
				passes.add(String.format(Locale.ROOT, "%d reads in %.1f s", n, (last.toEpochMilli() - start.toEpochMilli()) / 1e3));
				start = null;
				n = 0;
			}
			if (start == null) {
				start = t;
			}
			last = t;
			n++;
		}
		if (start != null) {
			passes.add(String.format(Locale.ROOT, "%d reads in %.1f s", n, (last.toEpochMilli() - start.toEpochMilli()) / 1e3));
		}
		List<Long> gaps = new ArrayList<>();
		reads.stream().collect(Collectors.groupingBy(account)).values().forEach(list -> {
			List<Instant> own = list.stream().map(r -> r.getLoggedDate().toInstant()).sorted(Comparator.naturalOrder()).toList();
			for (int i = 1; i < own.size(); i++) {
				gaps.add(own.get(i).toEpochMilli() - own.get(i - 1).toEpochMilli());
			}
		});
		var gapStats = gaps.stream().mapToLong(Long::longValue).summaryStatistics();
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"%s passes (bursts of reads): %s; one account's reads %.1f s apart on average (min %.1f, max %.1f)", network,
				passes, gapStats.getAverage() / 1e3, gaps.isEmpty() ? 0 : gapStats.getMin() / 1e3,
				gaps.isEmpty() ? 0 : gapStats.getMax() / 1e3));
	}

	/**
	 * How long each bot had a {@code getUpdates} open within the window (a held request from its arrival at WireMock
	 * until WireMock's answer; a call already open when the window began is not in the journal, so the share is a
	 * little low), the longest time a bot had none open between two of its calls, and the most it had open at once.
	 */
	private void heldOpen(Instant from, Instant to, int telegram) {
		long start = from.toEpochMilli();
		long end = to.toEpochMilli();
		Map<String, List<long[]>> byBot = new TreeMap<>();
		long held = 0;
		long answered = 0;
		for (ServeEvent event : server.getAllServeEvents()) {
			if (!event.getRequest().getUrl().endsWith("/getUpdates")) {
				continue;
			}
			long arrived = event.getRequest().getLoggedDate().getTime();
			Integer total = event.getTiming() == null ? null : event.getTiming().getTotalTime();
			long answeredAt = total == null ? end : arrived + total;
			if (answeredAt < start || arrived > end) {
				continue;
			}
			held += answeredAt - arrived;
			answered++;
			byBot.computeIfAbsent(event.getRequest().getUrl().replaceFirst("^/bot([^/]+)/.*", "$1"), k -> new ArrayList<>())
				.add(new long[] {arrived, answeredAt});
		}
		long worstGap = 0;
		double leastOpen = 1;
		double openSum = 0;
		int mostAtOnce = 0;
		for (List<long[]> calls : byBot.values()) {
			calls.sort(Comparator.comparingLong(c -> c[0]));
			long covered = 0;
			long reached = start;
			long gap = 0;
			List<long[]> open = new ArrayList<>();
			for (long[] call : calls) {
				open.removeIf(o -> o[1] <= call[0]);
				open.add(call);
				mostAtOnce = Math.max(mostAtOnce, open.size());
				long from2 = Math.max(call[0], start);
				long to2 = Math.min(call[1], end);
				if (from2 > reached && reached > start) {
					gap = Math.max(gap, from2 - reached);
				}
				if (to2 > reached) {
					covered += to2 - Math.max(from2, reached);
					reached = to2;
				}
			}
			worstGap = Math.max(worstGap, gap);
			double share = (double) covered / (end - start);
			leastOpen = Math.min(leastOpen, share);
			openSum += share;
		}
		BenchSupport.report(NAME, String.format(Locale.ROOT,
				"Telegram getUpdates held open: %d calls, %.1f s each on average; %d of %d bots asked; a bot had one open %.1f %% of the window on average, at least %.1f %%; longest time between a bot's answer and its next getUpdates %.1f s; most open at once for one bot %d",
				answered, answered == 0 ? 0 : held / 1e3 / answered, byBot.size(), telegram,
				byBot.isEmpty() ? 0 : openSum * 100 / byBot.size(), byBot.isEmpty() ? 0 : leastOpen * 100, worstGap / 1e3,
				mostAtOnce));
	}

	/**
	 * The JVM's threads during the window, each second: platform threads (less WireMock's {@code qtp} threads and this
	 * one), and the virtual threads a thread dump lists, every quarter of the window. At the end: platform threads by
	 * name (numbers left out).
	 */
	static final class ThreadCount extends Thread {

		private final ConcurrentLinkedQueue<Integer> platform = new ConcurrentLinkedQueue<>();
		private final ConcurrentLinkedQueue<Integer> virtual = new ConcurrentLinkedQueue<>();
		private volatile String names = "";

		ThreadCount() {
			super("bench-thread-count");
			setDaemon(true);
		}

		@Override
		public void run() {
			ThreadMXBean mx = ManagementFactory.getThreadMXBean();
			long quarter = Math.max(1, WINDOW / 4);
			try {
				for (long second = 1;; second++) {
					Thread.sleep(1000);
					platform.add(rapportPlatformThreads(mx).size());
					if (second % quarter == quarter / 2) {
						virtual.add(virtualThreads());
					}
				}
			}
			catch (InterruptedException e) {
				names = rapportPlatformThreads(mx).stream().map(n -> n.replaceAll("\\d+", "#"))
					.collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting())).toString();
			}
		}

		private static List<String> rapportPlatformThreads(ThreadMXBean mx) {
			List<String> names = new ArrayList<>();
			for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
				if (info != null && !info.getThreadName().startsWith("qtp") && !info.getThreadName().equals("bench-thread-count")) {
					names.add(info.getThreadName());
				}
			}
			return names;
		}

		/** The virtual threads a JSON thread dump lists (those of every thread container), or -1. */
		private static int virtualThreads() {
			try {
				Path dump = Files.createTempFile("threads-", ".json");
				Files.delete(dump);
				ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(dump.toString(),
						HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
				String json = Files.readString(dump);
				Files.delete(dump);
				return (int) Pattern.compile("\"virtual\"\\s*:\\s*true").matcher(json).results().count();
			}
			catch (IOException | RuntimeException e) {
				return -1;
			}
		}

		@Override
		public String toString() {
			var p = platform.stream().mapToInt(Integer::intValue).summaryStatistics();
			return String.format(Locale.ROOT,
					"JVM threads over the window, WireMock's qtp threads left out: platform min %d, max %d (ThreadMXBean, sampled each second; peak of the whole JVM with WireMock %d); virtual threads in thread dumps %s; platform threads at the end: %s",
					p.getCount() == 0 ? 0 : p.getMin(), p.getCount() == 0 ? 0 : p.getMax(),
					ManagementFactory.getThreadMXBean().getPeakThreadCount(), virtual, names);
		}
	}

	/** CPU time of the WireMock server's threads (Jetty's {@code qtp} pool and its acceptors), in this JVM. */
	private static long wireMockCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("qtp")) {
				long cpu = threads.getThreadCpuTime(info.getThreadId());
				sum += Math.max(0, cpu);
			}
		}
		return sum;
	}
}
