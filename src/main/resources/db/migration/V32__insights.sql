-- Inbox: whether a machine sent a message (auto-reply, bounce, bot), and every time a conversation was marked done
-- or taken up again, so that response and resolution figures can be rebuilt from what is stored.
alter table messages add column automated boolean not null default false;

create table conversation_status_log (
    seq                 bigint generated always as identity primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    conversation_id     uuid not null references conversations(id) on delete cascade,
    done                boolean not null,
    member_id           uuid references users(id) on delete set null,
    at                  timestamptz not null
);
create index conversation_status_log_conversation on conversation_status_log(conversation_id, at);
create index conversation_status_log_workspace on conversation_status_log(workspace_id);

insert into conversation_status_log(workspace_id, conversation_id, done, at)
select workspace_id, id, true, resolved_at from conversations where status = 'done' and resolved_at is not null;

-- Insights: one row per opening of a conversation (its start, or its reopening by a new message after it was
-- done), with the times that the dialogue figures are made of. Kept current from the inbox's events; rebuilt
-- from the inbox's history on demand.
create table insight_openings (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    conversation_id     uuid not null references conversations(id) on delete cascade,
    seq                 integer not null,
    channel_id          uuid not null,
    contact_id          uuid,
    opened_at           timestamptz not null,
    needs_answer        boolean not null,
    waiting_since       timestamptz,
    answered_at         timestamptz,
    answered_by         uuid,
    first_response_seconds          bigint,
    first_response_business_seconds bigint,
    resolved_at         timestamptz,
    resolution_seconds  bigint,
    resolution_business_seconds bigint,
    inbound             integer not null,
    replies             integer not null,
    turns               integer not null,
    primary key (conversation_id, seq)
);
create index insight_openings_period on insight_openings(workspace_id, opened_at);
