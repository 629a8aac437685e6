-- The blog's second round: threaded reader replies and the commenter's own deletion, static pages, author profiles,
-- uploaded images, links to the organisation's profiles, and full-text search over posts and pages.

-- A comment remembers the consent given with it, so the commenter's signed link can withdraw exactly that consent;
-- a comment its author deleted keeps its row (and place in a thread) without name, address or text.
alter table blog_comments add column consent_id uuid;
alter table blog_comments add column deleted_at timestamptz;
alter table blog_comments drop constraint blog_comments_status_check;
alter table blog_comments add constraint blog_comments_status_check
    check (status in ('pending', 'approved', 'rejected', 'deleted'));
create index blog_comments_parent on blog_comments(parent_id) where parent_id is not null;
create index blog_comments_recent on blog_comments(workspace_id, approved_at desc) where status = 'approved';

-- Posts and pages are searchable in German and English, like the inbox, titles weighing more. An expression index
-- rather than a stored column, so reading a post or page never carries its search vector along.
create function blog_search_vector(title text, body text) returns tsvector language sql immutable parallel safe as $$
    select setweight(to_tsvector('german'::regconfig, left(title, 1000)), 'A')
        || setweight(to_tsvector('english'::regconfig, left(title, 1000)), 'A')
        || to_tsvector('german'::regconfig, left(body, 200000))
        || to_tsvector('english'::regconfig, left(body, 200000))
$$;
create index blog_posts_search on blog_posts using gin (blog_search_vector(title, markdown)) where status = 'published';

-- Static pages of a blog (about, privacy, imprint), in Markdown, draft or published, in the theme's navigation by
-- position. At most one page per workspace is its privacy policy, which the consent texts link to.
create table blog_pages (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    title               text not null,
    slug                text not null,
    markdown            text not null,
    html                text not null,
    excerpt             text not null default '',
    status              text not null check (status in ('draft', 'published')),
    position            integer not null default 0,
    privacy             boolean not null default false,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    unique (workspace_id, slug)
);
create unique index blog_pages_privacy on blog_pages(workspace_id) where privacy;
create index blog_pages_search on blog_pages using gin (blog_search_vector(title, markdown)) where status = 'published';

-- A team member's public profile as an author of the blog.
create table blog_authors (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    user_id             uuid not null references users(id) on delete cascade,
    slug                text not null,
    display_name        text not null,
    bio                 text not null default '',
    photo_url           text not null default '',
    website             text not null default '',
    mastodon            text not null default '',
    updated_at          timestamptz not null default now(),
    primary key (workspace_id, user_id),
    unique (workspace_id, slug)
);

-- Images uploaded for posts and author photos; the bytes are files under the data directory.
create table blog_media (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    file_name           text not null,
    content_type        text not null,
    size_bytes          bigint not null,
    uploaded_by         uuid references users(id) on delete set null,
    created_at          timestamptz not null default now()
);
create index blog_media_workspace on blog_media(workspace_id, created_at desc);

-- Links to the organisation's profiles elsewhere (Mastodon, LinkedIn, …), one "Name URL" per line.
alter table blog_settings add column profile_links text not null default '';
