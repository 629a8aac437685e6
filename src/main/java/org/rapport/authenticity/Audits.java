package org.rapport.authenticity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The follower audits of each workspace and the followers each one judged (tables {@code authenticity_audits}, {@code authenticity_audit_items}). */
@Repository
class Audits {

	/** Followers written in one statement. */
	private static final int BATCH = 1_000;

	/** An audit's row: its state of reading and its running figures. */
	record Row(UUID id, UUID workspaceId, UUID channelId, String source, String account, String network, String status,
			String cursor, int step, int attempts, Long total, int followers, int bought, Instant pausedUntil, String error,
			Instant createdAt, Instant startedAt, Instant finishedAt) {
	}

	/** A judged follower to store; {@code reasonsEn} and {@code reasonsDe} are JSON lists of reasons. */
	record NewItem(String key, String judgementKey, String handle, String profile, double bought, String verdict,
			String reasonsEn, String reasonsDe, LocalDate createdDay, Boolean bot) {
	}

	/** A stored follower, with the team's judgement of the account if it made one. */
	record StoredItem(String key, String handle, String profile, double bought, String verdict, String reasonsEn,
			String reasonsDe, Boolean bot, String label) {
	}

	private final JdbcClient jdbc;

	Audits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	UUID create(UUID workspaceId, UUID channelId, String source, String account, String network, UUID createdBy) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into authenticity_audits (id, workspace_id, channel_id, source, account, network, created_by)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, channelId, source, account, network, createdBy)
			.update();
		return id;
	}

	/** Holds the channel's audits until the transaction ends, so that two starts at once make one audit. */
	void lockChannel(UUID channelId) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('authenticity-audit:' || ?::text))").param(channelId).query().listOfRows();
	}

	Optional<Row> row(UUID id) {
		return jdbc.sql("select * from authenticity_audits where id = ?").param(id).query((rs, n) -> map(rs)).optional();
	}

	Optional<Row> row(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from authenticity_audits where workspace_id = ? and id = ?").params(workspaceId, id)
			.query((rs, n) -> map(rs)).optional();
	}

	/** The audit of the channel that is queued or running, if there is one. */
	Optional<UUID> underWay(UUID workspaceId, UUID channelId) {
		return jdbc.sql("""
				select id from authenticity_audits where workspace_id = ? and channel_id = ? and status in ('queued', 'running')
				order by created_at desc limit 1""")
			.params(workspaceId, channelId).query(UUID.class).optional();
	}

	/** The workspace's audits, newest first. */
	List<Row> list(UUID workspaceId, int limit) {
		return jdbc.sql("select * from authenticity_audits where workspace_id = ? order by created_at desc, id limit ?")
			.params(workspaceId, limit).query((rs, n) -> map(rs)).list();
	}

	/** The newest finished audit of the same account before this one: the same channel, or a CSV with the same name. */
	Optional<Row> previous(Row audit) {
		return jdbc.sql("""
				select * from authenticity_audits where workspace_id = :ws and id <> :id and status = 'done'
				and created_at < :created
				and (:channel::uuid is not null and channel_id = :channel::uuid
				     or :channel::uuid is null and source = 'csv' and :source = 'csv' and account = :account)
				order by created_at desc limit 1""")
			.param("ws", audit.workspaceId()).param("id", audit.id()).param("created", Timestamp.from(audit.createdAt()))
			.param("channel", audit.channelId()).param("source", audit.source()).param("account", audit.account())
			.query((rs, n) -> map(rs)).optional();
	}

	/** Followers of {@code audit} that {@code earlier} did not have, and followers of {@code earlier} that are gone. */
	int[] turnover(UUID audit, UUID earlier) {
		String only = """
				select count(*) from authenticity_audit_items a where a.audit_id = ?
				and not exists (select 1 from authenticity_audit_items b where b.audit_id = ? and b.item_key = a.item_key)""";
		int added = jdbc.sql(only).params(audit, earlier).query(Integer.class).single();
		int gone = jdbc.sql(only).params(earlier, audit).query(Integer.class).single();
		return new int[] { added, gone };
	}

	/** Reading begins or resumes: an audit that failed and is tried again forgets its error. */
	void running(UUID id) {
		jdbc.sql("""
				update authenticity_audits set status = 'running', started_at = coalesce(started_at, now()), paused_until = null,
				  error = case when status = 'failed' then null else error end, finished_at = null,
				  attempts = case when status = 'failed' then 0 else attempts end
				where id = ?""")
			.param(id).update();
	}

	/**
	 * Stores a page of judged followers (a follower already stored is kept as it was) and moves the cursor past it;
	 * the last page finishes the audit. Answers how many followers were new.
	 */
	int store(UUID id, List<NewItem> items, String next, Long total, boolean last) {
		Map<String, NewItem> unique = new LinkedHashMap<>();
		items.forEach(item -> unique.putIfAbsent(item.key(), item));
		List<NewItem> all = List.copyOf(unique.values());
		int added = 0;
		int bought = 0;
		for (int from = 0; from < all.size(); from += BATCH) {
			int[] counts = insert(id, all.subList(from, Math.min(all.size(), from + BATCH)));
			added += counts[0];
			bought += counts[1];
		}
		jdbc.sql("""
				update authenticity_audits set followers = followers + ?, bought = bought + ?, cursor = ?,
				  total = coalesce(?, total), attempts = 0, paused_until = null, error = null,
				  status = case when ? then 'done' else 'running' end, finished_at = case when ? then now() end
				where id = ?""")
			.params(added, bought, next, total, last, last, id).update();
		return added;
	}

	private int[] insert(UUID id, List<NewItem> items) {
		int n = items.size();
		String[][] columns = new String[10][n];
		for (int i = 0; i < n; i++) {
			NewItem item = items.get(i);
			columns[0][i] = item.key();
			columns[1][i] = item.judgementKey();
			columns[2][i] = item.handle();
			columns[3][i] = item.profile();
			columns[4][i] = Double.toString(item.bought());
			columns[5][i] = item.verdict();
			columns[6][i] = item.reasonsEn();
			columns[7][i] = item.reasonsDe();
			columns[8][i] = item.createdDay() == null ? null : item.createdDay().toString();
			columns[9][i] = item.bot() == null ? null : item.bot().toString();
		}
		return jdbc.sql("""
				with added as (
				  insert into authenticity_audit_items
				    (audit_id, item_key, judgement_key, handle, profile, bought, verdict, reasons_en, reasons_de, created_day, bot)
				  select ?, k, j, h, p, b::double precision, v, re, rd, d::date, bo::boolean
				  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				    as t(k, j, h, p, b, v, re, rd, d, bo)
				  on conflict (audit_id, item_key) do nothing
				  returning verdict)
				select count(*), count(*) filter (where verdict = 'bought') from added""")
			.params(id, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6], columns[7],
					columns[8], columns[9])
			.query((rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.single();
	}

	/** Reading waits until {@code until}, when the job of {@code step} goes on. */
	void pause(UUID id, Instant until, int step) {
		jdbc.sql("update authenticity_audits set paused_until = ?, step = ? where id = ?")
			.params(Timestamp.from(until), step, id).update();
	}

	/** An attempt failed in a way that may pass: the job of {@code step} tries again. */
	void retryLater(UUID id, int attempts, String error, Instant at, int step) {
		jdbc.sql("update authenticity_audits set attempts = ?, error = ?, paused_until = ?, step = ? where id = ?")
			.params(attempts, error, Timestamp.from(at), step, id).update();
	}

	/** The job of {@code step} goes on where this one stopped. */
	void handOver(UUID id, int step) {
		jdbc.sql("update authenticity_audits set step = ? where id = ?").params(step, id).update();
	}

	void fail(UUID id, String error) {
		jdbc.sql("""
				update authenticity_audits set status = 'failed', error = ?, paused_until = null, finished_at = now()
				where id = ?""")
			.params(error, id).update();
	}

	/** Followers by the day their accounts were created, oldest day first; accounts of unknown age are left out. */
	List<Audit.Day> days(UUID id) {
		return jdbc.sql("""
				select created_day, count(*), count(*) filter (where verdict = 'bought') from authenticity_audit_items
				where audit_id = ? and created_day is not null group by created_day order by created_day""")
			.param(id)
			.query((rs, n) -> new Audit.Day(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3)))
			.list();
	}

	/** A page of the audit's followers, the most likely bought first. */
	List<StoredItem> items(UUID workspaceId, UUID id, int offset, int limit) {
		return jdbc.sql("""
				select i.item_key, i.handle, i.profile, i.bought, i.verdict, i.reasons_en, i.reasons_de, i.bot, j.label
				from authenticity_audit_items i
				left join authenticity_judgements j on j.workspace_id = ? and j.kind = 'profiles' and j.item_key = i.judgement_key
				where i.audit_id = ? order by i.bought desc, i.item_key offset ? limit ?""")
			.params(workspaceId, id, offset, limit)
			.query((rs, n) -> new StoredItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
					rs.getString(5), rs.getString(6), rs.getString(7), (Boolean) rs.getObject(8), rs.getString(9)))
			.list();
	}

	private static Row map(ResultSet rs) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("channel_id", UUID.class), rs.getString("source"), rs.getString("account"),
				rs.getString("network"), rs.getString("status"), rs.getString("cursor"), rs.getInt("step"),
				rs.getInt("attempts"), (Long) rs.getObject("total"), rs.getInt("followers"), rs.getInt("bought"),
				instant(rs, "paused_until"), rs.getString("error"), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}
}
