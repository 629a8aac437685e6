-- Workspaces, users, memberships, API tokens and the audit log.
create extension if not exists citext;

create table workspaces (
    id              uuid primary key,
    slug            text not null unique,
    name            text not null,
    time_zone       text not null default 'Europe/Berlin',
    business_hours  jsonb not null default '{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}',
    created_at      timestamptz not null default now()
);

create table users (
    id              uuid primary key,
    email           citext not null unique,
    display_name    text not null,
    password_hash   text not null,
    created_at      timestamptz not null default now()
);

create table memberships (
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    user_id         uuid not null references users(id) on delete cascade,
    role            text not null check (role in ('owner','manager','agent','trainee','viewer')),
    primary key (workspace_id, user_id)
);
create index memberships_user on memberships(user_id);

create table api_tokens (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    user_id         uuid not null references users(id) on delete cascade,
    name            text not null,
    token_hash      text not null unique,
    prefix          text not null,
    created_at      timestamptz not null default now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
create index api_tokens_workspace on api_tokens(workspace_id);

create table audit_log (
    id              bigserial primary key,
    workspace_id    uuid references workspaces(id) on delete cascade,
    user_id         uuid,
    action          text not null,
    detail          text,
    ip              text,
    at              timestamptz not null default now()
);
create index audit_log_workspace_at on audit_log(workspace_id, at desc);
