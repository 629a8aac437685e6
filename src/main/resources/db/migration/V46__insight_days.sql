-- Insights: daily summaries of insight_openings, so that a dashboard over months or a year reads a few hundred rows
-- instead of every opening. One row per workspace, local day and dimension: 'all' (key = nil uuid), 'channel'
-- (key = channel) and 'member' (key = who answered first). Durations are kept as count, sum and the (value, count)
-- pairs of an HdrHistogram with 3 significant digits each, so that medians and p90 of any number of days are within
-- 0.1 % of the exact value.
create table insight_days (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    day                 date not null,
    dimension           text not null check (dimension in ('all', 'channel', 'member')),
    key                 uuid not null,
    conversations       bigint not null,
    needing             bigint not null,
    answered            bigint not null,
    two_way             bigint not null,
    turns               bigint not null,
    frt_n bigint not null, frt_sum double precision not null, frt bytea,
    frtb_n bigint not null, frtb_sum double precision not null, frtb bytea,
    res_n bigint not null, res_sum double precision not null, res bytea,
    resb_n bigint not null, resb_sum double precision not null, resb bytea,
    primary key (workspace_id, dimension, key, day)
);

-- The time zone the summaries of a workspace were made in: another zone means other days, so they are made anew.
create table insight_day_zones (
    workspace_id        uuid primary key references workspaces(id) on delete cascade,
    zone                text not null
);

-- Where openings changed since the summaries were made: the opening's time to the quarter hour (every time zone's
-- offset is a multiple of 15 minutes, so the quarter hour says the local day). Filled by triggers on every insert
-- and delete of insight_openings (also cascaded deletes), emptied by the summariser. No unique key: concurrent
-- writers never wait for each other here.
create table insight_day_changes (
    workspace_id        uuid not null,
    at                  timestamptz not null
);
create index insight_day_changes_workspace on insight_day_changes(workspace_id, at);

create function insight_openings_added() returns trigger language plpgsql as $$
begin
    insert into insight_day_changes(workspace_id, at)
    select distinct workspace_id, date_bin('15 minutes', opened_at, timestamptz '2000-01-01 00:00:00+00') from added;
    return null;
end $$;

create function insight_openings_removed() returns trigger language plpgsql as $$
begin
    insert into insight_day_changes(workspace_id, at)
    select distinct workspace_id, date_bin('15 minutes', opened_at, timestamptz '2000-01-01 00:00:00+00') from removed;
    return null;
end $$;

create trigger insight_openings_added after insert on insight_openings
    referencing new table as added for each statement execute function insight_openings_added();
create trigger insight_openings_removed after delete on insight_openings
    referencing old table as removed for each statement execute function insight_openings_removed();

-- What exists already is summarised on the first run.
insert into insight_day_changes(workspace_id, at)
select distinct workspace_id, date_bin('15 minutes', opened_at, timestamptz '2000-01-01 00:00:00+00') from insight_openings;
