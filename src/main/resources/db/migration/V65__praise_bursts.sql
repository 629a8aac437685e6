-- Bursts of praise from new or look-alike accounts: each positive message a person sent (triaged as praise or with a
-- positive sentiment), by channel and time, so that many of them within minutes from new or look-alike contacts are
-- found even when their texts are too short or too different to be near-duplicates. No text is kept; a row goes with
-- its message (retention, erasure) and with its contact.
create table authenticity_praise (
    message_id      uuid primary key references messages(id) on delete cascade,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    channel_id      uuid not null,
    conversation_id uuid not null,
    contact_id      uuid not null references contacts(id) on delete cascade,
    at              timestamptz not null
);
create index authenticity_praise_at on authenticity_praise (workspace_id, at);
