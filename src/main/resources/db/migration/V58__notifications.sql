-- What a member is told about: a conversation given to them, a note that mentions them, a new message in a
-- conversation that is theirs, an answer that is about to be late. The text is not copied: a notification points
-- at the conversation and the message, so erasing or expiring those takes the notification with them.
create table notifications (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    member_id           uuid not null references users(id) on delete cascade,
    kind                text not null check (kind in ('assigned', 'mentioned', 'message', 'deadline')),
    conversation_id     uuid not null references conversations(id) on delete cascade,
    message_id          uuid references messages(id) on delete cascade,
    actor_id            uuid references users(id) on delete set null,
    -- several new messages in one conversation make one notification until it is read
    count               int not null default 1,
    -- the waiting period a deadline notice is about: one notice per period
    waiting_since       timestamptz,
    created_at          timestamptz not null,
    read_at             timestamptz
);
create index notifications_member on notifications(member_id, workspace_id, created_at desc);
create index notifications_unread on notifications(member_id, workspace_id) where read_at is null;
create unique index notifications_one_deadline on notifications(member_id, conversation_id, waiting_since)
    where kind = 'deadline';

-- Each member's choices: a daily digest mail, and the day it was last sent.
create table notification_settings (
    member_id           uuid not null references users(id) on delete cascade,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    digest              boolean not null default false,
    digest_sent_on      date,
    primary key (member_id, workspace_id)
);
