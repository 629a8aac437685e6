-- Memberships carry an epoch that grows with every change of role, so that open sessions of the member end;
-- invitations let a person with an account elsewhere consent before joining; a person chooses where to work.
alter table memberships add column epoch int not null default 0;
alter table memberships add column joined_at timestamptz not null default now();
alter table users add column last_workspace_id uuid references workspaces(id) on delete set null;

create table invitations (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    user_id         uuid not null references users(id) on delete cascade,
    role            text not null check (role in ('owner','manager','agent','trainee','viewer')),
    invited_by      uuid references users(id) on delete set null,
    created_at      timestamptz not null default now(),
    answered_at     timestamptz,
    accepted        boolean
);
create unique index invitations_open on invitations(workspace_id, user_id) where answered_at is null;
create index invitations_user on invitations(user_id) where answered_at is null;
