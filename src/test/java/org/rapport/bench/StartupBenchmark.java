package org.rapport.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Start-up time and idle memory of the packaged application: {@code java -jar} on a free port with a fresh
 * {@code RAPPORT_DATA_DIR} (first start: initdb, migrations, admin account) and again on the same directory, for a
 * few JVM flag sets — the last two on the jar extracted as Spring Boot's tools extract it, the last of them with a
 * JDK 25 AOT cache written by a training run (a first start stopped once it answers). Measures the time until
 * {@code GET /login} gets an HTTP answer and the JVM's CPU time then, and after 30 s idle the VmRSS of the java process
 * and of the PostgreSQL processes (plus their PSS, which counts shared memory once).
 * <p>
 * Run: {@code ./mvnw -B -q -DskipTests package && ./mvnw -B -q test -Dtest=StartupBenchmark}. Optional
 * {@code -Dbench.idleSeconds=30 -Dbench.restarts=2 -Dbench.freshStarts=1}, and {@code -Dbench.flagSets=1,5} to measure
 * only some sets (all five take 10–15 minutes on a loaded machine). Results: {@code [bench]} lines and
 * {@code target/bench/startup.txt}.
 */
class StartupBenchmark {

	static final Path JAR = Path.of("target", "rapport-0.1.0-SNAPSHOT.jar");
	static final int IDLE_SECONDS = Integer.getInteger("bench.idleSeconds", 30);
	static final String OUT = "startup";

	/** The jar extracted for the AOT cache ({@code java -Djarmode=tools -jar … extract}), and the cache itself. */
	static final Path EXTRACTED = Path.of("target", "aot");
	static final Path EXTRACTED_JAR = EXTRACTED.resolve(JAR.getFileName());
	static final Path AOT_CACHE = EXTRACTED.resolve("rapport.aot");

	/** JVM options and the jar they start; {@code aotCache} sets need the extracted jar and its trained cache. */
	record Flags(String label, List<String> options, Path jar, boolean aotCache) {

		Flags(String label, List<String> options) {
			this(label, options, JAR, false);
		}
	}

	static final List<Flags> ALL_FLAG_SETS = List.of(new Flags("default (no flags)", List.of()),
			new Flags("-XX:MaxRAM=1g", List.of("-XX:MaxRAM=1g")),
			new Flags("-XX:+UseSerialGC -Xmx128m -Xss512k -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1",
					List.of("-XX:+UseSerialGC", "-Xmx128m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m",
							"-XX:TieredStopAtLevel=1")),
			new Flags("extracted jar (no flags)", List.of(), EXTRACTED_JAR, false),
			new Flags("extracted jar with AOT cache (-XX:AOTCache, JDK 25)", List.of("-XX:AOTCache=" + AOT_CACHE.toAbsolutePath()),
					EXTRACTED_JAR, true));

	/**
	 * The flag sets measured: all, or those whose position (from 1) {@code -Dbench.flagSets=1,4,5} names. The AOT
	 * cache needs JDK 24 or newer ({@code -XX:AOTCacheOutput}, JEP 514 in 25); on older JDKs it is left out.
	 */
	static final List<Flags> FLAG_SETS = ALL_FLAG_SETS.stream()
		.filter(f -> !f.aotCache() || Runtime.version().feature() >= 25)
		.filter(f -> System.getProperty("bench.flagSets") == null || java.util.Arrays
			.stream(System.getProperty("bench.flagSets").split(","))
			.map(String::trim)
			.anyMatch(n -> n.equals(Integer.toString(ALL_FLAG_SETS.indexOf(f) + 1))))
		.toList();

