-- Reaching out personally: reminders to get in touch, what we gave first (recommendations, introductions, shares),
-- and contacts a member took off the reach-out list for a while.

-- A reminder is either once (due_at) or "stay in touch every N weeks" (every_weeks): then it is due N weeks after
-- the later of anchor_at (creation, or when it was last marked done) and the last message or activity with the
-- contact, so that any contact pushes it back by itself. mailed_for is the due time a mail went out for, so that
-- each due time is mailed at most once.
create table reminders (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    note            text not null default '',
    due_at          timestamptz,
    every_weeks     integer check (every_weeks between 1 and 520),
    anchor_at       timestamptz not null default now(),
    assignee_id     uuid references users(id) on delete set null,
    created_by      uuid references users(id) on delete set null,
    created_at      timestamptz not null default now(),
    done_at         timestamptz,
    mailed_for      timestamptz,
    mailed_at       timestamptz,
    mail_error      text,
    check ((due_at is null) <> (every_weeks is null))
);
create index reminders_contact on reminders(contact_id);
create index reminders_open on reminders(workspace_id, contact_id) where done_at is null;

-- Something we gave the contact first: a recommendation of them or their work, an introduction to another contact
-- (other_contact_id; it shows on both timelines), or a share of their content (url).
create table gifts (
    id               uuid primary key,
    workspace_id     uuid not null references workspaces(id) on delete cascade,
    contact_id       uuid not null references contacts(id) on delete cascade,
    kind             text not null check (kind in ('recommendation', 'introduction', 'share')),
    other_contact_id uuid references contacts(id) on delete cascade,
    url              text not null default '',
    note             text not null default '',
    occurred_at      timestamptz not null,
    created_by       uuid references users(id) on delete set null,
    by_name          text not null default '',
    created_at       timestamptz not null default now(),
    check ((kind = 'introduction') = (other_contact_id is not null))
);
create index gifts_contact on gifts(contact_id, occurred_at desc);
create index gifts_other_contact on gifts(other_contact_id, occurred_at desc) where other_contact_id is not null;

-- "Not now": the contact stays off the reach-out list until the given time.
create table reach_out_dismissals (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    until           timestamptz not null,
    dismissed_by    uuid references users(id) on delete set null,
    dismissed_at    timestamptz not null default now()
);
create index reach_out_dismissals_contact on reach_out_dismissals(workspace_id, contact_id, until);
