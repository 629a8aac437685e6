-- Authenticity: the storm early warning. Per channel a threshold, the learnt normal rates (one row per channel, the
-- 168 hour-of-week slots of three series), five-minute buckets of inbound messages, the recent messages the windows
-- are counted from (kept two days), the contacts seen on a channel (to know a new author) and the alerts. Only ids
-- of contacts are kept, and they go with the contact when it is erased.
create table storm_settings (
    channel_id          uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    sensitivity         text not null default 'normal' check (sensitivity in ('low', 'normal', 'high')),
    min_authors         int not null default 4 check (min_authors between 2 and 500),
    updated_by          uuid,
    updated_at          timestamptz not null default now()
);
create index storm_settings_workspace on storm_settings(workspace_id);

create table storm_baselines (
    channel_id          uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    rates               double precision[] not null,
    learnt              int[] not null,
    closed_through      bigint not null,
    last_signal_at      timestamptz,
    updated_at          timestamptz not null default now()
);
create index storm_baselines_workspace on storm_baselines(workspace_id);

create table storm_buckets (
    channel_id          uuid not null,
    bucket_start        timestamptz not null,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    messages            int not null default 0,
    negative            int not null default 0,
    new_authors         int not null default 0,
    primary key (channel_id, bucket_start)
);
create index storm_buckets_workspace on storm_buckets(workspace_id, bucket_start);

create table storm_recent (
    message_id          uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    channel_id          uuid not null,
    conversation_id     uuid not null,
    contact_id          uuid not null references contacts(id) on delete cascade,
    at                  timestamptz not null,
    negative            boolean not null,
    new_author          boolean not null
);
create index storm_recent_channel on storm_recent(channel_id, at);
create index storm_recent_contact on storm_recent(contact_id);

create table storm_seen_contacts (
    channel_id          uuid not null,
    contact_id          uuid not null references contacts(id) on delete cascade,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    first_seen          timestamptz not null,
    primary key (channel_id, contact_id)
);
create index storm_seen_contacts_contact on storm_seen_contacts(contact_id);

create table storm_alerts (
    id                  uuid primary key,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    channel_id          uuid not null,
    started_at          timestamptz not null,
    raised_at           timestamptz not null,
    last_signal_at      timestamptz not null,
    messages            int not null,
    negative            int not null,
    negative_authors    int not null,
    new_authors         int not null,
    expected            double precision not null,
    negative_share      double precision not null,
    growth              double precision not null,
    p_value             double precision not null,
    sample_message_ids  uuid[] not null,
    conversation_ids    uuid[] not null,
    acknowledged_by     uuid,
    acknowledged_at     timestamptz,
    mailed_to           text[] not null default '{}'
);
create index storm_alerts_workspace on storm_alerts(workspace_id, raised_at desc);
create index storm_alerts_open on storm_alerts(channel_id) where acknowledged_at is null;
