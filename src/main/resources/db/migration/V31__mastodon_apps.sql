-- Rapport as a registered application on each Mastodon instance it signs in to (POST /api/v1/apps), so that
-- managers sign in with the instance instead of copying tokens. The client secret is sealed like every credential.
create table mastodon_apps (
    instance       text not null,
    redirect_uri   text not null,
    client_id      text not null,
    client_secret  text not null,
    created_at     timestamptz not null default now(),
    primary key (instance, redirect_uri)
);
