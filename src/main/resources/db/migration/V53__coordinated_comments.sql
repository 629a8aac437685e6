-- Coordinated comments: a MinHash signature of each message a person sent (64 values over its words and word pairs),
-- and its 16 band hashes (4 values each), so that near-duplicates written by different people are found by equal
-- bands. A message's fingerprint goes with the message (retention, erasure) and with its contact.
create table authenticity_fingerprints (
    message_id      uuid primary key references messages(id) on delete cascade,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    channel_id      uuid not null,
    conversation_id uuid not null,
    contact_id      uuid not null references contacts(id) on delete cascade,
    at              timestamptz not null,
    signature       integer[] not null
);
create index authenticity_fingerprints_at on authenticity_fingerprints (workspace_id, at);

create table authenticity_fingerprint_bands (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    band         smallint not null,
    hash         integer not null,
    message_id   uuid not null references authenticity_fingerprints(message_id) on delete cascade,
    primary key (workspace_id, band, hash, message_id)
);
create index authenticity_fingerprint_bands_message on authenticity_fingerprint_bands (message_id);
