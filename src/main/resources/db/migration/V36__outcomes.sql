-- Insights: what dialogue led to — enquiries, registrations, donations, applications, customers, or a workspace's
-- own kind — recorded by hand, through the API, from a CSV, or automatically (web forms, newsletter sign-ups).
create table outcomes (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    kind                text not null,
    value               numeric(14, 2),
    currency            char(3),
    occurred_at         timestamptz not null,
    contact_id          uuid references contacts(id) on delete cascade,
    source              text not null check (source in ('manual', 'api', 'import', 'automatic')),
    source_ref          text,
    note                text not null default '',
    created_by          uuid references users(id) on delete set null,
    created_at          timestamptz not null default now(),
    check ((value is null) = (currency is null))
);
create index outcomes_period on outcomes(workspace_id, occurred_at);
create index outcomes_contact on outcomes(contact_id, occurred_at);
create unique index outcomes_source_ref on outcomes(workspace_id, source, source_ref) where source_ref is not null;
create index insight_openings_contact on insight_openings(contact_id, opened_at);
