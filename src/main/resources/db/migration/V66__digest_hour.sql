-- The hour of the workspace's day from which a member's daily digest goes out (7 until now for everyone).
alter table notification_settings add column digest_hour smallint not null default 7 check (digest_hour between 0 and 23);
