-- Merges of two contacts, kept so that each merge can be undone exactly, and duplicate suggestions.
create extension if not exists fuzzystrmatch;

-- One row per merge: the absorbed contact as it was (row, identities, consents), the survivor before and right
-- after, and the ids of every row that was moved. No foreign keys to contacts: the absorbed contact is gone
-- while the merge stands, and the record must outlive later changes to the survivor.
create table contact_merges (
    id                  uuid primary key,
    seq                 bigint generated always as identity,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    survivor_id         uuid not null,
    absorbed_id         uuid not null,
    absorbed            jsonb not null,
    identities          jsonb not null,
    consents            jsonb not null,
    survivor_before     jsonb not null,
    survivor_after      jsonb not null,
    moved               jsonb not null,
    merged_by           uuid references users(id) on delete set null,
    merged_at           timestamptz not null default now(),
    undone_by           uuid references users(id) on delete set null,
    undone_at           timestamptz
);
create index contact_merges_survivor on contact_merges(workspace_id, survivor_id, seq);
create index contact_merges_absorbed on contact_merges(workspace_id, absorbed_id, seq);

-- Pairs a person said are not the same; never suggested again. contact_a < contact_b.
create table duplicate_dismissals (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    contact_a           uuid not null,
    contact_b           uuid not null,
    dismissed_by        uuid references users(id) on delete set null,
    dismissed_at        timestamptz not null default now(),
    primary key (workspace_id, contact_a, contact_b),
    check (contact_a < contact_b)
);

-- Blocking keys for duplicate suggestions. Candidates are only pairs that share a key, so the suggestions never
-- compare every pair; each key has an index, so a key's block is found without reading the whole table.

-- A name in lower case, umlauts folded (ä -> ae), accents and punctuation removed, spaces collapsed.
create function contact_name_key(name text) returns text
    language sql immutable strict parallel safe
return nullif(btrim(lower(regexp_replace(regexp_replace(
    translate(
        replace(replace(replace(replace(replace(replace(replace(name,
            'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
        'ÁÀÂÃÅÉÈÊËÍÌÎÏÓÒÔÕØÚÙÛÑÇÝáàâãåéèêëíìîïóòôõøúùûñçýÿ',
        'AAAAAEEEEIIIIOOOOOUUUNCYaaaaaeeeeiiiiooooouuuncyy'),
    '[^A-Za-z0-9 ]+', '', 'g'), '\s+', ' ', 'g'))), '');

-- The part of an email address before the @, without +tags, dots, hyphens and underscores.
create function contact_email_local(address text) returns text
    language sql immutable strict parallel safe
return nullif(regexp_replace(split_part(split_part(address, '@', 1), '+', 1), '[._-]+', '', 'g'), '');

-- The digits of a phone number, in E.164 without '+'; for handles that are phone numbers (messengers), the same,
-- reading a national number as German like Identities.normalise does. Null for anything that is not a number.
create function contact_phone_key(kind text, value text) returns text
    language sql immutable strict parallel safe
return case
    when kind = 'phone' then regexp_replace(value, '[^0-9]', '', 'g')
    when kind like 'handle:%' and value ~ '^\+?[0-9][0-9()/.-]{5,23}$' then
        case
            when value like '+%' then regexp_replace(value, '[^0-9]', '', 'g')
            when value like '00%' then substr(regexp_replace(value, '[^0-9]', '', 'g'), 3)
            when value like '0%' then '49' || substr(regexp_replace(value, '[^0-9]', '', 'g'), 2)
            else regexp_replace(value, '[^0-9]', '', 'g')
        end
    end;

-- A handle without its instance (mastodon: anna@chaos.social -> anna).
create function contact_handle_key(value text) returns text
    language sql immutable strict parallel safe
return nullif(split_part(value, '@', 1), '');

create index contacts_name_key on contacts(workspace_id, contact_name_key(name));
create index identities_email_local on identities(workspace_id, contact_email_local(value)) where kind = 'email';
create index identities_phone_key on identities(workspace_id, contact_phone_key(kind, value))
    where contact_phone_key(kind, value) is not null;
create index identities_handle_key on identities(workspace_id, contact_handle_key(value)) where kind like 'handle:%';
