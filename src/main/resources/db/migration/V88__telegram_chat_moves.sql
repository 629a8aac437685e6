-- A Telegram group that became a supergroup gets a new chat id (migrate_to_chat_id): the conversation with the old
-- group goes on in the new one, and answers go to the new chat.
create table telegram_chat_moves (
    channel_id uuid not null references channels(id) on delete cascade,
    from_chat bigint not null,
    to_chat bigint not null,
    moved_at timestamptz not null default now(),
    primary key (channel_id, from_chat)
);
create index telegram_chat_moves_to on telegram_chat_moves (channel_id, to_chat);
