-- The installation's durable job queue: every node claims due jobs with FOR UPDATE SKIP LOCKED.
create table jobs (
    id                  uuid primary key,
    kind                text not null,
    workspace_id        uuid references workspaces(id) on delete cascade,
    payload             jsonb not null,
    status              text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
    attempts            integer not null default 0,
    run_at              timestamptz not null default now(),
    locked_until        timestamptz,
    last_error          text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index jobs_due on jobs(run_at) where status in ('queued', 'running');
create index jobs_workspace on jobs(workspace_id, kind, status, updated_at desc);

-- ActivityPub: each workspace's blog is an actor with its own RSA key pair, made on first use.
create table ap_actor_keys (
    workspace_id        uuid primary key references workspaces(id) on delete cascade,
    public_pem          text not null,
    private_pem         text not null,
    created_at          timestamptz not null default now()
);

-- Remote actors who follow a workspace's blog, with where to deliver to them.
create table ap_followers (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    actor_uri           text not null,
    inbox               text not null,
    shared_inbox        text,
    follow_id           text,
    followed_at         timestamptz not null default now(),
    primary key (workspace_id, actor_uri)
);

-- Remote actors a workspace follows (pending until they accept).
create table ap_following (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    actor_uri           text not null,
    handle              text not null,
    follow_id           text not null,
    status              text not null default 'pending' check (status in ('pending', 'accepted')),
    created_at          timestamptz not null default now(),
    primary key (workspace_id, actor_uri)
);

-- Remote actor documents, cached for their keys and inboxes; looked up by lower(uri) because identities are.
create table ap_remote_actors (
    uri                 text primary key,
    uri_key             text not null unique,
    inbox               text not null,
    shared_inbox        text,
    key_id              text,
    public_key_pem      text,
    name                text not null default '',
    preferred_username  text not null default '',
    profile_url         text not null default '',
    fetched_at          timestamptz not null default now()
);
create index ap_remote_actors_key on ap_remote_actors(key_id);

-- Ids of activities already handled, so a repeated delivery changes nothing.
create table ap_seen_activities (
    activity_id         text primary key,
    received_at         timestamptz not null default now()
);

-- Remote notes that reached a workspace: replies to its posts or notes, posts of actors it follows.
create table ap_remote_notes (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    note_id             text not null,
    actor_uri           text not null,
    post_id             uuid references blog_posts(id) on delete set null,
    comment_id          uuid references blog_comments(id) on delete set null,
    addressed           jsonb not null default '[]',
    received_at         timestamptz not null default now(),
    primary key (workspace_id, note_id)
);

-- Notes the team wrote in the inbox as answers on the Fediverse and activities the workspace sent (Follow,
-- Accept, Like, ...), served at their id.
create table ap_local_objects (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    kind                text not null check (kind in ('notes', 'activities')),
    message_id          uuid unique,
    object              jsonb not null,
    created_at          timestamptz not null default now()
);

-- Likes and boosts of blog posts, counted per post (from the Fediverse; the blog shows the counts).
create table blog_reactions (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    post_id             uuid not null references blog_posts(id) on delete cascade,
    kind                text not null check (kind in ('like', 'boost')),
    actor_uri           text not null,
    activity_id         text not null,
    created_at          timestamptz not null default now(),
    primary key (post_id, kind, actor_uri)
);
create index blog_reactions_activity on blog_reactions(activity_id);

-- A comment that came from elsewhere (a Fediverse reply) links to its original.
alter table blog_comments add column origin_url text;
create unique index blog_comments_origin on blog_comments(workspace_id, origin_url) where origin_url is not null;

-- The installation's own actor, which signs fetches of remote documents for servers in "secure mode".
create table ap_instance_key (
    id                  integer primary key check (id = 1),
    public_pem          text not null,
    private_pem         text not null,
    created_at          timestamptz not null default now()
);
