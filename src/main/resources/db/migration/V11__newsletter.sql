-- Newsletter subscribers of a workspace's blog, with double opt-in, and what was sent to them.
create table newsletter_subscribers (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    contact_id      uuid not null references contacts(id) on delete cascade,
    email           text not null,
    status          text not null check (status in ('pending', 'active', 'unsubscribed', 'bounced')),
    token           text not null unique,
    consent_id      uuid,
    created_at      timestamptz not null default now(),
    confirmed_at    timestamptz,
    unsubscribed_at timestamptz,
    unique (workspace_id, email)
);
create index newsletter_subscribers_contact on newsletter_subscribers(contact_id);

create table newsletter_sendings (
    id              uuid primary key,
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    post_id         uuid,
    subject         text not null,
    recipients      integer not null,
    failures        integer not null,
    sent_at         timestamptz not null default now()
);
