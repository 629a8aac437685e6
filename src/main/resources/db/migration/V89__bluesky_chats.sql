-- Direct messages of a Bluesky account: how far its chat log (chat.bsky.convo.getLog) was read, as the rev of the
-- newest event taken in (null until the first read, which starts from the log's end), and what the chat service last
-- said when it would not answer (an app password without access to direct messages), shown in the channel's health
-- while mentions and replies go on.
alter table bluesky_accounts add column chat_cursor text;
alter table bluesky_accounts add column chat_problem text not null default '';
