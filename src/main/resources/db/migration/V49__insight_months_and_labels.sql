-- Insights: monthly summaries, added up from the daily ones (insight_days) by the same background work, so that a
-- year by month reads a dozen rows per dimension instead of 365. Same columns as insight_days; month = its first day.
create table insight_months (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    month               date not null check (extract(day from month) = 1),
    dimension           text not null check (dimension in ('all', 'channel', 'member')),
    key                 uuid not null,
    conversations       bigint not null,
    needing             bigint not null,
    answered            bigint not null,
    two_way             bigint not null,
    turns               bigint not null,
    frt_n bigint not null, frt_sum double precision not null, frt bytea,
    frtb_n bigint not null, frtb_sum double precision not null, frtb bytea,
    res_n bigint not null, res_sum double precision not null, res bytea,
    resb_n bigint not null, resb_sum double precision not null, resb bytea,
    primary key (workspace_id, dimension, key, month)
);

-- The months of what is summarised already are made on the first run.
insert into insight_day_changes(workspace_id, at)
select distinct workspace_id, date_bin('15 minutes', opened_at, timestamptz '2000-01-01 00:00:00+00') from insight_openings;

-- Insights' own read model of the conversations' labels, for the label filter: kept from the inbox's
-- ConversationLabelled events, made anew by a rebuild from InboxHistory.forEachLabelled. As insight_openings, a row
-- goes with its conversation.
create table insight_conversation_labels (
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    conversation_id     uuid not null references conversations(id) on delete cascade,
    label               text not null,
    primary key (workspace_id, label, conversation_id)
);
create index insight_conversation_labels_conversation on insight_conversation_labels(conversation_id);

-- The labels conversations have already (once, as the migration runs; afterwards only from the inbox's events).
insert into insight_conversation_labels(workspace_id, conversation_id, label)
select distinct workspace_id, id, unnest(labels) from conversations;
