-- Linkbacks: Webmentions, Pingbacks and Trackbacks received for blog posts share one table (formerly only
-- webmentions), one verification and one display; the blog's own notifications to the pages its posts link to wait
-- in an outbox until they were delivered.
alter table webmentions rename to linkbacks;
alter table linkbacks add column kind text not null default 'webmention'
    check (kind in ('webmention', 'pingback', 'trackback'));
alter table linkbacks add column author_name text not null default '';
alter table linkbacks add column hidden boolean not null default false;
alter table linkbacks add column conversation_id uuid references conversations(id) on delete set null;
create index linkbacks_shown on linkbacks(post_id, verified_at) where status = 'verified' and not hidden;
create index linkbacks_pending on linkbacks(received_at) where status = 'pending';
create index linkbacks_workspace on linkbacks(workspace_id, received_at desc);

-- One notification per post and linked page: sent when the post is published, changed, no longer links the page,
-- or is withdrawn. linked says whether the post still links the target; attempts and last_error tell the team why
-- a notification did not arrive. Claimed by any node with FOR UPDATE SKIP LOCKED.
create table linkback_sends (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    post_id             uuid references blog_posts(id) on delete set null,
    source              text not null,
    target              text not null,
    linked              boolean not null default true,
    status              text not null check (status in ('pending', 'sent', 'no_endpoint', 'failed')),
    protocol            text not null default '' check (protocol in ('', 'webmention', 'pingback')),
    endpoint            text not null default '',
    attempts            integer not null default 0,
    last_error          text not null default '',
    response_status     integer,
    next_attempt_at     timestamptz not null default now(),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    sent_at             timestamptz,
    unique (post_id, target)
);
create index linkback_sends_source on linkback_sends(workspace_id, source);
create index linkback_sends_due on linkback_sends(next_attempt_at) where status = 'pending';
create index linkback_sends_workspace on linkback_sends(workspace_id, updated_at desc);

-- Addresses of deleted posts that were public: they answer 410 Gone, so linking sites learn that the post is gone.
-- (post_id of linkback_sends becomes null when its post is deleted: the notifications about the deletion still go.)
create table blog_deleted_posts (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    slug                text not null,
    path                text not null,
    deleted_at          timestamptz not null default now(),
    primary key (workspace_id, path)
);
create index blog_deleted_posts_slug on blog_deleted_posts(workspace_id, slug);
