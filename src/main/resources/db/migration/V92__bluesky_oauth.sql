-- atproto OAuth next to the app password. A session made by "Sign in with Bluesky" is a row of bluesky_sessions
-- like one made with an app password (service = the account's PDS, identifier = its handle), with the ES256 key its
-- tokens are bound to (DPoP, sealed), the authorization server that issued them, the client id Rapport signed in
-- with (a refresh must name the same one) and when the access token expires. password_digest holds the digest of
-- the grant the channel's config carries instead of an app password.
alter table bluesky_sessions
    add column dpop_key          text,
    add column issuer            text,
    add column client_id         text,
    add column access_expires_at timestamptz;

-- Sign-ins under way, by their OAuth state: what the pushed authorization request was made for, so that the
-- callback checks the issuer and the account and exchanges the code with the same DPoP key. Rows older than an
-- hour are forgotten.
create table bluesky_oauth_requests (
    state          text primary key,
    issuer         text not null,
    token_endpoint text not null,
    pds            text,
    did            text,
    handle         text,
    client_id      text not null,
    redirect_uri   text not null,
    dpop_key       text not null,
    created_at     timestamptz not null default now()
);
