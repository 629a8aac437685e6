-- A contact's conversations, newest first: the first page of the contact's timeline reads only these.
create index conversations_contact_recent on conversations(contact_id, last_message_at desc);
drop index conversations_contact;
