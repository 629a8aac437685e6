-- Authenticity: the team's judgements of accounts (profiles: bought or genuine) and of comments (spam or ham), and
-- the model each workspace learned from them. A judgement keeps what it was made on (the profile as JSON, the
-- comment's text), so that a later version of the features can learn from it again; judging the same account or
-- comment again replaces the earlier judgement.
create table authenticity_judgements (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    kind         text not null,
    item_key     text not null,
    item         text not null,
    label        text not null,
    labelled_by  uuid,
    labelled_at  timestamptz not null default now(),
    primary key (workspace_id, kind, item_key),
    check (kind = 'profiles' and label in ('bought', 'genuine') or kind = 'comments' and label in ('spam', 'ham'))
);

-- The model a workspace learned, one per kind; version grows with each training, so that every node notices a new
-- model at its next request.
create table authenticity_models (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    kind         text not null check (kind in ('profiles', 'comments')),
    model        bytea not null,
    trained_on   integer not null,
    version      bigint not null,
    trained_at   timestamptz not null default now(),
    primary key (workspace_id, kind)
);
