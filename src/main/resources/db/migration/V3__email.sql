-- How far each mailbox has been read: IMAP UIDs only grow within one UIDVALIDITY of one folder, so
-- (folder, uid_validity, last_uid) says exactly which mails are new. A different folder or UIDVALIDITY starts over.
create table email_cursors (
    channel_id      uuid primary key references channels(id) on delete cascade,
    folder          text not null,
    uid_validity    bigint not null,
    last_uid        bigint not null,
    updated_at      timestamptz not null default now()
);
