-- Contacts and their identities, channels, conversations and messages.
create table contacts (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    name            text not null,
    note            text not null default '',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index contacts_workspace_name on contacts(workspace_id, lower(name));

-- One row per way of reaching a person: (kind, value) is unique in a workspace and resolves to one contact.
create table identities (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    kind            text not null,
    value           text not null,
    created_at      timestamptz not null default now(),
    unique (workspace_id, kind, value)
);
create index identities_contact on identities(contact_id);

create table channels (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    key             text not null,
    kind            text not null,
    name            text not null,
    config          jsonb not null default '{}',
    enabled         boolean not null default true,
    state           text not null default '',
    created_at      timestamptz not null default now(),
    unique (workspace_id, key)
);

create table conversations (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    channel_id          uuid not null references channels(id) on delete cascade,
    contact_id          uuid not null references contacts(id) on delete cascade,
    thread_key          text not null,
    subject             text not null default '',
    status              text not null default 'open' check (status in ('open','pending','snoozed','done')),
    assignee_id         uuid references users(id) on delete set null,
    snoozed_until       timestamptz,
    labels              text[] not null default '{}',
    message_count       integer not null default 0,
    preview             text not null default '',
    created_at          timestamptz not null default now(),
    last_message_at     timestamptz not null,
    waiting_since       timestamptz,
    first_response_at   timestamptz,
    first_response_business_seconds bigint,
    resolved_at         timestamptz,
    resolution_business_seconds bigint,
    unique (channel_id, thread_key)
);
create index conversations_list on conversations(workspace_id, last_message_at desc, id desc);
create index conversations_status on conversations(workspace_id, status, last_message_at desc, id desc);
create index conversations_contact on conversations(contact_id);
create index conversations_labels on conversations using gin(labels);

create table messages (
    id                  uuid primary key,
    seq                 bigint generated always as identity,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    conversation_id     uuid not null references conversations(id) on delete cascade,
    channel_id          uuid not null references channels(id) on delete cascade,
    external_id         text not null,
    direction           text not null check (direction in ('in','out')),
    kind                text not null check (kind in ('message','reply','note','activity')),
    activity_kind       text check (activity_kind in ('call','visit','letter','event','note')),
    author_id           uuid references users(id) on delete set null,
    sender_handle       text not null default '',
    sender_name         text not null default '',
    subject             text not null default '',
    body_html           text not null,
    body_text           text not null,
    headers             jsonb,
    delivery            text not null default 'none' check (delivery in ('none','queued','sent','failed','logged','quarantined')),
    delivery_error      text,
    sent_at             timestamptz not null,
    received_at         timestamptz not null default now(),
    search              tsvector generated always as (
                            to_tsvector('german', left(subject || ' ' || body_text, 100000))
                            || to_tsvector('english', left(subject || ' ' || body_text, 100000))) stored,
    unique (channel_id, external_id)
);
create index messages_conversation on messages(conversation_id, sent_at, seq);
create index messages_search on messages using gin(search);

create table attachments (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    message_id          uuid not null references messages(id) on delete cascade,
    file_name           text not null,
    content_type        text not null,
    size_bytes          bigint not null,
    content             bytea not null
);
create index attachments_message on attachments(message_id);

-- Messages a connector could not take apart (broken MIME, oversized), kept for a person to look at.
create table quarantine (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    channel_id          uuid references channels(id) on delete cascade,
    external_id         text,
    reason              text not null,
    raw                 bytea,
    received_at         timestamptz not null default now()
);

-- Who looks at which conversation right now, for the collision warning.
create table conversation_viewers (
    conversation_id     uuid not null references conversations(id) on delete cascade,
    user_id             uuid not null references users(id) on delete cascade,
    seen_at             timestamptz not null,
    composing           boolean not null default false,
    primary key (conversation_id, user_id)
);

create table canned_replies (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    shortcut            text not null,
    title               text not null,
    body                text not null,
    unique (workspace_id, shortcut)
);

create table consents (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    contact_id          uuid not null references contacts(id) on delete cascade,
    purpose             text not null,
    lawful_basis        text not null default 'consent',
    source              text not null,
    text_version        integer not null,
    text_shown          text not null,
    ip_masked           text,
    given_at            timestamptz not null default now(),
    withdrawn_at        timestamptz
);
create index consents_contact on consents(contact_id);

create table form_settings (
    workspace_id        uuid primary key references workspaces(id) on delete cascade,
    consent_text        text not null,
    consent_version     integer not null default 1,
    success_text        text not null default ''
);
