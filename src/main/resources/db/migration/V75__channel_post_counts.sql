-- What the network counts on each of the account's posts, as last read: likes (favourites), shares (boosts,
-- reposts) and replies; null where the network does not say.
alter table channel_posts add column likes bigint, add column shares bigint, add column replies bigint;
