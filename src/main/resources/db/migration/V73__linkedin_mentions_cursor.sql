-- How far the organisation's notifications were read back for posts that mention the page (the end of the time range
-- last read completely): the next catch-up asks from a little before it, so a mention the webhook missed arrives once.
alter table linkedin_accounts add column mentions_read_until timestamptz;
