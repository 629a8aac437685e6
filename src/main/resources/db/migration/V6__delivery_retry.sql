-- Replies that could not leave are tried again later, with growing pauses.
alter table messages add column delivery_attempts integer not null default 0;
alter table messages add column next_attempt_at timestamptz;
create index messages_retry on messages(next_attempt_at) where delivery = 'failed' and next_attempt_at is not null;
