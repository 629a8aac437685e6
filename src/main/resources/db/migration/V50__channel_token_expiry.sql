-- Notices that a channel's credentials run out soon: one row per channel, known expiry and notice (14 or 1 days
-- before), so each is mailed once however often the check runs; the addresses already mailed are kept for a retry.
create table channel_expiry_notices (
    channel_id  uuid        not null references channels (id) on delete cascade,
    expires_at  timestamptz not null,
    days_before integer     not null check (days_before in (1, 14)),
    noticed_at  timestamptz not null default now(),
    mailed_to   text[]      not null default '{}',
    primary key (channel_id, expires_at, days_before)
);
