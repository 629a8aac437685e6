-- What the Bluesky connector keeps. A session per account on its PDS (service and the handle as entered): the
-- access and refresh tokens of com.atproto.server.createSession, sealed like every credential, refreshed with
-- com.atproto.server.refreshSession when the access token expires, so that Rapport logs in once and not per call
-- (a PDS allows a few dozen logins a day). The password digest tells whether an edited channel still has the same
-- app password, so saving it again needs no new login.
create table bluesky_sessions (
    service             text not null,
    identifier          text not null,
    did                 text not null,
    handle              text not null,
    access_jwt          text not null,
    refresh_jwt         text not null,
    refresh_expires_at  timestamptz,
    password_digest     text not null,
    valid               boolean not null default true,
    logged_in_at        timestamptz not null default now(),
    refreshed_at        timestamptz,
    primary key (service, identifier)
);

-- Per channel: whose account it is, how far its notifications were read (the newest indexedAt taken in), and its
-- health as the PDS last showed it.
create table bluesky_accounts (
    channel_id          uuid primary key references channels(id) on delete cascade,
    did                 text not null,
    handle              text not null,
    seen_at             text,
    last_received_at    timestamptz,
    rate_limited_until  timestamptz,
    connected           boolean not null default true,
    last_error          text not null default ''
);

-- The record key chosen for a reply before its first attempt, so that an attempt repeated after a lost answer
-- finds the post it made instead of posting twice.
create table bluesky_posts (
    message_id          uuid primary key,
    channel_id          uuid not null references channels(id) on delete cascade,
    rkey                text not null,
    uri                 text
);
