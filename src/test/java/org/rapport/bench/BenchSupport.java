package org.rapport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.rapport.platform.ApiTokens;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Small shared helpers: extra workspaces, percentiles, the results file. */
final class BenchSupport {

	static final Path RESULTS = Path.of("target", "bench");

	private BenchSupport() {
	}

	record Tenant(Workspace workspace, UUID channelId, String token) {
	}

	static Tenant tenant(Workspaces workspaces, Members members, ApiTokens tokens, JdbcClient jdbc, String label) {
		String slug = label + "-" + UUID.randomUUID().toString().substring(0, 8);
		Workspace workspace = workspaces.create("Bench " + slug, slug);
		String email = "owner-" + slug + "@example.org";
		var member = members.add(workspace.id(), email, "Bench Owner", "correct horse battery", Role.OWNER);
		var owner = new CurrentUser(member.userId(), email, "Bench Owner", workspace.id(), Role.OWNER, null);
		String token = tokens.create(owner, "bench").token();
		UUID channel = jdbc.sql("select id from channels where workspace_id = ? and key = 'api'").param(workspace.id())
			.query(UUID.class).single();
		return new Tenant(workspace, channel, token);
	}

	/** p-th percentile (nearest rank) of nanosecond samples, in milliseconds. */
	static double percentileMs(long[] nanos, double p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
	}

	static String latencies(long[] nanos) {
		return String.format(Locale.ROOT, "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", nanos.length,
				percentileMs(nanos, 50), percentileMs(nanos, 95), percentileMs(nanos, 99), percentileMs(nanos, 100));
	}

	/** Prints a result line and appends it to {@code target/bench/<name>.txt}. */
	static void report(String name, String line) {
		System.out.println("[bench] " + line);
		try {
			Files.createDirectories(RESULTS);
			Files.writeString(RESULTS.resolve(name + ".txt"), line + System.lineSeparator(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static long postmasterPid(JdbcClient jdbc) {
		long backend = jdbc.sql("select pg_backend_pid()").query(Long.class).single();
		return MachineLoad.parentOf(backend);
	}
}
