-- Authenticity: the team's judgements of accounts (bought or genuine) and of comments (spam or ham), and the model
-- each workspace learned from them. A judgement is kept as the record it was made on, so that a later version of the
-- features can learn from it again; judging the same account or comment again replaces the earlier judgement.
create table authenticity_profile_labels (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    profile_key  text not null,
    profile      jsonb not null,
    label        text not null check (label in ('bought', 'genuine')),
    labelled_by  uuid,
    labelled_at  timestamptz not null default now(),
    primary key (workspace_id, profile_key)
);

create table authenticity_comment_labels (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    comment_key  text not null,
    text         text not null,
    label        text not null check (label in ('spam', 'ham')),
    labelled_by  uuid,
    labelled_at  timestamptz not null default now(),
    primary key (workspace_id, comment_key)
);

-- The model a workspace learned, one per kind ('profiles', 'comments'); version grows with each training, so that
-- every node notices a new model at its next request.
create table authenticity_models (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    kind         text not null check (kind in ('profiles', 'comments')),
    model        bytea not null,
    trained_on   integer not null,
    version      bigint not null,
    trained_at   timestamptz not null default now(),
    primary key (workspace_id, kind)
);