	record Memory(long javaRssKb, long javaHwmKb, int postgresProcesses, long postgresRssKb, long postgresPssKb,
			long javaPssKb) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"java VmRSS %d MB (peak %d MB, PSS %d MB); postgres %d processes VmRSS sum %d MB, PSS sum %d MB; "
							+ "total java RSS + postgres PSS %d MB",
					javaRssKb / 1024, javaHwmKb / 1024, javaPssKb / 1024, postgresProcesses, postgresRssKb / 1024,
					postgresPssKb / 1024, (javaRssKb + postgresPssKb) / 1024);
		}
	}

	record Start(double readySeconds, double cpuSeconds, int status, String springReported, Memory idle) {
	}

	static final int RESTARTS = Integer.getInteger("bench.restarts", 2);

	/** 1 or 2 first starts on fresh directories; the recorded figures used 2 (and 3 restarts). */
	static final int FRESH_STARTS = Integer.getInteger("bench.freshStarts", 1);

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	@Test
	void startupAndIdleMemory() throws Exception {
		if (!Files.exists(JAR)) {
			throw new IllegalStateException("Build the jar first: ./mvnw -B -q -DskipTests package");
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		BenchSupport.report(OUT, "=== StartupBenchmark " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, " + (Runtime.getRuntime().maxMemory() > 0 ? physicalMemoryMb() + " MB RAM" : "") + ", loadavg "
				+ MachineLoad.loadavg() + ", jar " + JAR + " (" + Files.size(JAR) / (1024 * 1024) + " MB, built "
				+ Files.getLastModifiedTime(JAR) + "), " + java + " " + Runtime.version());
		if (FLAG_SETS.stream().anyMatch(f -> f.jar().equals(EXTRACTED_JAR))) {
			extract(java);
		}
		if (FLAG_SETS.stream().anyMatch(Flags::aotCache)) {
			train(java);
		}
		for (Flags flags : FLAG_SETS) {
			// One or two first starts on fresh directories (the first also measured idle), then restarts on the last.
			Path data = Files.createTempDirectory("rapport-startup-");
			Start first = start(java, flags, data, "first-a", true);
			Start firstB = first;
			if (FRESH_STARTS > 1) {
				deleteTree(data);
				data = Files.createTempDirectory("rapport-startup-");
				firstB = start(java, flags, data, "first-b", false);
			}
			List<Double> restarts = new ArrayList<>();
			List<Double> restartCpu = new ArrayList<>();
			Start last = null;
			for (int i = 1; i <= RESTARTS; i++) {
				last = start(java, flags, data, "restart-" + i, i == RESTARTS);
				restarts.add(last.readySeconds());
				restartCpu.add(last.cpuSeconds());
			}
			String firstStarts = FRESH_STARTS > 1
					? String.format(Locale.ROOT, "%.2f s / %.2f s (JVM CPU %.1f s / %.1f s)", first.readySeconds(),
							firstB.readySeconds(), first.cpuSeconds(), firstB.cpuSeconds())
					: String.format(Locale.ROOT, "%.2f s (JVM CPU %.1f s)", first.readySeconds(), first.cpuSeconds());
			BenchSupport.report(OUT, String.format(Locale.ROOT,
					"RESULT %s: first start %s; restart median %.2f s of %s (JVM CPU median %.1f s) (target <= 10 s); "
							+ "idle %d s after first start: %s; after restart: %s",
					flags.label(), firstStarts, median(restarts),
					restarts.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList(), median(restartCpu),
					IDLE_SECONDS, first.idle(), last.idle()));
			deleteTree(data);
		}
	}

	/** The jar unpacked into its application jar and {@code lib/}, as the AOT cache wants it. */
	static void extract(String java) throws Exception {
		run(List.of(java, "-Djarmode=tools", "-jar", JAR.toAbsolutePath().toString(), "extract", "--force",
				"--destination", EXTRACTED.toAbsolutePath().toString()));
	}

	/**
	 * The training run: a first start on a fresh directory with {@code -XX:AOTCacheOutput}, stopped (SIGTERM) once
	 * {@code /login} answers; the JVM writes the cache of the classes it loaded and linked as it exits.
	 */
	void train(String java) throws Exception {
		Files.deleteIfExists(AOT_CACHE);
		Path data = Files.createTempDirectory("rapport-startup-");
		Flags training = new Flags("AOT cache training run", List.of("-XX:AOTCacheOutput=" + AOT_CACHE.toAbsolutePath()),
				EXTRACTED_JAR, false);
		start(java, training, data, "training", false);
		deleteTree(data);
		if (!Files.exists(AOT_CACHE)) {
			throw new IllegalStateException("The training run wrote no AOT cache at " + AOT_CACHE);
		}
		BenchSupport.report(OUT, "AOT cache " + AOT_CACHE + ": " + Files.size(AOT_CACHE) / (1024 * 1024) + " MB");
	}

	static void run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("Failed (" + process.exitValue() + "): " + command);
		}
	}

	Start start(String java, Flags flags, Path data, String n, boolean idle) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(flags.options());
		command.add("-jar");
		command.add(flags.jar().toAbsolutePath().toString());
		Files.createDirectories(BenchSupport.RESULTS);
		Path log = BenchSupport.RESULTS.resolve("startup-" + (ALL_FLAG_SETS.indexOf(flags) + 1) + "-" + n + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("RAPPORT_DATA_DIR", data.toString());
		builder.environment().put("RAPPORT_ADMIN_EMAIL", "admin@example.org");
		builder.environment().put("RAPPORT_ADMIN_PASSWORD", "correct horse battery staple");
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
			.timeout(Duration.ofSeconds(5)).GET().build();
		long t0 = System.nanoTime();
		Process process = builder.start();
		try {
			int status = -1;
			long deadline = t0 + Duration.ofSeconds(90).toNanos();
			while (System.nanoTime() < deadline && process.isAlive()) {
				try {
					status = http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode();
					break;
				}
				catch (IOException e) {
					Thread.sleep(50);
				}
			}
			double ready = (System.nanoTime() - t0) / 1e9;
			double cpu = MachineLoad.cpuOf(process.pid()) / 100.0;
			if (status < 0) {
				throw new IllegalStateException("No answer on /login within 90 s; see " + log);
			}
			BenchSupport.report(OUT, String.format(Locale.ROOT,
					"%s %s: GET /login answered %d after %.2f s (JVM CPU %.1f s); %s; loadavg %s", flags.label(), n, status,
					ready, cpu, springReported(log), MachineLoad.loadavg()));
			Memory memory = null;
			if (idle) {
				Thread.sleep(IDLE_SECONDS * 1000L);
				memory = memory(process.pid(), data);
				BenchSupport.report(OUT, "    after " + IDLE_SECONDS + " s idle: " + memory);
			}
			return new Start(ready, cpu, status, springReported(log), memory);
		}
		finally {
			stop(process, data);
		}
	}

	static void deleteTree(Path dir) throws IOException {
		try (var paths = Files.walk(dir)) {
			for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	static void stop(Process process, Path data) throws Exception {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		// The JVM stops its PostgreSQL on shutdown; make sure before the next start.
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (Files.exists(data.resolve("postgres").resolve("postmaster.pid")) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

	static String springReported(Path log) throws IOException {
		Matcher m = Pattern.compile("Started RapportApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)")
			.matcher(Files.readString(log, StandardCharsets.UTF_8));
		Matcher pg = Pattern.compile("Embedded PostgreSQL ready on port \\d+ in (\\d+) ms")
			.matcher(Files.readString(log, StandardCharsets.UTF_8));
		return (m.find() ? "Spring: started in " + m.group(1) + " s, process running for " + m.group(2) + " s" : "no 'Started' line")
				+ (pg.find() ? ", embedded PostgreSQL ready in " + pg.group(1) + " ms" : "");
	}

	static Memory memory(long javaPid, Path data) throws IOException {
		long javaRss = statusKb(javaPid, "VmRSS");
		long javaHwm = statusKb(javaPid, "VmHWM");
		long javaPss = pssKb(javaPid);
		List<Long> postgres = new ArrayList<>();
		String pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).getFirst().trim();
		long postmaster = Long.parseLong(pid);
		postgres.add(postmaster);
		ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(c -> postgres.add(c.pid())));
		long rss = 0;
		long pss = 0;
		for (long p : postgres) {
			rss += statusKb(p, "VmRSS");
			pss += pssKb(p);
		}
		return new Memory(javaRss, javaHwm, postgres.size(), rss, pss, javaPss);
	}

	static long statusKb(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException e) {
			// gone
		}
		return 0;
	}

	static long pssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
				if (line.startsWith("Pss:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException e) {
			// gone
		}
		return 0;
	}

	static long physicalMemoryMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		}
		catch (IOException e) {
			// unknown
		}
		return -1;
	}
}
