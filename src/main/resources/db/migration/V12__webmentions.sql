-- Webmentions (W3C) received for blog posts: verified asynchronously, shown under the post once verified.
create table webmentions (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    post_id         uuid not null references blog_posts(id) on delete cascade,
    source          text not null,
    target          text not null,
    status          text not null check (status in ('pending', 'verified', 'rejected')),
    title           text not null default '',
    excerpt         text not null default '',
    reason          text not null default '',
    received_at     timestamptz not null default now(),
    verified_at     timestamptz,
    unique (post_id, source)
);
