-- The posts each channel's account published on its network, and when one of them first drew a comment from
-- someone else: for the share of published posts that started a conversation. Owned by channels.
create table channel_posts (
    channel_id uuid not null references channels(id) on delete cascade,
    workspace_id uuid not null,
    external_id text not null,
    url text,
    excerpt text not null default '',
    -- null while the post is known only from a comment on it, before the account's posts were read
    published_at timestamptz,
    first_comment_at timestamptz,
    primary key (channel_id, external_id)
);

create index channel_posts_published on channel_posts (workspace_id, published_at) where published_at is not null;

-- Where reading each channel's own posts stands.
create table channel_post_reads (
    channel_id uuid primary key references channels(id) on delete cascade,
    last_read_at timestamptz,
    -- the newest post of the last read that went back as far as it should; the next read stops there
    read_until timestamptz,
    not_before timestamptz,
    last_error text not null default ''
);
