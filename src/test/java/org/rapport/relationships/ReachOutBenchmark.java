package org.rapport.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reach-out ranking on a large generated workspace: it reads recent rows only, so its time follows the recent
 * activity, not the number of contacts. Too slow for every build: run with
 * {@code -Dreachout.scale=100000 -Dtest=ReachOutBenchmark}.
 */
class ReachOutBenchmark extends IntegrationTest {

	@Autowired
	ReachOut reachOut;

	@Autowired
	Reminders reminders;

	@Test
	void ranksAWorkspaceWithManyContactsQuickly() {
		int n = Integer.getInteger("reachout.scale", 100_000);
		long t0 = System.nanoTime();
		// n contacts, one conversation each with two old messages (a year ago); every 20th wrote in the last 30 days
		// and every 40th was answered; every 10th has a tag, every 50th a recurring reminder.
		jdbc.sql("""
				insert into contacts(id, workspace_id, name, created_at)
				select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, ?, 'Person ' || g, now() - interval '400 days'
				from generate_series(1, ?) g""").params(workspace.id(), n).update();
		jdbc.sql("""
				insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, last_message_at)
				select ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, ?,
				  (select id from channels where workspace_id = ? and key = 'api'),
				  ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 't' || g,
				  case when g % 20 = 0 then now() - make_interval(days => g % 30) else now() - interval '365 days' end
				from generate_series(1, ?) g""").params(workspace.id(), workspace.id(), n).update();
		jdbc.sql("""
				insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind, body_html, body_text, sent_at)
				select gen_random_uuid(), c.workspace_id, c.id, c.channel_id, 'm' || c.thread_key || '-' || k, 'in', 'message', 'Hallo', 'Hallo',
				  case when c.last_message_at > now() - interval '31 days' then c.last_message_at - make_interval(hours => k)
				       else now() - interval '365 days' - make_interval(days => k) end
				from conversations c cross join generate_series(1, 2) k where c.workspace_id = ?""").param(workspace.id()).update();
		jdbc.sql("""
				insert into messages(id, workspace_id, conversation_id, channel_id, external_id, direction, kind, body_html, body_text, sent_at)
				select gen_random_uuid(), c.workspace_id, c.id, c.channel_id, 'o' || c.thread_key, 'out', 'reply', 'Danke', 'Danke',
				  c.last_message_at - interval '90 minutes'
				from conversations c where c.workspace_id = ? and substr(c.thread_key, 2)::int % 40 = 0""").param(workspace.id()).update();
		jdbc.sql("""
				insert into contact_tags(workspace_id, contact_id, tag)
				select ?, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'thema ' || (g % 50)
				from generate_series(10, ?, 10) g""").params(workspace.id(), n).update();
		jdbc.sql("""
				insert into reminders(id, workspace_id, contact_id, every_weeks, anchor_at, created_by)
				select gen_random_uuid(), ?, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 4,
				  now() - interval '60 days', ?
				from generate_series(50, ?, 50) g""").params(workspace.id(), owner.userId(), n).update();
		for (String table : List.of("contacts", "conversations", "messages", "contact_tags", "reminders")) {
			jdbc.sql("vacuum analyze " + table).update();
		}
		long loaded = System.nanoTime();

		List<Long> times = new ArrayList<>();
		List<ReachOut.Candidate> top = List.of();
		for (int i = 0; i < 21; i++) {
			long s = System.nanoTime();
			top = reachOut.rank(workspace.id(), 20, Locale.GERMAN);
			times.add(System.nanoTime() - s);
		}
		times.removeFirst();
		times.sort(null);
		long b = System.nanoTime();
		int due = reminders.dueFor(workspace.id(), owner.userId());
		long badge = System.nanoTime() - b;
		System.out.printf("reach-out benchmark: %d contacts, %d messages; loaded in %d s; ranking median %d ms, max %d ms (20 runs); "
				+ "badge count of %d due reminders %d ms%n", n,
				jdbc.sql("select count(*) from messages where workspace_id = ?").param(workspace.id()).query(Long.class).single(),
				(loaded - t0) / 1_000_000_000, times.get(times.size() / 2) / 1_000_000, times.getLast() / 1_000_000, due,
				badge / 1_000_000);
		assertThat(top).hasSize(20);
		assertThat(top.getFirst().score()).isGreaterThanOrEqualTo(top.getLast().score());
	}
}
