-- Authenticity: the storm early warning per topic as well as per channel. A stream is a channel (its inbound messages)
-- or a topic (a listening monitor's hits): the threshold, the learnt rates, the buckets and the alerts name exactly
-- one of channel_id and monitor_id. Existing rows are channels' and stay as they are. A topic's recent hits and the
-- authors seen on it have tables of their own, since hits are no inbox messages and their authors no contacts: an
-- author is kept only as a key derived from the handle.
alter table storm_settings drop constraint storm_settings_pkey;
alter table storm_settings alter column channel_id drop not null;
alter table storm_settings add column monitor_id uuid;
alter table storm_settings add constraint storm_settings_channel unique (channel_id);
alter table storm_settings add constraint storm_settings_monitor unique (monitor_id);
alter table storm_settings add constraint storm_settings_stream check (num_nonnulls(channel_id, monitor_id) = 1);

alter table storm_baselines drop constraint storm_baselines_pkey;
alter table storm_baselines alter column channel_id drop not null;
alter table storm_baselines add column monitor_id uuid;
alter table storm_baselines add constraint storm_baselines_channel unique (channel_id);
alter table storm_baselines add constraint storm_baselines_monitor unique (monitor_id);
alter table storm_baselines add constraint storm_baselines_stream check (num_nonnulls(channel_id, monitor_id) = 1);

alter table storm_buckets drop constraint storm_buckets_pkey;
alter table storm_buckets alter column channel_id drop not null;
alter table storm_buckets add column monitor_id uuid;
alter table storm_buckets add constraint storm_buckets_channel unique (channel_id, bucket_start);
alter table storm_buckets add constraint storm_buckets_monitor unique (monitor_id, bucket_start);
alter table storm_buckets add constraint storm_buckets_stream check (num_nonnulls(channel_id, monitor_id) = 1);

alter table storm_alerts alter column channel_id drop not null;
alter table storm_alerts add column monitor_id uuid;
alter table storm_alerts add constraint storm_alerts_stream check (num_nonnulls(channel_id, monitor_id) = 1);
create index storm_alerts_open_topic on storm_alerts(monitor_id) where acknowledged_at is null and monitor_id is not null;
create index storm_alerts_topic on storm_alerts(monitor_id, last_signal_at) where monitor_id is not null;

create table storm_topic_recent (
    monitor_id          uuid not null,
    hit_id              uuid not null,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    author_key          uuid not null,
    at                  timestamptz not null,
    negative            boolean not null,
    new_author          boolean not null,
    primary key (monitor_id, hit_id)
);
create index storm_topic_recent_at on storm_topic_recent(monitor_id, at);

create table storm_topic_authors (
    monitor_id          uuid not null,
    author_key          uuid not null,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    first_seen          timestamptz not null,
    primary key (monitor_id, author_key)
);
