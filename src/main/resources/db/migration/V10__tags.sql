-- Free-form, lower-case tags on contacts, per workspace.
create table contact_tags (
    id              uuid primary key default gen_random_uuid(),
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    tag             text not null,
    created_at      timestamptz not null default now(),
    unique (contact_id, tag)
);
create index contact_tags_workspace_tag on contact_tags(workspace_id, tag);
