-- The organisation's own blog: posts written in Markdown, their categories and tags, reader comments and the
-- team's answers to them, and each workspace's blog settings.
create table blog_settings (
    workspace_id        uuid primary key references workspaces(id) on delete cascade,
    title               text not null default '',
    description         text not null default '',
    language            text not null default 'de' check (language in ('de', 'en')),
    consent_text        text not null,
    consent_version     integer not null default 1
);

create table blog_posts (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    author_id           uuid references users(id) on delete set null,
    author_name         text not null,
    title               text not null,
    slug                text not null,
    markdown            text not null,
    html                text not null,
    excerpt             text not null default '',
    reading_minutes     integer not null default 1,
    status              text not null check (status in ('draft', 'published', 'scheduled')),
    publish_at          timestamptz,
    published_at        timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    unique (workspace_id, slug),
    check (status <> 'scheduled' or publish_at is not null)
);
create index blog_posts_public on blog_posts(workspace_id, published_at desc) where status = 'published';
create index blog_posts_due on blog_posts(publish_at) where status = 'scheduled';

-- Categories and tags of a post, with the slug used in their addresses.
create table blog_terms (
    post_id             uuid not null references blog_posts(id) on delete cascade,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    kind                text not null check (kind in ('category', 'tag')),
    slug                text not null,
    name                text not null,
    primary key (post_id, kind, slug)
);
create index blog_terms_lookup on blog_terms(workspace_id, kind, slug);

-- A reader's comment (from_team false: it came in through the blog-comments channel and is a message of an inbox
-- conversation) or the team's answer to one (from_team true: written in the inbox as that conversation's reply).
create table blog_comments (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    post_id             uuid not null references blog_posts(id) on delete cascade,
    parent_id           uuid references blog_comments(id) on delete cascade,
    conversation_id     uuid references conversations(id) on delete set null,
    contact_id          uuid references contacts(id) on delete cascade,
    from_team           boolean not null default false,
    author_name         text not null,
    website             text not null default '',
    body_text           text not null,
    body_html           text not null,
    status              text not null check (status in ('pending', 'approved', 'rejected')),
    reply_message_id    uuid unique,
    created_at          timestamptz not null default now(),
    approved_at         timestamptz
);
create index blog_comments_post on blog_comments(post_id, created_at);
create index blog_comments_pending on blog_comments(workspace_id, created_at) where status = 'pending';
create index blog_comments_conversation on blog_comments(conversation_id);
create index blog_comments_contact on blog_comments(contact_id) where status = 'approved';

-- Workspaces made before the blog existed get its comment channel too; new ones get it from Channels.
insert into channels(id, workspace_id, key, kind, name)
select gen_random_uuid(), w.id, 'blog-comments', 'blogcomment', 'Blog-Kommentare' from workspaces w
on conflict (workspace_id, key) do nothing;
