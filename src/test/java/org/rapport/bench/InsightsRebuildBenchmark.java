package org.rapport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.insights.Openings;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A full rebuild of the insights from the inbox's history: {@code bench.conversations} conversations (default
 * 2,000,000) of five messages each (question, answer, question, answer, question: 10,000,000 messages by default),
 * spread over one year and written straight into the inbox's tables, then {@link Openings#rebuild} measures every
 * conversation again and summarises its days, as after a changed definition or a restore.
 * <p>
 * Run: {@code ./mvnw -B -q test -Dtest=InsightsRebuildBenchmark -Dbench.conversations=2000000}. Results: stdout lines
 * starting with {@code [bench]} and {@code target/bench/insights-rebuild.txt}.
 */
class InsightsRebuildBenchmark extends IntegrationTest {

	static final int CONVERSATIONS = Integer.getInteger("bench.conversations", 2_000_000);
	static final int CHUNK = 100_000;

	@Autowired
	Openings openings;

	@Test
	void aFullRebuildOfAYear() {
		BenchSupport.report("insights-rebuild", "=== InsightsRebuildBenchmark " + Instant.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, conversations=" + CONVERSATIONS);
		BenchSupport.Tenant tenant = BenchSupport.tenant(workspaces, members, tokens, jdbc, "insights-rebuild");
		UUID ws = tenant.workspace().id();
		UUID member = jdbc.sql("select user_id from memberships where workspace_id = ? limit 1").param(ws)
			.query(UUID.class).single();
		List<UUID> channels = jdbc.sql("select id from channels where workspace_id = ?").param(ws).query(UUID.class).list();
		long started = System.nanoTime();
		for (int from = 1; from <= CONVERSATIONS; from += CHUNK) {
			int to = Math.min(CONVERSATIONS, from + CHUNK - 1);
			// a contact per ten conversations, a conversation every (year / n) seconds, answered after 1 min to 1 day
			jdbc.sql("""
					insert into contacts(id, workspace_id, name)
					select md5('ct' || g)::uuid, ?, 'Person ' || g from generate_series(?, ?) g where g % 10 = 1""")
				.params(ws, from, to).update();
			jdbc.sql("""
					insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, last_message_at, message_count)
					select md5('cv' || g)::uuid, ?, (?::uuid[])[1 + g % ?], md5('ct' || (g - (g - 1) % 10))::uuid,
					  'rebuild-' || g, now(), 5
					from generate_series(?, ?) g""")
				.params(ws, channels.toArray(UUID[]::new), channels.size(), from, to).update();
			jdbc.sql("""
					insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind,
					  author_id, body_html, body_text, sent_at)
					select md5('m' || g || '-' || k)::uuid, ?, md5('cv' || g)::uuid, (?::uuid[])[1 + g % ?],
					  'rebuild-' || g || '-' || k, case when k % 2 = 0 then 'in' else 'out' end,
					  case when k % 2 = 0 then 'message' else 'reply' end, case when k % 2 = 1 then ?::uuid end,
					  'Frage', 'Frage',
					  now() - make_interval(secs => (g::float8 / ? * 365 * 86400))
					    + make_interval(secs => k * (60 + (g::bigint * 7919) % 86400))
					from generate_series(?, ?) g, generate_series(0, 4) k""")
				.params(ws, channels.toArray(UUID[]::new), channels.size(), member, CONVERSATIONS, from, to).update();
		}
		jdbc.sql("analyze messages").update();
		jdbc.sql("analyze conversations").update();
		long messages = jdbc.sql("select count(*) from messages where workspace_id = ?").param(ws).query(Long.class).single();
		BenchSupport.report("insights-rebuild", String.format(Locale.ROOT,
				"wrote %d conversations with %d messages over one year in %.1f s", CONVERSATIONS, messages,
				(System.nanoTime() - started) / 1e9));

		Runtime runtime = Runtime.getRuntime();
		runtime.gc();
		long heapBefore = runtime.totalMemory() - runtime.freeMemory();
		started = System.nanoTime();
		int written = openings.rebuild(ws);
		double seconds = (System.nanoTime() - started) / 1e9;
		long heapAfter = runtime.totalMemory() - runtime.freeMemory();
		assertThat(written).isGreaterThanOrEqualTo(CONVERSATIONS);
		BenchSupport.report("insights-rebuild", String.format(Locale.ROOT,
				"rebuild: %d openings from %d messages in %.1f s (%.0f messages/s); heap %d MB before, %d MB after, max %d MB",
				written, messages, seconds, messages / seconds, heapBefore >> 20, heapAfter >> 20, runtime.maxMemory() >> 20));
	}
}
