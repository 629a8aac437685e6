-- One row per workspace whose public blog has changed: a counter raised in the same transaction as every change
-- that readers see on the blog (posts, comments, linkbacks, reactions, authors, pages, settings), and when it was
-- raised. Every node compares its cached pages against it, so a change made on one node reaches the others' caches.
create table blog_versions (
    workspace_id        uuid primary key references workspaces(id) on delete cascade,
    version             bigint not null default 1,
    changed_at          timestamptz not null default now()
);

-- Blogs that exist already start at version 1, so their pages get a Last-Modified date from the start.
insert into blog_versions(workspace_id) select distinct workspace_id from blog_posts;
