-- When the first attempt to send an answer as a Bluesky direct message started. chat.bsky.convo.sendMessage has no
-- key to repeat a message by: an attempt after one whose answer was lost first looks through the conversation's newest
-- messages for the account's message with the same text sent since then, and takes it instead of sending twice.
create table bluesky_chat_sends (
    message_id uuid primary key,
    channel_id uuid not null references channels(id) on delete cascade,
    started_at timestamptz not null default now()
);

-- The messages of a Telegram discussion group that is a forum which are known to be in the comment thread under a
-- channel post. In a forum a comment is in the General topic, for which Telegram names no message_thread_id, so an
-- answer to a comment names only the comment; this tells the thread's root (the post's automatic forward, a thread of
-- telegram_post_threads).
create table telegram_thread_messages (
    channel_id uuid not null references channels(id) on delete cascade,
    chat_id bigint not null,
    message_id bigint not null,
    root_id bigint not null,
    seen_at timestamptz not null default now(),
    primary key (channel_id, chat_id, message_id)
);
