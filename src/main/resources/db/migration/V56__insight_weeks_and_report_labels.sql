-- Insights: weekly summaries (Monday to Sunday), added up from the daily ones (insight_days) by the same background
-- work as insight_months, so that a year by week reads about 52 rows per dimension instead of 365. Same columns as
-- insight_days; week = its Monday.
create table insight_weeks (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    week                date not null check (extract(isodow from week) = 1),
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
    primary key (workspace_id, dimension, key, week)
);

-- The weeks of what is summarised already are made on the first run.
insert into insight_day_changes(workspace_id, at)
select distinct workspace_id, date_bin('15 minutes', opened_at, timestamptz '2000-01-01 00:00:00+00') from insight_openings;

-- A report mail may cover only the conversations with one label (as the dashboard's label filter: lower case).
alter table insight_report_schedules add column label text;
