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
-- compare every pair.

-- A name in lower case, umlauts folded (ä -> ae), accents and punctuation removed, its words in alphabetical order
-- (so that "Schmidt, Anna" is "anna schmidt").
create function contact_name_key(name text) returns text
    language sql immutable strict parallel safe
return nullif(array_to_string(array(select w from unnest(regexp_split_to_array(lower(regexp_replace(
    translate(
        replace(replace(replace(replace(replace(replace(replace(name,
            'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
        'ÁÀÂÃÅÉÈÊËÍÌÎÏÓÒÔÕØÚÙÛÑÇÝáàâãåéèêëíìîïóòôõøúùûñçýÿ',
        'AAAAAEEEEIIIIOOOOOUUUNCYaaaaaeeeeiiiiooooouuuncyy'),
    '[^A-Za-z0-9\s]+', '', 'g')), '\s+')) as w where w <> '' order by w), ' '), '');

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

-- The keys of every contact, kept up to date by triggers, so that finding the blocks of a workspace reads one
-- index instead of normalising every name and address again. One row per identity or name and kind of key.
create table contact_keys (
    source_id           uuid not null,
    sig                 char(1) not null check (sig in ('n', 'e', 'p', 'h')),
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    contact_id          uuid not null references contacts(id) on delete cascade,
    k                   text not null,
    primary key (source_id, sig)
);
create index contact_keys_block on contact_keys(workspace_id, sig, k, contact_id);
create index contact_keys_contact on contact_keys(contact_id);

create function contact_keys_of_identity() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        delete from contact_keys where source_id = old.id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
        select new.id, s.sig, new.workspace_id, new.contact_id, s.k
        from (values ('p', contact_phone_key(new.kind, new.value)),
                     ('e', case when new.kind = 'email' then contact_email_local(new.value) end),
                     ('h', case when new.kind like 'handle:%' then contact_handle_key(new.value) end)) as s(sig, k)
        where s.k is not null;
    end if;
    return null;
end $$;

create trigger identities_keys after insert or update of contact_id, kind, value or delete on identities
    for each row execute function contact_keys_of_identity();

create function contact_keys_of_contact() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        delete from contact_keys where source_id = old.id and sig = 'n';
    end if;
    insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
    select new.id, 'n', new.workspace_id, new.id, contact_name_key(new.name)
    where contact_name_key(new.name) is not null;
    return null;
end $$;

create trigger contacts_keys after insert or update of name on contacts
    for each row execute function contact_keys_of_contact();

insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
select id, 'n', workspace_id, id, contact_name_key(name) from contacts where contact_name_key(name) is not null;
insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
select i.id, s.sig, i.workspace_id, i.contact_id, s.k
from identities i
cross join lateral (values ('p', contact_phone_key(i.kind, i.value)),
                           ('e', case when i.kind = 'email' then contact_email_local(i.value) end),
                           ('h', case when i.kind like 'handle:%' then contact_handle_key(i.value) end)) as s(sig, k)
where s.k is not null;
