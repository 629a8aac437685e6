-- The inbox's orders other than "newest" (waiting longest first; by priority) as columns kept by a trigger, so that
-- an index serves them: a page of the list reads 50 rows along the index instead of sorting every open conversation.
-- The expressions are those the list ordered by before; extract(epoch from timestamptz) is not immutable, so they
-- cannot be an expression index or a generated column.
alter table conversations
    add column sort_wait_rank numeric,
    add column sort_wait_time numeric,
    add column sort_kind_rank numeric,
    add column sort_sentiment_rank numeric;

create function conversations_sort_keys() returns trigger language plpgsql as $$
begin
    new.sort_wait_rank := case when new.waiting_since is null then 1 else 0 end;
    new.sort_wait_time := case when new.waiting_since is null then -extract(epoch from new.last_message_at)
                               else extract(epoch from new.waiting_since) end;
    new.sort_kind_rank := case when new.triage_kind in ('data-request', 'complaint') then 0
                               when new.triage_kind = 'question' then 1 else 2 end;
    new.sort_sentiment_rank := case when new.triage_sentiment = 'negative' then 0 else 1 end;
    return new;
end
$$;

create trigger conversations_sort_keys before insert or update of waiting_since, last_message_at, triage_kind,
    triage_sentiment on conversations for each row execute function conversations_sort_keys();

update conversations set
    sort_wait_rank = case when waiting_since is null then 1 else 0 end,
    sort_wait_time = case when waiting_since is null then -extract(epoch from last_message_at)
                          else extract(epoch from waiting_since) end,
    sort_kind_rank = case when triage_kind in ('data-request', 'complaint') then 0
                          when triage_kind = 'question' then 1 else 2 end,
    sort_sentiment_rank = case when triage_sentiment = 'negative' then 0 else 1 end;

alter table conversations
    alter column sort_wait_rank set not null,
    alter column sort_wait_time set not null,
    alter column sort_kind_rank set not null,
    alter column sort_sentiment_rank set not null;

create index conversations_oldest on conversations (workspace_id, status, sort_wait_rank, sort_wait_time, id)
    where not spam;
create index conversations_priority on conversations (workspace_id, status, sort_kind_rank, sort_sentiment_rank,
    sort_wait_rank, sort_wait_time, id) where not spam;
