-- Spam in the inbox. Every inbound message a person sent is scored by the workspace's learned spam filter as it
-- arrives (spam_score, null where nothing scored it: outbound, automated, notes, or no filter); spam marks what the
-- filter or the team judged spam. A conversation judged spam leaves the normal views for the Spam view (nothing is
-- deleted) and waits for no answer; "Not spam" brings it back.
alter table messages add column spam_score real;
alter table messages add column spam boolean not null default false;
alter table conversations add column spam boolean not null default false;

-- The Spam view, newest first; the normal views read the existing indexes and skip the few spam rows.
create index conversations_spam on conversations (workspace_id, last_message_at desc, id desc) where spam;
