-- Insights: the goal set for a channel (or for the whole workspace): what it is for, the measure that fits, and
-- the target a month should reach.
create table insight_goals (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    channel_id          uuid,
    purpose             text not null check (purpose in ('readership', 'feedback', 'support', 'recruiting', 'donations', 'partnerships')),
    measure             text not null check (measure in ('responseRate', 'answeredWithin', 'medianFirstResponseHours', 'conversations', 'outcomes')),
    target              numeric(14, 4) not null check (target >= 0),
    hours               integer check (hours between 1 and 720),
    outcome_kind        text,
    created_at          timestamptz not null default now()
);
create index insight_goals_workspace on insight_goals(workspace_id, created_at);
