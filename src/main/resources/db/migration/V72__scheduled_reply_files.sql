-- The files of a planned reply, kept with it until it leaves (then they become the sent message's attachments) or
-- is taken back (then they are gone with it).
create table scheduled_reply_files (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    scheduled_reply_id  uuid not null references scheduled_replies(id) on delete cascade,
    position            int not null,
    file_name           text not null,
    content_type        text not null,
    size_bytes          bigint not null,
    content             bytea not null
);
create index scheduled_reply_files_reply on scheduled_reply_files(scheduled_reply_id, position);
