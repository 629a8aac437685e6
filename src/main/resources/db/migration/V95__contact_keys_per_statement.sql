-- The keys of new contacts and identities are written once per statement, from the statement's new rows, instead
-- of once per row: a batch of messages or an import that creates thousands of contacts ran an insert (and the name's
-- key function twice) for each of them. Changes and deletions stay per row, as before; the keys are the same.
drop trigger contacts_keys on contacts;
drop trigger identities_keys on identities;

create function contact_keys_of_new_contacts() returns trigger language plpgsql as $$
begin
    insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
    select c.id, 'n', c.workspace_id, c.id, c.k
    from (select id, workspace_id, contact_name_key(name) as k from added) as c
    where c.k is not null;
    return null;
end $$;

create trigger contacts_keys_added after insert on contacts
    referencing new table as added for each statement execute function contact_keys_of_new_contacts();
create trigger contacts_keys after update of name on contacts
    for each row execute function contact_keys_of_contact();

-- The keys of one identity, those that apply: its phone number, its address's local part, its handle.
create function contact_identity_keys(kind text, value text) returns table(sig char(1), k text)
    language sql immutable parallel safe as $$
    select s.sig, s.k
    from (values ('p', contact_phone_key(kind, value)),
                 ('e', case when kind = 'email' then contact_email_local(value) end),
                 ('h', case when kind like 'handle:%' then contact_handle_key(value) end)) as s(sig, k)
    where s.k is not null
$$;

create function contact_keys_of_new_identities() returns trigger language plpgsql as $$
begin
    insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
    select i.id, s.sig, i.workspace_id, i.contact_id, s.k
    from added i cross join lateral contact_identity_keys(i.kind, i.value) as s;
    return null;
end $$;

create or replace function contact_keys_of_identity() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        delete from contact_keys where source_id = old.id;
    end if;
    if tg_op = 'UPDATE' then
        insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
        select new.id, s.sig, new.workspace_id, new.contact_id, s.k from contact_identity_keys(new.kind, new.value) as s;
    end if;
    return null;
end $$;

create trigger identities_keys_added after insert on identities
    referencing new table as added for each statement execute function contact_keys_of_new_identities();
create trigger identities_keys after update of contact_id, kind, value or delete on identities
    for each row execute function contact_keys_of_identity();
