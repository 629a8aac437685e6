-- Every correction of a conversation's triage, not only the last: who, when, and each value before and after
-- (null where the correction left it).
create table inbox_triage_corrections (
    id               uuid primary key,
    workspace_id     uuid not null references workspaces(id) on delete cascade,
    conversation_id  uuid not null references conversations(id) on delete cascade,
    member_id        uuid,
    at               timestamptz not null default now(),
    kind_from        text,
    kind_to          text,
    sentiment_from   text,
    sentiment_to     text,
    language_from    text,
    language_to      text
);
create index inbox_triage_corrections_conversation on inbox_triage_corrections(conversation_id, at desc);
