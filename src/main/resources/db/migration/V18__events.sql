-- Events (fairs, congresses, conferences, meetups), the contacts attending them, and the meetings the team plans
-- there and logs afterwards.

create table events (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    name            text not null check (btrim(name) <> ''),
    kind            text not null check (kind in ('fair', 'congress', 'conference', 'meetup', 'other')),
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    place           text not null default '',
    city            text not null default '',
    website         text not null default '',
    notes           text not null default '',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (ends_at >= starts_at)
);
create index events_workspace_starts on events(workspace_id, starts_at);

-- A contact attending an event. Not unique per (event, contact) in the database: when two contacts who both attend
-- are merged, both rows move to the survivor, so that undoing the merge can give each back; the application adds a
-- contact to an event only once.
create table event_attendees (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    event_id        uuid not null references events(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    organisation    text not null default '',
    role            text not null default '',
    source          text not null default 'manual' check (source in ('manual', 'import')),
    added_at        timestamptz not null default now()
);
create index event_attendees_event on event_attendees(event_id, contact_id);
create index event_attendees_contact on event_attendees(contact_id);

-- A meeting planned with an attendee, and after the event whether it took place and what was said. A met meeting
-- points to the offline activity it was logged as.
create table event_meetings (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    event_id        uuid not null references events(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    at              timestamptz not null,
    place           text not null default '',
    member_id       uuid references users(id) on delete set null,
    goal            text not null default '',
    outcome         text check (outcome in ('met', 'not_met')),
    summary         text not null default '',
    message_id      uuid references messages(id) on delete set null,
    conversation_id uuid references conversations(id) on delete set null,
    logged_at       timestamptz,
    logged_by       uuid references users(id) on delete set null,
    created_at      timestamptz not null default now()
);
create index event_meetings_event on event_meetings(event_id, at);
create index event_meetings_contact on event_meetings(contact_id);
