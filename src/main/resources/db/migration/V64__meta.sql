-- What the Facebook Pages and Instagram connectors keep per connected channel: which token it was (a fingerprint, so
-- that a new token starts afresh), when that token expires (as the Graph API's debug_token tells, checked every
-- hour) and the account's health as the Graph API last showed it; and the posts people comment on, read once each,
-- whose text heads the conversation about them.
create table meta_accounts (
    channel_id          uuid primary key references channels(id) on delete cascade,
    token_fingerprint   text not null default '',
    token_expires_at    timestamptz,
    token_checked_at    timestamptz,
    last_received_at    timestamptz,
    rate_limited_until  timestamptz,
    connected           boolean not null default true,
    last_error          text not null default ''
);

create table meta_posts (
    channel_id  uuid not null references channels(id) on delete cascade,
    post_id     text not null,
    text        text not null,
    permalink   text not null default '',
    primary key (channel_id, post_id)
);

-- When the person of a direct-message conversation last wrote: Meta lets a page answer only within 24 hours of it.
create table meta_message_windows (
    channel_id       uuid not null references channels(id) on delete cascade,
    conversation_id  uuid not null,
    last_in_at       timestamptz not null,
    primary key (channel_id, conversation_id)
);
