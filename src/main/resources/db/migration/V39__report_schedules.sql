-- Insights: report mails with the dashboard as PDF, weekly or monthly, to members and to outside addresses.
create table insight_report_schedules (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    frequency           text not null check (frequency in ('weekly', 'monthly')),
    recipients          text[] not null,
    language            text not null check (language in ('de', 'en')),
    next_run_at         timestamptz not null,
    last_sent_at        timestamptz,
    last_outcome        text,
    created_by          uuid references users(id) on delete set null,
    created_at          timestamptz not null default now()
);
create index insight_report_schedules_due on insight_report_schedules(next_run_at);
