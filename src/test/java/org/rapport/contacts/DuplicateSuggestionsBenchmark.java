package org.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Duplicate suggestions on a large generated workspace, to show that blocking keeps the work near linear. Too slow
 * for every build: run with {@code -Dduplicates.scale=1000000 -Dtest=DuplicateSuggestionsBenchmark}.
 */
class DuplicateSuggestionsBenchmark extends IntegrationTest {

	@Autowired
	Duplicates duplicates;

	@Test
	void suggestsDuplicatesAmongVeryManyContacts() {
		int n = Integer.getInteger("duplicates.scale", 1_000_000);
		String first = "array['Anna','Jürgen','Petra','Thomas','Sabine','Michael','Julia','Andreas','Katrin','Stefan',"
				+ "'Monika','Frank','Claudia','Markus','Birgit','Jörg','Susanne','Uwe','Heike','Dirk']";
		String last = "array['Müller','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Schulz',"
				+ "'Hoffmann','Schäfer','Koch','Bauer','Richter','Klein','Wolf','Schröder','Neumann','Schwarz','Braun']";
		long t0 = System.nanoTime();
		// n people; names from 20 x 20 x 2,500 (name, surname, a second surname), so namesakes are rare but exist.
		jdbc.sql("""
				insert into contacts(id, workspace_id, name)
				select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, ?,
				  (%s)[1 + g %% 20] || ' ' || (%s)[1 + (g / 20) %% 20] || '-' || 'Nachname' || ((g / 400) %% 2500)
				from generate_series(1, ?) g""".formatted(first, last))
			.params(workspace.id(), n).update();
		jdbc.sql("""
				insert into identities(id, workspace_id, contact_id, kind, value)
				select gen_random_uuid(), ?, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'email',
				  'p' || g || '@example.org'
				from generate_series(1, ?) g""").params(workspace.id(), n).update();
		jdbc.sql("""
				insert into identities(id, workspace_id, contact_id, kind, value)
				select gen_random_uuid(), ?, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'phone',
				  '+49151' || lpad(g::text, 8, '0')
				from generate_series(1, ?, 3) g""").params(workspace.id(), n).update();
		// Every 1000th person with a phone number has a second contact: the same number as a WhatsApp handle.
		int twins = jdbc.sql("""
				with t as (
				  insert into contacts(id, workspace_id, name)
				  select ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, ?, 'Zwilling ' || g
				  from generate_series(1, ?, 3000) g returning id)
				select count(*) from t""").params(workspace.id(), n).query(Integer.class).single();
		jdbc.sql("""
				insert into identities(id, workspace_id, contact_id, kind, value)
				select gen_random_uuid(), ?, ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid,
				  'handle:whatsapp', '0151' || lpad(g::text, 8, '0')
				from generate_series(1, ?, 3000) g""").params(workspace.id(), n).update();
		jdbc.sql("vacuum analyze contacts").update();
		jdbc.sql("vacuum analyze identities").update();
		jdbc.sql("vacuum analyze contact_keys").update();
		long loaded = System.nanoTime();

		// Memory: the JVM heap's peak while suggesting (pools reset after a GC), and what PostgreSQL spilled to disk.
		System.gc();
		java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
		long heapBefore = heapUsed();
		long tempBefore = tempBytes();
		List<Duplicates.Suggestion> found = duplicates.suggest(workspace.id(), 100_000);
		long suggested = System.nanoTime();
		long heapPeak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
		try {
			Thread.sleep(1500); // other backends report their statistics at most once a second
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		System.out.printf("[bench] duplicates memory: JVM heap %d MB before, peak %d MB during suggest (all heap pools' peaks "
				+ "summed, an upper bound); PostgreSQL temp files written %d MB%n", heapBefore >> 20, heapPeak >> 20,
				(tempBytes() - tempBefore) >> 20);
		long twinsFound = found.stream()
			.filter(s -> s.reasons().contains(Duplicates.Reason.SAME_PHONE))
			.count();
		System.out.printf("[bench] Duplicate suggestions on %,d contacts: loaded in %d s, suggested %d pairs (%d of %d planted "
				+ "twins by phone) in %d ms%n", n + twins, (loaded - t0) / 1_000_000_000, found.size(), twinsFound, twins,
				(suggested - loaded) / 1_000_000);
		assertThat(twinsFound).isEqualTo(twins);
		if (Boolean.getBoolean("duplicates.explain")) {
			jdbc.sql("explain (analyze, buffers) " + Duplicates.candidateSql(false)).param("ws", workspace.id())
				.param("maxBlock", Duplicates.MAX_BLOCK).query(String.class).list().forEach(System.out::println);
		}
	}

	static long heapUsed() {
		return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	long tempBytes() {
		return jdbc.sql("select temp_bytes from pg_stat_database where datname = current_database()").query(Long.class).single();
	}
}
