-- Insights: links with a short Rapport address that count clicks per day — without cookies and without storing
-- who clicked or from where — and carry UTM parameters for the organisation's own web analytics.
create table insight_links (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    code                text not null unique,
    url                 text not null,
    target              text not null,
    channel_id          uuid,
    campaign            text not null default '',
    created_at          timestamptz not null default now()
);
create index insight_links_workspace on insight_links(workspace_id, created_at);

create table insight_link_clicks (
    link_id             uuid not null references insight_links(id) on delete cascade,
    day                 date not null,
    clicks              bigint not null,
    primary key (link_id, day)
);
