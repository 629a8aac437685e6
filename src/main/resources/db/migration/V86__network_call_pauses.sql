-- Pauses a network asked for that hold for one kind of call of one account (Mastodon's media uploads, Telegram's
-- sending), not for the whole account: while uploads wait, the account is still read.
create table network_call_pauses (
    channel_id  uuid not null references channels(id) on delete cascade,
    calls       text not null,
    until       timestamptz not null,
    primary key (channel_id, calls)
);
