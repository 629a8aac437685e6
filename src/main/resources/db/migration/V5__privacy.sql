-- Data protection: who withdrew a consent, the installation's secrets, erasure blocks, retention rules, and the
-- anonymised statistics that remain of erased conversations.

alter table consents add column withdrawn_by text check (withdrawn_by in ('staff', 'person'));
alter table consents add constraint consents_lawful_basis check (lawful_basis in
    ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interest'));

-- Random secrets of this installation, generated on first use (HMAC key for withdrawal links, salt for blocks).
create table installation_secrets (
    name            text primary key,
    secret          bytea not null,
    created_at      timestamptz not null default now()
);

-- Identifiers of erased people who asked not to be recreated: only a salted hash (HMAC-SHA256) of kind:value.
create table erasure_blocks (
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    identifier_hash text not null,
    created_at      timestamptz not null default now(),
    primary key (workspace_id, identifier_hash)
);

-- How long a workspace keeps contacts and closed conversations; null means forever.
create table retention_rules (
    workspace_id                uuid primary key references workspaces(id) on delete cascade,
    inactive_contact_months     integer check (inactive_contact_months between 1 and 1200),
    closed_conversation_months  integer check (closed_conversation_months between 1 and 1200),
    updated_at                  timestamptz not null default now(),
    last_run_at                 timestamptz,
    last_run_contacts           integer,
    last_run_conversations      integer
);

-- What remains of a conversation after erasure or retention: counts and timers, no person, subject or text.
create table conversation_statistics (
    id                              uuid primary key,
    workspace_id                    uuid not null references workspaces(id) on delete cascade,
    channel_kind                    text not null,
    status                          text not null,
    message_count                   integer not null,
    created_at                      timestamptz not null,
    last_message_at                 timestamptz not null,
    first_response_business_seconds bigint,
    resolution_business_seconds     bigint,
    resolved_at                     timestamptz,
    removed_at                      timestamptz not null default now(),
    reason                          text not null check (reason in ('erasure', 'retention'))
);
create index conversation_statistics_workspace on conversation_statistics(workspace_id, created_at);
