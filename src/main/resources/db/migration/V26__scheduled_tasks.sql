-- db-scheduler's table (its PostgreSQL DDL for 16.x), the one home of queued, delayed and recurring background work.
-- The scheduler never creates it itself.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
-- Jobs are found by their id alone (the API's delivery id), without their kind.
create index scheduled_tasks_instance on scheduled_tasks (task_instance);

-- The jobs of the old queue move over with their state: queued ones keep their time and attempts; done and failed
-- ones are parked far in the future (done in the year 9000, failed in 9999, with the last error in the task data),
-- as Jobs keeps them now.
insert into scheduled_tasks(task_name, task_instance, task_data, execution_time, picked, version, consecutive_failures,
                            last_success)
select kind, id::text,
       convert_to(json_build_object(
           'workspaceId', workspace_id,
           'payload', payload::text,
           'state', case status when 'failed' then 'failed' when 'done' then 'done' else null end,
           'lastError', last_error,
           'createdAt', (extract(epoch from created_at) * 1000)::bigint,
           'updatedAt', (extract(epoch from updated_at) * 1000)::bigint)::text, 'UTF8'),
       case status when 'done' then timestamptz '9000-01-01 00:00:00+00'
                   when 'failed' then timestamptz '9999-01-01 00:00:00+00' else run_at end,
       false, 1, attempts, case when status = 'done' then updated_at end
from jobs;

drop table jobs;
