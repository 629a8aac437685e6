-- Relationship stages: a ladder per workspace, the current stage of each contact, and every change.

-- A workspace's own ladder, in order. A workspace without rows uses the default ladder.
create table stages (
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    key             text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label           text not null,
    position        integer not null,
    primary key (workspace_id, key)
);

-- A contact without a row is on the first stage of the ladder.
create table contact_stages (
    contact_id      uuid primary key references contacts(id) on delete cascade,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    stage           text not null,
    changed_at      timestamptz not null default now()
);
create index contact_stages_workspace on contact_stages(workspace_id, stage);

create table stage_changes (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    from_stage      text not null,
    to_stage        text not null,
    at              timestamptz not null default now(),
    user_id         uuid references users(id) on delete set null,
    by_name         text not null default '',
    reason          text not null default ''
);
create index stage_changes_contact on stage_changes(contact_id, at desc);

-- Proposals a member dismissed: the same evidence does not propose the same stage again.
create table stage_dismissals (
    contact_id      uuid not null references contacts(id) on delete cascade,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    to_stage        text not null,
    evidence        text not null,
    user_id         uuid references users(id) on delete set null,
    dismissed_at    timestamptz not null default now(),
    primary key (contact_id, to_stage, evidence)
);
