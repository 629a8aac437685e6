-- What the Mastodon connector keeps per connected account: who the account is, how far its notifications were
-- read (the cursor), and its health as the network last showed it.
create table mastodon_accounts (
    channel_id            uuid primary key references channels(id) on delete cascade,
    account_id            text not null,
    acct                  text not null,
    last_notification_id  text,
    last_received_at      timestamptz,
    rate_limited_until    timestamptz,
    connected             boolean not null default true,
    last_error            text not null default ''
);
