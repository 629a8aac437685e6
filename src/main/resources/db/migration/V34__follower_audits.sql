-- Follower audits: the followers of a connected account (read page by page in the background) or of a CSV of
-- profiles, each judged bought or genuine. An audit keeps where reading stopped (cursor, step), so that a restart
-- or a pause the network asks for continues there; its figures (followers, bought) grow with each stored page.
create table authenticity_audits (
    id            uuid primary key,
    workspace_id  uuid not null references workspaces(id) on delete cascade,
    channel_id    uuid references channels(id) on delete set null,
    source        text not null check (source in ('channel', 'csv')),
    account       text not null,
    network       text,
    status        text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
    cursor        text,
    step          integer not null default 0,
    attempts      integer not null default 0,
    total         bigint,
    followers     integer not null default 0,
    bought        integer not null default 0,
    paused_until  timestamptz,
    error         text,
    created_by    uuid,
    created_at    timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz
);

create index authenticity_audits_by_workspace on authenticity_audits (workspace_id, created_at desc);
create index authenticity_audits_by_channel on authenticity_audits (channel_id, created_at desc) where channel_id is not null;

-- One follower of an audit, once however often it was read (the key is its id on its network), with the verdict
-- and the reasons given when it was judged, in English and German.
create table authenticity_audit_items (
    audit_id       uuid not null references authenticity_audits(id) on delete cascade,
    item_key       text not null,
    judgement_key  text not null,
    handle         text,
    profile        text not null,
    bought         double precision not null,
    verdict        text not null check (verdict in ('bought', 'genuine')),
    reasons_en     text not null,
    reasons_de     text not null,
    created_day    date,
    bot            boolean,
    primary key (audit_id, item_key)
);

create index authenticity_audit_items_by_score on authenticity_audit_items (audit_id, bought desc, item_key);
create index authenticity_audit_items_by_day on authenticity_audit_items (audit_id, created_day);
