-- Replies written now to leave later ("send later"). They are not messages until they leave: nothing counts or
-- shows them as sent before then. A reply that could not leave keeps its text and says why.
create table scheduled_replies (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    conversation_id     uuid not null references conversations(id) on delete cascade,
    author_id           uuid not null references users(id) on delete cascade,
    body                text not null,
    send_at             timestamptz not null,
    created_at          timestamptz not null default now(),
    error               text
);
create index scheduled_replies_conversation on scheduled_replies(conversation_id, send_at);
