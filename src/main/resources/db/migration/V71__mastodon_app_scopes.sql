-- The scopes Rapport registered itself with on an instance. Replies with files need write:media besides read and
-- write:statuses; a registration with fewer scopes is made anew at the next sign-in, since an instance refuses to
-- authorise scopes its application was not registered with.
alter table mastodon_apps add column scopes text not null default 'read write:statuses';
