package org.rapport.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.contacts.ContactFilter;
import org.rapport.contacts.Segments;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inbox list filtered by a segment on a few thousand rows: the segment's condition is evaluated once as a set
 * (its tables are scanned in a single loop), not once per conversation, and the page comes back quickly.
 */
class SegmentFilterQueryPlanTests extends IntegrationTest {

	static final int CONTACTS = 4000;
	static final int CONVERSATIONS = 12000;

	@Autowired
	Conversations conversations;

	@Autowired
	Segments segments;

	@Test
	void segmentConditionRunsOnceAsASetNotPerConversation() {
		UUID ws = workspace.id();
		api.post("/api/v1/messages", Map.of("channel", "api", "externalId", "seed", "from", Map.of("handle", "seed@example.org"),
				"body", "seed"));
		UUID channel = jdbc.sql("select id from channels where workspace_id = ? and key = 'api'").param(ws).query(UUID.class).single();
		jdbc.sql("""
				insert into contacts(id, workspace_id, name)
				select gen_random_uuid(), ?, 'Kontakt ' || g from generate_series(1, ?) g""").params(ws, CONTACTS).update();
		jdbc.sql("""
				insert into contact_tags(workspace_id, contact_id, tag)
				select ?, id, 'presse' from contacts where workspace_id = ? and name like 'Kontakt %' and hashtext(name) % 10 = 0""")
			.params(ws, ws).update();
		jdbc.sql("""
				insert into conversations(id, workspace_id, channel_id, contact_id, thread_key, subject, status, last_message_at, created_at)
				select gen_random_uuid(), ?, ?, c.id, 'plan-' || g, 'Betreff ' || g, case when g % 3 = 0 then 'done' else 'open' end,
				  now() - make_interval(mins => g), now() - make_interval(mins => g)
				from generate_series(1, ?) g
				join (select id, row_number() over (order by id) - 1 as n from contacts
				      where workspace_id = ? and name like 'Kontakt %') c on c.n = g % ?""")
			.params(ws, channel, CONVERSATIONS, ws, CONTACTS).update();
		jdbc.sql("analyze contacts").update();
		jdbc.sql("analyze contact_tags").update();
		jdbc.sql("analyze conversations").update();

		UUID press = segments.create(ws, owner.userId(), "Presse",
				new ContactFilter(List.of("presse"), "all", null, null, null, List.of(), null, null, null)).id();
		InboxFilter filter = new InboxFilter(ConversationStatus.OPEN, null, false, null, null, null, null, press);

		Page<ConversationSummary> page = conversations.list(ws, filter, 50, null);
		assertThat(page.items()).hasSize(50);
		List<UUID> tagged = jdbc.sql("select contact_id from contact_tags where workspace_id = ?").param(ws).query(UUID.class).list();
		assertThat(page.items()).allMatch(c -> tagged.contains(c.contact().id()) && c.status().equals("open"));

		Segments.Selection selection = segments.selection(ws, press);
		Map<String, Object> params = new LinkedHashMap<>(selection.params());
		params.put("ws", ws);
		params.put("status", "open");
		params.put("limit", 51);
		List<String> plan = jdbc.sql("explain (analyze, costs off) " + Conversations.listSql(filter, false, selection))
			.params(params).query(String.class).list();
		plan.forEach(line -> System.out.println("[plan] " + line));
		List<String> tagScans = plan.stream().filter(l -> l.contains("contact_tags")).toList();
		assertThat(tagScans).isNotEmpty().allMatch(l -> l.contains("loops=1)"));

		long start = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			conversations.list(ws, filter, 50, null);
		}
		double ms = (System.nanoTime() - start) / 20 / 1e6;
		System.out.printf("[bench] inbox list with segment, %d conversations, %d contacts: %.1f ms per page%n", CONVERSATIONS,
				CONTACTS, ms);
		assertThat(ms).isLessThan(250);

		// The conditions on conversations come from the inbox as one set of contact ids per filter.
		UUID waiting = segments.create(ws, owner.userId(), "Offen auf api",
				new ContactFilter(List.of(), "all", null, null, null, List.of(), "api", true, null)).id();
		InboxFilter byWaiting = new InboxFilter(ConversationStatus.DONE, null, false, null, null, null, null, waiting);
		Page<ConversationSummary> done = conversations.list(ws, byWaiting, 50, null);
		assertThat(done.items()).hasSize(50);
		List<UUID> open = jdbc.sql("select distinct contact_id from conversations where workspace_id = ? and status = 'open'")
			.param(ws).query(UUID.class).list();
		assertThat(done.items()).allMatch(c -> open.contains(c.contact().id()) && c.status().equals("done"));
		for (int i = 0; i < 5; i++) {
			conversations.list(ws, byWaiting, 50, null);
		}
		start = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			conversations.list(ws, byWaiting, 50, null);
		}
		ms = (System.nanoTime() - start) / 20 / 1e6;
		System.out.printf("[bench] inbox list with segment on channel and open conversation, %d conversations, %d contacts: %.1f ms per page%n",
				CONVERSATIONS, CONTACTS, ms);
		// A figure for docs/organisations.md, not a limit: timings belong in benchmarks on this shared machine.
	}
}
