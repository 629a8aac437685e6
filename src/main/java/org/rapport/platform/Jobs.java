package org.rapport.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The installation's durable job queue, kept in PostgreSQL. A job enqueued in a transaction exists only if that
 * transaction commits; every node's worker claims due jobs with {@code FOR UPDATE SKIP LOCKED}, so no job runs
 * twice at once. Jobs that keep failing end as {@code failed}, stay visible with their last error and can be
 * retried by a person.
 */
@Component
public class Jobs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	Jobs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Queues a job, joining the caller's transaction if there is one.
	 *
	 * @param payload JSON text handed to the handler; must be valid JSON
	 * @param runAt not before this moment; null means now
	 */
	public UUID enqueue(String kind, UUID workspaceId, String payload, Instant runAt) {
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("A job needs a kind.");
		}
		JSON.readTree(payload);
		UUID id = UUID.randomUUID();
		jdbc.sql("insert into jobs(id, kind, workspace_id, payload, run_at) values (?, ?, ?, ?::jsonb, ?)")
			.params(id, kind, workspaceId, payload, Timestamp.from(runAt == null ? Instant.now() : runAt))
			.update();
		return id;
	}

	/**
	 * Queues many jobs of one kind at once, in one statement (a post to thousands of inboxes), joining the caller's
	 * transaction if there is one.
	 *
	 * @param payloads JSON texts, one per job
	 */
	public int enqueueAll(String kind, UUID workspaceId, List<String> payloads) {
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("A job needs a kind.");
		}
		if (payloads.isEmpty()) {
			return 0;
		}
		payloads.forEach(JSON::readTree);
		return jdbc.sql("""
				insert into jobs(id, kind, workspace_id, payload, run_at)
				select gen_random_uuid(), ?, ?, p::jsonb, now() from unnest(?::text[]) as p""")
			.params(kind, workspaceId, payloads.toArray(String[]::new))
			.update();
	}

	public Optional<Job> find(UUID workspaceId, UUID id) {
		return jdbc.sql("select * from jobs where id = ? and workspace_id is not distinct from ?").params(id, workspaceId)
			.query((rs, n) -> map(rs)).optional();
	}

	/** The workspace's jobs of a kind in a status ({@code failed}, {@code queued}, ...), newest change first. */
	public List<Job> list(UUID workspaceId, String kind, String status, int limit) {
		return jdbc.sql("""
				select * from jobs where workspace_id = ? and kind = ? and status = ? order by updated_at desc, id limit ?""")
			.params(workspaceId, kind, status, limit)
			.query((rs, n) -> map(rs)).list();
	}

	/** The workspace's failed jobs of a kind, newest failure first. */
	public List<Job> failed(UUID workspaceId, String kind) {
		return list(workspaceId, kind, "failed", 500);
	}

	/** How many jobs of a kind the workspace has in a status. */
	public int count(UUID workspaceId, String kind, String status) {
		return jdbc.sql("select count(*) from jobs where workspace_id = ? and kind = ? and status = ?")
			.params(workspaceId, kind, status).query(Integer.class).single();
	}

	/**
	 * Puts a failed job back in the queue to run now, with a fresh series of attempts.
	 *
	 * @throws NotFoundException when the workspace has no such job
	 * @throws IllegalStateException when the job has not failed (it is queued, running or done)
	 */
	public Job retry(UUID workspaceId, UUID id) {
		Job job = find(workspaceId, id).orElseThrow(() -> new NotFoundException("No job " + id + " in this workspace."));
		if (!job.failed()) {
			throw new IllegalStateException("Job " + id + " is " + job.status() + "; only failed jobs can be retried.");
		}
		jdbc.sql("update jobs set status = 'queued', attempts = 0, run_at = now(), updated_at = now() where id = ? and status = 'failed'")
			.param(id).update();
		return find(workspaceId, id).orElseThrow();
	}

	static Job map(ResultSet rs) throws SQLException {
		return new Job(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getObject("workspace_id", UUID.class),
				rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("run_at").toInstant(),
				rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
