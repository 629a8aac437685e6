-- Insights: every move of a contact between relationship stages, for the funnel; fed by StageChanged and rebuilt
-- from the contacts' history.
create table insight_stage_moves (
    id                  bigint generated always as identity primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    contact_id          uuid not null references contacts(id) on delete cascade,
    from_stage          text not null,
    to_stage            text not null,
    at                  timestamptz not null
);
create index insight_stage_moves_period on insight_stage_moves(workspace_id, at);
