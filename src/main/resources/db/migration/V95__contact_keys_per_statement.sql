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

create function contact_keys_of_new_identities() returns trigger language plpgsql as $$
begin
    insert into contact_keys(source_id, sig, workspace_id, contact_id, k)
    select i.id, s.sig, i.workspace_id, i.contact_id, s.k
    from added i
    cross join lateral (values ('p', contact_phone_key(i.kind, i.value)),
                               ('e', case when i.kind = 'email' then contact_email_local(i.value) end),
                               ('h', case when i.kind like 'handle:%' then contact_handle_key(i.value) end)) as s(sig, k)
    where s.k is not null;
    return null;
end $$;

create trigger identities_keys_added after insert on identities
    referencing new table as added for each statement execute function contact_keys_of_new_identities();
create trigger identities_keys after update of contact_id, kind, value or delete on identities
    for each row execute function contact_keys_of_identity();
