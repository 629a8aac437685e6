-- Listening: what people say in public beyond the workspace's own accounts, owned by the listening module.

-- What a workspace listens for. Terms are kept as the manager wrote them; matching folds them.
create table listening_monitors (
    id uuid primary key,
    workspace_id uuid not null,
    name text not null,
    any_terms text[] not null default '{}',
    all_terms text[] not null default '{}',
    phrases text[] not null default '{}',
    exclude_terms text[] not null default '{}',
    languages text[] not null default '{}',
    channel_ids uuid[] not null default '{}',
    alert_per_hour integer,
    last_alert_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index listening_monitors_workspace on listening_monitors (workspace_id);

-- Every post heard once per workspace, however many sources brought it (dedup_key: its address, else its id).
create table listening_posts (
    id uuid primary key,
    workspace_id uuid not null,
    channel_id uuid not null,
    external_id text not null,
    dedup_key text not null,
    url text,
    author text,
    author_name text,
    author_url text,
    author_identity_kind text,
    author_identity text,
    title text,
    text text not null,
    language text,
    posted_at timestamptz,
    heard_at timestamptz not null default now(),
    ref text,
    status text not null default 'new' check (status in ('new', 'dismissed', 'shared', 'answered')),
    conversation_id uuid,
    acted_by uuid,
    acted_at timestamptz,
    unique (workspace_id, dedup_key)
);
create index listening_posts_recent on listening_posts (workspace_id, heard_at desc, id desc);
create index listening_posts_channel on listening_posts (channel_id, heard_at desc);

-- Which monitor a post matched.
create table listening_hits (
    monitor_id uuid not null references listening_monitors (id) on delete cascade,
    post_id uuid not null references listening_posts (id) on delete cascade,
    workspace_id uuid not null,
    matched_at timestamptz not null default now(),
    primary key (monitor_id, post_id)
);
create index listening_hits_post on listening_hits (post_id);
create index listening_hits_monitor_recent on listening_hits (monitor_id, matched_at desc);

-- Where each listening channel's last read ended, and how it went.
create table listening_sources (
    channel_id uuid primary key,
    workspace_id uuid not null,
    cursor text,
    not_before timestamptz,
    last_read_at timestamptz,
    last_heard_at timestamptz,
    last_error text not null default ''
);
