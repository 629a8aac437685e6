-- Triage: every inbound message a person sent is given a kind (question, complaint, praise, data-request, other), a
-- sentiment (negative, neutral, positive) and a language (ISO 639-1, 'other' or 'unknown') as it arrives, null where
-- nothing triaged it. A conversation shows the triage of its newest triaged message (triaged_at: that message's time)
-- or what a member corrected it to; the inbox list filters on kind and sentiment.
alter table messages add column triage_kind text, add column triage_sentiment text, add column triage_language text;
alter table conversations add column triage_kind text, add column triage_sentiment text, add column triage_language text,
    add column triaged_at timestamptz, add column triage_corrected boolean not null default false;

create index conversations_triage_kind on conversations (workspace_id, triage_kind, last_message_at desc, id desc)
    where not spam;
create index conversations_triage_sentiment on conversations (workspace_id, triage_sentiment, last_message_at desc, id desc)
    where not spam;

-- The team's corrections teach the triage: judgements of kind 'triage-kind', 'triage-sentiment' and
-- 'triage-language' (the message's text and the corrected value), and a 'triage' model whose version tells every node
-- to learn anew.
alter table authenticity_judgements drop constraint authenticity_judgements_check;
alter table authenticity_judgements add constraint authenticity_judgements_check check (
    kind = 'profiles' and label in ('bought', 'genuine')
    or kind = 'comments' and label in ('spam', 'ham')
    or kind = 'triage-kind' and label in ('question', 'complaint', 'praise', 'data-request', 'other')
    or kind = 'triage-sentiment' and label in ('negative', 'neutral', 'positive')
    or kind = 'triage-language');
alter table authenticity_models drop constraint authenticity_models_kind_check;
alter table authenticity_models add constraint authenticity_models_kind_check
    check (kind in ('profiles', 'comments', 'triage'));

-- Routing by triage: a workspace may send new unassigned conversations of a kind to one member (complaints to a
-- person, data requests to the privacy officer), applied as they arrive.
create table inbox_triage_routes (
    workspace_id uuid not null references workspaces(id) on delete cascade,
    kind         text not null check (kind in ('complaint', 'data-request')),
    assignee_id  uuid not null references users(id) on delete cascade,
    primary key (workspace_id, kind)
);
