-- Unread state per member. A conversation is unread for a member when a message from the contact arrived after the
-- member last opened it, or when the member marked it unread again (read_at null). Without a row, a conversation
-- with any message from the contact is unread.
alter table conversations add column last_inbound_at timestamptz;

update conversations c set last_inbound_at = m.at
from (select conversation_id, max(received_at) as at from messages
      where direction = 'in' and kind = 'message' group by conversation_id) m
where m.conversation_id = c.id;

create table inbox_reads (
    conversation_id     uuid not null references conversations(id) on delete cascade,
    member_id           uuid not null references users(id) on delete cascade,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    read_at             timestamptz,
    primary key (conversation_id, member_id)
);
create index inbox_reads_member on inbox_reads(member_id);
