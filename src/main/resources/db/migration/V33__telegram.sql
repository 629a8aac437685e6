-- What the Telegram connector keeps per connected bot: which bot the token belongs to (its username tells when a
-- group message addresses it), how far its updates were read (the getUpdates offset, the next update wanted), the
-- webhook Rapport registered for it with the secret Telegram echoes (sealed like every credential), and the bot's
-- health as Telegram last showed it. The last error says whether receiving or sending met it, so that a message
-- read well does not wipe out that a person blocked the bot, nor a message sent well that reading fails.
create table telegram_bots (
    channel_id          uuid primary key references channels(id) on delete cascade,
    bot_id              bigint not null,
    username            text not null,
    update_offset       bigint,
    offset_moved_at     timestamptz,
    webhook_url         text,
    webhook_secret      text,
    last_received_at    timestamptz,
    rate_limited_until  timestamptz,
    connected           boolean not null default true,
    last_error          text not null default '',
    last_error_in       text not null default ''
);
