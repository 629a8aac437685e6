-- The comment threads of a Telegram discussion group that answer a post of its linked channel: the thread's root is
-- the post's automatic forward into the group (its message id), and the post is "<channel chat id>/<message id>". A
-- comment that answers another comment names only the thread; this tells which post it discusses.
create table telegram_post_threads (
    channel_id uuid not null references channels(id) on delete cascade,
    chat_id bigint not null,
    thread_id bigint not null,
    post_id text not null,
    seen_at timestamptz not null default now(),
    primary key (channel_id, chat_id, thread_id)
);
