-- What the YouTube connector keeps per channel: whose YouTube channel it is, the access token of the Google sign-in
-- and when it expires (sealed like every credential), a refresh token Google handed out in place of the one entered
-- (sealed; Google usually answers a refresh without one, and then the entered one stays in use), the digest of the
-- entered credentials it belongs to (new ones entered on reconnecting replace both), when the sign-in ends if Google
-- says (refresh_token_expires_in, for time-based access), how far comments were read (the newest publishedAt taken
-- in) and the channel's health as Google last showed it.
create table youtube_accounts (
    channel_id          uuid primary key references channels(id) on delete cascade,
    youtube_channel_id  text not null,
    title               text not null default '',
    access_token        text,
    access_expires_at   timestamptz,
    refresh_token       text,
    entered_digest      text not null,
    refresh_expires_at  timestamptz,
    read_until          timestamptz,
    last_received_at    timestamptz,
    rate_limited_until  timestamptz,
    connected           boolean not null default true,
    last_error          text not null default ''
);

-- How many replies of each comment thread were taken in, so that comments.list is asked only for threads that have
-- more replies than their commentThreads entry shows and than were taken in before.
create table youtube_threads (
    channel_id          uuid not null references channels(id) on delete cascade,
    thread_id           text not null,
    replies_taken       integer not null default 0,
    primary key (channel_id, thread_id)
);

-- The titles of the videos comments are about, asked once with videos.list.
create table youtube_videos (
    video_id            text primary key,
    title               text not null
);

-- Quota units of the YouTube Data API spent per Google Cloud project (its OAuth client id) and Pacific day: the
-- quota belongs to the project and resets at midnight Pacific Time.
create table youtube_quota (
    client_id           text not null,
    day                 date not null,
    units               integer not null default 0,
    primary key (client_id, day)
);
