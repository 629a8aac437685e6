-- What the LinkedIn connector keeps per connected organisation page: a keyed digest of the credentials entered (new
-- ones entered on reconnecting start afresh), the access token in use and the refresh token LinkedIn handed out last
-- (both sealed like every credential; a refresh that answers without a refresh token keeps the one there is), when
-- each expires (LinkedIn says so in the token answers and through token introspection), how far the page's posts
-- were read (the newest lastModifiedAt of a post whose comments were taken in) and the page's health as LinkedIn
-- last showed it.
create table linkedin_accounts (
    channel_id          uuid primary key references channels(id) on delete cascade,
    entered_digest      text not null,
    access_token        text,
    access_expires_at   timestamptz,
    refresh_token       text,
    refresh_expires_at  timestamptz,
    read_until          timestamptz,
    last_received_at    timestamptz,
    rate_limited_until  timestamptz,
    connected           boolean not null default true,
    last_error          text not null default ''
);

-- The posts people comment on, read once each: their text heads the conversation about them.
create table linkedin_posts (
    channel_id  uuid not null references channels(id) on delete cascade,
    post_urn    text not null,
    text        text not null,
    primary key (channel_id, post_urn)
);

-- Each comment read with the top-level comment it belongs to (itself, when it is one; '' for a post that mentions the
-- page): LinkedIn nests replies one level deep, so an answer goes under the top-level comment of the comment it
-- answers. The page's own comments are kept too (own), so that its replies count as read and are never answered.
create table linkedin_comments (
    channel_id   uuid not null references channels(id) on delete cascade,
    comment_urn  text not null,
    post_urn     text not null,
    top_urn      text not null,
    own          boolean not null default false,
    primary key (channel_id, comment_urn)
);
