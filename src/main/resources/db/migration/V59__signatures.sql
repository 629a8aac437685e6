-- Signatures under replies: each member's own (platform owns users) and a channel's (channels owns channels).
-- Empty means none. A channel's may name {name} (the replying member) and {workspace}.
alter table users add column signature text not null default '';
alter table channels add column signature text not null default '';
