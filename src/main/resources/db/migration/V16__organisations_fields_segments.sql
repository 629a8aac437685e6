-- Organisations with contacts in roles, custom fields on contacts, and saved segments of contacts.

create table organisations (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    name            text not null,
    kind            text not null check (kind in ('partner', 'company', 'authority', 'press', 'association',
                                                  'education', 'other')),
    website         text not null default '',
    notes           text not null default '',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index organisations_workspace_name on organisations(workspace_id, lower(name));

-- A contact's role in an organisation. While a merge lasts, the absorbed contact's role in an organisation where
-- the survivor has its own is kept with the survivor but "held for" the absorbed contact's id, to go back on undo.
create table organisation_members (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    organisation_id uuid not null references organisations(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    role            text not null default '',
    since           date,
    until           date,
    held_for        uuid,
    created_at      timestamptz not null default now()
);
create unique index organisation_members_one_role on organisation_members(organisation_id, contact_id) where held_for is null;
create index organisation_members_contact on organisation_members(contact_id);

-- Fields the workspace defines for its contacts.
create table custom_fields (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    key             text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label           text not null,
    type            text not null check (type in ('text', 'number', 'date', 'choice')),
    options         text[] not null default '{}',
    created_at      timestamptz not null default now(),
    unique (workspace_id, key)
);

-- One value per contact and field, in its normal form (numbers as plain decimals, dates as YYYY-MM-DD).
-- "held_for" as for organisation_members: the absorbed contact's value where the survivor had its own.
create table contact_field_values (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    field_id        uuid not null references custom_fields(id) on delete cascade,
    value           text not null,
    held_for        uuid
);
create unique index contact_field_values_one on contact_field_values(contact_id, field_id) where held_for is null;
create index contact_field_values_field on contact_field_values(field_id, value);

-- A named filter over contacts, usable in the contact list and the inbox.
create table segments (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    name            text not null,
    filter          jsonb not null,
    created_by      uuid references users(id) on delete set null,
    created_at      timestamptz not null default now()
);
create unique index segments_workspace_name on segments(workspace_id, lower(name));
