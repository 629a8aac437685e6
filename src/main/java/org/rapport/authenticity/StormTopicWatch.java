package org.rapport.authenticity;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.rapport.listening.HitsHeard;
import org.rapport.listening.MonitorDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The storm early warning per topic: whenever listening stores new hits ({@link HitsHeard}), each topic's (each
 * monitor's) hits are scored ({@link NegativeTone}), counted into its five-minute buckets and handed to the topic's
 * {@link StormDetector} — the same detector, threshold and alerts as a channel's ({@link StormWatch}), in listening's
 * transaction. A hit counts at the time it was posted (at the latest when it was heard); its author is kept only as a
 * key derived from the handle, and an author is new when the topic never had a hit of theirs before.
 */
@Component
class StormTopicWatch {

	private static final Logger log = LoggerFactory.getLogger(StormTopicWatch.class);

	/** A post dated this much after it was heard is taken as heard (a clock ahead does not move it into the future). */
	static final Duration SKEW = Duration.ofMinutes(1);

	private final JdbcClient jdbc;
	private final StormWatch watch;
	private final TransactionTemplate nested;

	StormTopicWatch(JdbcClient jdbc, StormWatch watch, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.watch = watch;
		this.nested = new TransactionTemplate(transactions);
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** One hit as the topic's detector sees it. */
	record Seen(UUID hitId, UUID authorKey, Instant at, boolean negative) {
	}

	@EventListener
	void on(HitsHeard heard) {
		// By monitor id, so that concurrent reads lock the topics' baselines in the same order.
		Map<UUID, List<Seen>> byTopic = new TreeMap<>();
		for (HitsHeard.Item hit : heard.hits()) {
			byTopic.computeIfAbsent(hit.monitorId(), m -> new ArrayList<>())
				.add(new Seen(hit.hitId(), authorKey(hit.author()), at(hit), NegativeTone.isNegative(hit.text())));
		}
		byTopic.forEach((monitorId, hits) -> {
			// In a savepoint: should the warning fail, the hits are stored all the same.
			try {
				nested.executeWithoutResult(status -> take(heard.workspaceId(), monitorId, hits));
			}
			catch (RuntimeException e) {
				log.warn("The storm warning could not take {} hits of topic {}: {}", hits.size(), monitorId, e.toString());
			}
		});
	}

	/** Forgets what was kept about a deleted topic: threshold, learnt rates, buckets, recent hits, authors and alerts. */
	@EventListener
	@Transactional
	void on(MonitorDeleted deleted) {
		for (String table : List.of("storm_settings", "storm_baselines", "storm_buckets", "storm_topic_recent",
				"storm_topic_authors", "storm_alerts")) {
			jdbc.sql("delete from " + table + " where workspace_id = ? and monitor_id = ?")
				.params(deleted.workspaceId(), deleted.monitorId())
				.update();
		}
	}

	/** When a hit counts: when it was posted, but never later than when it was heard. */
	static Instant at(HitsHeard.Item hit) {
		Instant heardAt = hit.heardAt() == null ? Instant.now() : hit.heardAt();
		if (hit.postedAt() == null || hit.postedAt().isAfter(heardAt.plus(SKEW))) {
			return heardAt;
		}
		return hit.postedAt();
	}

	/** One key per author (case does not matter); all hits whose author is not known count as one author. */
	static UUID authorKey(String author) {
		String key = author == null || author.isBlank() ? "?" : author.strip().toLowerCase(Locale.ROOT);
		return UUID.nameUUIDFromBytes(("storm-topic-author:" + key).getBytes(StandardCharsets.UTF_8));
	}

	private void take(UUID workspaceId, UUID monitorId, List<Seen> batch) {
		StormWatch.Stream stream = StormWatch.Stream.topic(monitorId);
		List<Seen> sorted = new ArrayList<>(batch);
		sorted.sort(Comparator.comparing(Seen::at).thenComparing(Seen::hitId));
		StormDetector detector = watch.loadBaseline(workspaceId, stream);
		if (detector.closedThrough >= 0 && !detector.onlyKeeps(sorted.stream().map(Seen::at).toList())) {
			jdbc.sql("""
					select hit_id, author_key, at, negative, new_author from storm_topic_recent
					where monitor_id = ? and at >= ? order by at, hit_id""")
				.params(monitorId, Timestamp.from(StormWatch.windowStart(detector)))
				.query((rs, n) -> new StormDetector.Observation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getTimestamp(3).toInstant(), rs.getBoolean(4), rs.getBoolean(5)))
				.list()
				.forEach(detector.recent::addLast);
		}
		Set<UUID> newAuthors = markSeen(workspaceId, monitorId, sorted);
		Set<UUID> firstOfAuthor = new HashSet<>();
		List<StormDetector.Signal> signals = new ArrayList<>();
		int n = sorted.size();
		UUID[] hits = new UUID[n];
		UUID[] authors = new UUID[n];
		String[] at = new String[n];
		Boolean[] negative = new Boolean[n];
		Boolean[] isNew = new Boolean[n];
		for (int i = 0; i < n; i++) {
			Seen hit = sorted.get(i);
			boolean fresh = newAuthors.contains(hit.authorKey()) && firstOfAuthor.add(hit.authorKey());
			hits[i] = hit.hitId();
			authors[i] = hit.authorKey();
			at[i] = hit.at().toString();
			negative[i] = hit.negative();
			isNew[i] = fresh;
			StormDetector.Signal s = detector.observe(new StormDetector.Observation(hit.hitId(), hit.authorKey(), hit.at(),
					hit.negative(), fresh));
			if (s != null) {
				signals.add(s);
			}
		}
		watch.saveBaseline(workspaceId, stream, detector, at, negative, isNew);
		jdbc.sql("""
				insert into storm_topic_recent(monitor_id, hit_id, workspace_id, author_key, at, negative, new_author)
				select ?, h, ?, a, t, n, w from unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::boolean[], ?::boolean[])
				  as x(h, a, t, n, w)
				on conflict (monitor_id, hit_id) do nothing""")
			.params(monitorId, workspaceId, hits, authors, at, negative, isNew)
			.update();
		watch.alertOn(workspaceId, stream, signals, Map.of());
	}

	/** Records the batch's authors as seen on the topic; answers those never seen before. */
	private Set<UUID> markSeen(UUID workspaceId, UUID monitorId, List<Seen> batch) {
		Map<UUID, Instant> first = new LinkedHashMap<>();
		batch.forEach(h -> first.putIfAbsent(h.authorKey(), h.at()));
		return new HashSet<>(jdbc.sql("""
				insert into storm_topic_authors(monitor_id, author_key, workspace_id, first_seen)
				select ?, a, ?, t from unnest(?::uuid[], ?::timestamptz[]) as x(a, t)
				on conflict (monitor_id, author_key) do nothing returning author_key""")
			.params(monitorId, workspaceId, first.keySet().toArray(UUID[]::new),
					first.values().stream().map(Instant::toString).toArray(String[]::new))
			.query(UUID.class)
			.list());
	}
}
