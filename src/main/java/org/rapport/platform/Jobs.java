package org.rapport.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.internal.JobData;
import org.rapport.platform.internal.JsonTaskData;
import org.rapport.platform.internal.BackgroundScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The installation's jobs: one-time tasks of the background scheduler (db-scheduler, table {@code scheduled_tasks}),
 * one task per {@link JobHandler} kind, the payload in the task data. A job enqueued in a transaction exists only if
 * that transaction commits; a job runs on one node at a time. A finished job keeps its execution row, parked far in
 * the future, the year telling its state: {@code done} ones (year 9000) for a week, {@code failed} ones (year 9999,
 * the last error in the task data) until a person retries them.
 */
@Component
public class Jobs {

	/** The execution time of done jobs: never due. */
	public static final Instant DONE = Instant.parse("9000-01-01T00:00:00Z");

	/** The execution time of failed jobs: never due. */
	public static final Instant FAILED = Instant.parse("9999-01-01T00:00:00Z");

	/** From here on, executions are finished jobs. */
	public static final Instant PARKED = DONE;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A job as its execution row shows it; {@code d} is the task data as jsonb. */
	private static final String SELECT = """
			select task_instance, task_name, d->>'workspaceId' as workspace_id, d->>'payload' as payload,
			       case when picked then 'running' when execution_time < :done then 'queued'
			            when execution_time < :failed then 'done' else 'failed' end as status,
			       coalesce(consecutive_failures, 0) as attempts, execution_time, d->>'lastError' as last_error,
			       (d->>'createdAt')::bigint as created_at,
			       greatest(to_timestamp((d->>'updatedAt')::bigint / 1000.0), last_success, last_failure) as updated_at
			from (select *, convert_from(task_data, 'UTF8')::jsonb as d from scheduled_tasks where %s) t
			""";

	private static final String STATUS = """
			case :status when 'running' then picked
			             when 'queued' then not picked and execution_time < :done
			             when 'done' then not picked and execution_time >= :done and execution_time < :failed
			             else not picked and execution_time >= :failed end""";

	private final JdbcClient jdbc;
	private final ObjectProvider<BackgroundScheduler> scheduler;
	private final List<String> kinds;

	Jobs(JdbcClient jdbc, ObjectProvider<BackgroundScheduler> scheduler, List<JobHandler> handlers) {
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.kinds = handlers.stream().map(JobHandler::kind).toList();
	}

