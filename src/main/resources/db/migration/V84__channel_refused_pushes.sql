-- Pushes to a channel's hook that its network's proof did not cover (a wrong or missing signature or secret token):
-- how many, and when the last came, for the channel's health.
alter table channels add column refused_pushes integer not null default 0;
alter table channels add column last_refused_push_at timestamptz;
