-- Saved views: a member keeps filters of the inbox list (status, assignee, channel, label, triage, search, segment,
-- unread, sort …) under a name of their own. Each member sees only their own; they go with the member.
create table inbox_views (
    id           uuid primary key,
    workspace_id uuid not null references workspaces(id) on delete cascade,
    member_id    uuid not null references users(id) on delete cascade,
    name         text not null,
    filter       jsonb not null,
    created_at   timestamptz not null default now()
);
create unique index inbox_views_name on inbox_views (workspace_id, member_id, lower(name));