	/**
	 * Queues a job, joining the caller's transaction if there is one.
	 *
	 * @param payload JSON text handed to the handler; must be valid JSON
	 * @param runAt not before this moment; null means now
	 */
	public UUID enqueue(String kind, UUID workspaceId, String payload, Instant runAt) {
		requireKind(kind);
		JSON.readTree(payload);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into scheduled_tasks(task_name, task_instance, task_data, execution_time, picked, version, consecutive_failures)
				values (?, ?, ?, ?, false, 1, 0)""")
			.params(kind, id.toString(), JsonTaskData.INSTANCE.serialize(JobData.queued(workspaceId, payload)),
					Timestamp.from(runAt == null ? Instant.now() : runAt))
			.update();
		if (runAt == null) {
			checkSoon();
		}
		return id;
	}

	/**
	 * Queues many jobs of one kind at once, in one statement (a post to thousands of inboxes), joining the caller's
	 * transaction if there is one.
	 *
	 * @param payloads JSON texts, one per job
	 */
	public int enqueueAll(String kind, UUID workspaceId, List<String> payloads) {
		requireKind(kind);
		if (payloads.isEmpty()) {
			return 0;
		}
		String[] data = payloads.stream().map(p -> {
			JSON.readTree(p);
			return JSON.writeValueAsString(JobData.queued(workspaceId, p));
		}).toArray(String[]::new);
		int queued = jdbc.sql("""
				insert into scheduled_tasks(task_name, task_instance, task_data, execution_time, picked, version, consecutive_failures)
				select ?, gen_random_uuid()::text, convert_to(d, 'UTF8'), now(), false, 1, 0 from unnest(?::text[]) as d""")
			.params(kind, data)
			.update();
		checkSoon();
		return queued;
	}

	private static void requireKind(String kind) {
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("A job needs a kind.");
		}
	}

	/** Has this node's scheduler look for due executions now (after the commit) instead of at its next poll. */
	private void checkSoon() {
		Runnable check = () -> scheduler.ifAvailable(BackgroundScheduler::checkForDueExecutions);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					check.run();
				}
			});
		}
		else {
			check.run();
		}
	}

	public Optional<Job> find(UUID workspaceId, UUID id) {
		return jdbc.sql(SELECT.formatted("task_instance = :id") + " where d->>'workspaceId' is not distinct from :ws")
			.param("id", id.toString()).param("ws", workspaceId == null ? null : workspaceId.toString())
			.param("done", Timestamp.from(DONE)).param("failed", Timestamp.from(FAILED))
			.query((rs, n) -> map(rs)).optional();
	}

	/** The workspace's jobs of a kind in a status ({@code failed}, {@code queued}, ...), newest change first. */
	public List<Job> list(UUID workspaceId, String kind, String status, int limit) {
		return jdbc.sql(SELECT.formatted("task_name = :kind") + " where d->>'workspaceId' = :ws and " + STATUS
				+ " order by updated_at desc, task_instance limit :limit")
			.param("kind", kind).param("ws", workspaceId.toString()).param("status", status)
			.param("done", Timestamp.from(DONE)).param("failed", Timestamp.from(FAILED)).param("limit", limit)
			.query((rs, n) -> map(rs)).list();
	}

	/** The workspace's jobs of every kind in a status, newest change first. */
	public List<Job> list(UUID workspaceId, String status, int limit) {
		if (kinds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT.formatted("task_name in (:kinds)") + " where d->>'workspaceId' = :ws and " + STATUS
				+ " order by updated_at desc, task_instance limit :limit")
			.param("kinds", kinds).param("ws", workspaceId.toString()).param("status", status)
			.param("done", Timestamp.from(DONE)).param("failed", Timestamp.from(FAILED)).param("limit", limit)
			.query((rs, n) -> map(rs)).list();
	}

	/**
	 * Recurring work of the installation (mail fetch, retention, …) whose latest runs failed: its name, how many
	 * runs in a row failed, and when the last one did. Recurring work tries again at its next run by itself.
	 */
	public List<FailingWork> failingRecurring() {
		return jdbc.sql("""
				select task_name, consecutive_failures, last_failure, execution_time from scheduled_tasks
				where consecutive_failures > 0 and task_name not in (:kinds) order by last_failure desc nulls last""")
			.param("kinds", kinds.isEmpty() ? List.of("") : kinds)
			.query((rs, n) -> new FailingWork(rs.getString(1), rs.getInt(2),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Recurring work that failed its latest runs; {@code nextRun} is when it tries again. */
	public record FailingWork(String name, int failuresInARow, Instant lastFailure, Instant nextRun) {
	}

	/** The workspace's failed jobs of a kind, newest failure first. */
	public List<Job> failed(UUID workspaceId, String kind) {
		return list(workspaceId, kind, "failed", 500);
	}

	/** How many jobs of a kind the workspace has in a status. */
	public int count(UUID workspaceId, String kind, String status) {
		return jdbc.sql("select count(*) from (select *, convert_from(task_data, 'UTF8')::jsonb as d from scheduled_tasks"
				+ " where task_name = :kind) t where d->>'workspaceId' = :ws and " + STATUS)
			.param("kind", kind).param("ws", workspaceId.toString()).param("status", status)
			.param("done", Timestamp.from(DONE)).param("failed", Timestamp.from(FAILED))
			.query(Integer.class).single();
	}

	/** How many jobs of any kind, in any workspace, are {@code queued} (due or not) or {@code failed}. */
	public long countAll(String status) {
		if (kinds.isEmpty()) {
			return 0;
		}
		String where = switch (status) {
			case "queued" -> "not picked and execution_time < :done";
			case "failed" -> "execution_time >= :failed";
			default -> throw new IllegalArgumentException("Counted are queued and failed jobs, not " + status + ".");
		};
		return jdbc.sql("select count(*) from scheduled_tasks where task_name in (:kinds) and " + where)
			.param("kinds", kinds).param("done", Timestamp.from(DONE)).param("failed", Timestamp.from(FAILED))
			.query(Long.class).single();
	}

	/**
	 * Puts a failed job back in the queue to run now, with a fresh series of attempts.
	 *
	 * @return the job as it was put back (queued), even if a node has started it meanwhile
	 *
	 * @throws NotFoundException when the workspace has no such job
	 * @throws IllegalStateException when the job has not failed (it is queued, running or done)
	 */
	public Job retry(UUID workspaceId, UUID id) {
		Job job = find(workspaceId, id).orElseThrow(() -> new NotFoundException("No job " + id + " in this workspace."));
		if (!job.failed()) {
			throw new IllegalStateException("Job " + id + " is " + job.status() + "; only failed jobs can be retried.");
		}
		JobData data = jdbc.sql("select task_data from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(job.kind(), id.toString())
			.query((rs, n) -> JsonTaskData.INSTANCE.deserialize(JobData.class, rs.getBytes(1))).single();
		int changed = jdbc.sql("""
				update scheduled_tasks set task_data = ?, execution_time = now(), consecutive_failures = 0, version = version + 1
				where task_name = ? and task_instance = ? and not picked and execution_time >= ?""")
			.params(JsonTaskData.INSTANCE.serialize(data.requeued()), job.kind(), id.toString(), Timestamp.from(FAILED))
			.update();
		if (changed == 0) {
			throw new IllegalStateException("Job " + id + " changed meanwhile; only failed jobs can be retried.");
		}
		Instant now = Instant.now();
		Job queued = new Job(job.id(), job.kind(), job.workspaceId(), job.payload(), "queued", 0, now, job.lastError(),
				job.createdAt(), now);
		checkSoon();
		return queued;
	}

	/**
	 * Forgets done jobs after a week, and every job of a workspace that is gone; failed ones otherwise stay until
	 * retried.
	 */
	public void forgetFinished() {
		if (kinds.isEmpty()) {
			return;
		}
		jdbc.sql("""
				delete from scheduled_tasks where task_name in (:kinds) and execution_time >= :done
				and execution_time < :failed and last_success < now() - interval '7 days'""")
			.param("kinds", kinds).param("done", Timestamp.from(DONE)).param("failed", Timestamp.from(FAILED))
			.update();
		jdbc.sql("""
				delete from scheduled_tasks s where task_name in (:kinds) and not picked
				and (convert_from(task_data, 'UTF8')::jsonb->>'workspaceId') is not null
				and not exists (select 1 from workspaces w where w.id::text = convert_from(s.task_data, 'UTF8')::jsonb->>'workspaceId')""")
			.param("kinds", kinds)
			.update();
	}

	static Job map(ResultSet rs) throws SQLException {
		String workspace = rs.getString("workspace_id");
		return new Job(UUID.fromString(rs.getString("task_instance")), rs.getString("task_name"),
				workspace == null ? null : UUID.fromString(workspace), rs.getString("payload"), rs.getString("status"),
				rs.getInt("attempts"), rs.getTimestamp("execution_time").toInstant(), rs.getString("last_error"),
				Instant.ofEpochMilli(rs.getLong("created_at")), rs.getTimestamp("updated_at").toInstant());
	}
}
